/**
 * What the simulator's journey routes share: error replies with the journey codes, the account
 * status body, the server-side password policy, and "sending" an e-mail with a code.
 */
import type { AccountStatusResponse } from '../api/wire';
import type { PasswordInput } from '../api/wire-sealing';
import type { JourneyApiErrorCode } from '../api/wire-journeys';
import { academicYearOf } from '../core/academic-year';
import { maskEmail } from '../core/email';
import { loadDictionary } from '../core/password-dictionary';
import { checkPassword, type PasswordRuleId } from '../core/password-policy';
import { activationAvailableAt } from './student-wire';
import type { AccountRecord } from './backends';
import { apiError, json, type Reply } from './http';
import type { SimulatorEnv } from './router';
import type { CodePurpose } from './journey-state';
import type { EventFields } from './account-events';
import { readPassword } from './sealing-key';
import { isoSeconds } from './time';

/** The activation e-mail's code works for 24 hours (the institution's pages say so). */
export const ACTIVATION_CODE_TTL_MS = 24 * 3600_000;
/** A reset code is short-lived: it replaces a password. */
export const RESET_CODE_TTL_MS = 3600_000;

/** An error reply with a journey code and, for some codes, the fields that explain it. */
export function journeyError(
  status: number,
  code: JourneyApiErrorCode,
  message: string,
  extra: Record<string, unknown> = {},
): Reply {
  return { status, body: { code, message, ...extra } };
}

/** The account named by the path, read through the backends, or the 404 reply. */
export async function findAccount(
  env: SimulatorEnv,
  identifier: string | undefined,
): Promise<{ ok: true; student: AccountRecord } | { ok: false; reply: Reply }> {
  const student = await env.backends.accounts.find(identifier ?? '');
  if (student) return { ok: true, student };
  return { ok: false, reply: apiError(404, 'not_found', 'no such account') };
}

/** The account's state as GET /v1/accounts/{identifier} answers it. */
export function accountStatusOf(student: AccountRecord, env: SimulatorEnv): AccountStatusResponse {
  return {
    identifier: student.identifier,
    ...student.account,
    activationAvailableAt: activationAvailableAt(student, env.settings.activationDelayMinutes),
  };
}

/** 409 `account_state` unless the account has the status the operation needs. */
export function requireStatus(
  student: AccountRecord,
  status: AccountRecord['account']['status'],
): Reply | null {
  if (student.account.status === status) return null;
  return journeyError(409, 'account_state', `the account is ${student.account.status}`, {
    accountStatus: student.account.status,
  });
}

/**
 * Why activation cannot start now, or null: the account must be not activated, enrolled this
 * academic year, and the latest enrolment validated at least the delay ago.
 */
export function activationRefusal(student: AccountRecord, env: SimulatorEnv): Reply | null {
  const wrongState = requireStatus(student, 'not_activated');
  if (wrongState) return wrongState;
  const now = env.clock.now();
  const year = academicYearOf(now, env.settings.timeZone);
  if (!student.enrollments.some((e) => e.academicYear === year)) {
    return journeyError(409, 'no_enrollment', 'no enrolment this academic year');
  }
  const availableAt = activationAvailableAt(student, env.settings.activationDelayMinutes);
  if (availableAt !== null && now.getTime() < Date.parse(availableAt)) {
    return journeyError(409, 'too_early', 'activation is not open yet', { availableAt });
  }
  return null;
}

/** The rules of the institution's policy a new password breaks, with the student's own data. */
export async function policyViolations(
  student: AccountRecord,
  password: string,
  env: SimulatorEnv,
): Promise<PasswordRuleId[]> {
  const personal = {
    identifier: student.identifier,
    firstName: student.firstName,
    lastName: student.lastName,
    birthDate: student.birthDate,
  };
  const dictionary = await loadDictionary();
  return checkPassword(password, env.settings.passwordPolicy, personal, dictionary).violations;
}

/** 422 `password_policy` with the broken rules, or null when the password may be set. */
export async function policyRefusal(
  student: AccountRecord,
  password: string,
  env: SimulatorEnv,
): Promise<Reply | null> {
  const violations = await policyViolations(student, password, env);
  if (violations.length === 0) return null;
  return journeyError(422, 'password_policy', 'the password breaks the policy', { violations });
}

/** 403 `code_invalid` or 410 `code_expired`, as the code check found it. */
export function codeRefusal(reason: 'code_invalid' | 'code_expired'): Reply {
  return reason === 'code_expired'
    ? journeyError(410, 'code_expired', 'the code has expired; ask for a new e-mail')
    : journeyError(403, 'code_invalid', 'wrong code, or replaced by a newer one');
}

/** The refusal for a wrong or expired e-mail code, or null when the code is good. */
export async function codeCheckRefusal(
  student: AccountRecord,
  purpose: CodePurpose,
  code: string,
  env: SimulatorEnv,
): Promise<Reply | null> {
  const check = await env.backends.secrets.checkCode(student.identifier, purpose, code);
  return check.ok ? null : codeRefusal(check.reason);
}

/** The sealed new password, opened and checked against the policy; or the refusal. */
export async function acceptNewPassword(
  student: AccountRecord,
  sealed: PasswordInput,
  env: SimulatorEnv,
): Promise<{ ok: true; value: string } | { ok: false; reply: Reply }> {
  const password = await readPassword(env.state.sealing, sealed);
  if (!password.ok) return password;
  const refused = await policyRefusal(student, password.value, env);
  return refused ? { ok: false, reply: refused } : { ok: true, value: password.value };
}

const MESSAGES: Record<CodePurpose, { subject: string; page: string }> = {
  activation: {
    subject: 'Activez votre compte / Activate your account',
    page: 'activation',
  },
  password_reset: {
    subject: 'Réinitialisation du mot de passe / Password reset',
    page: 'password-reset',
  },
};

/**
 * Issues a code and "sends" it to the personal address: the message is captured in the mailbox
 * (the link carries the code, as the ENT's page expects). Answers 202 with the masked address.
 */
export async function sendCode(
  student: AccountRecord,
  purpose: CodePurpose,
  validForMs: number,
  env: SimulatorEnv,
  event: EventFields = {},
): Promise<Reply> {
  const to = student.personalEmail;
  if (!to) return journeyError(409, 'no_personal_email', 'no personal address is known');
  const { secrets, mail } = env.backends;
  const { code, expiresAt } = await secrets.issueCode(student.identifier, purpose, validForMs);
  const { subject, page } = MESSAGES[purpose];
  const base = env.settings.entUrl.replace(/\/+$/, '');
  await mail.send({
    to,
    kind: purpose,
    subject,
    code,
    link: `${base}/${page}?code=${code}`,
    sentAt: isoSeconds(env.clock.now()),
  });
  // The staff timeline shows activation e-mails (and who sent one on the student's behalf).
  if (purpose === 'activation')
    await env.backends.events.record(student.identifier, 'activation_email_sent', event);
  return json({ sentTo: maskEmail(to), expiresAt: isoSeconds(expiresAt) }, 202);
}
