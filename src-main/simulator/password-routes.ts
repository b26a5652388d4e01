/**
 * Passwords on the simulator: change with the current password, and "mot de passe oublié" with
 * a code e-mailed to the personal address (valid 1 hour). Every new password meets the policy.
 */
import { JOURNEY_PATHS, PasswordChangeRequest, PasswordResetRequest } from '../api/wire-journeys';
import type { PasswordChanged } from '../api/wire-journeys';
import { checkUnder, type AccountRecord, type PasswordOutcome } from './backends';
import { apiError, json, type Reply } from './http';
import {
  RESET_CODE_TTL_MS,
  acceptNewPassword,
  accountStatusOf,
  findAccount,
  journeyError,
  requireStatus,
  sendCode,
} from './journey-support';
import { credentialAttempt } from './rate-limits';
import { claimProof, unlockAfterGrant } from './grant-proof';
import { defineRoute, pathTemplate, type Route, type SimulatorEnv } from './router';
import { readPassword } from './sealing-key';
import { isoSeconds } from './time';

const path = (build: (identifier: string) => string) => pathTemplate(build, 'identifier');

/** The account's own store (the directory's policy: history, age) refused the new password. */
function directoryRefusal(): Reply {
  return journeyError(422, 'password_policy', 'the directory refused this password', {
    violations: [],
  });
}

/** One answer for an unknown account and a wrong password: nobody learns which it was. */
export function invalidCredentials(): Reply {
  return journeyError(403, 'invalid_credentials', 'wrong identifier or password');
}

/**
 * The password check of a change, a login or a redirection queued with the password, limited per
 * account and per kiosk: the attempt is reserved before the password is compared (429 once the
 * limit is used up), so parallel guesses cannot overtake it. A locked account is told it is
 * locked (its status is no secret); an unknown account and a wrong password get one answer.
 */
export async function checkPassword(
  env: SimulatorEnv,
  identifier: string,
  device: { deviceId: string } | null,
  password: string,
): Promise<{ ok: true; student: AccountRecord } | { ok: false; reply: Reply }> {
  const attempt = credentialAttempt(identifier, device?.deviceId ?? '');
  const reserved = await env.backends.attempts.reserve(attempt);
  if (!reserved.ok) return reserved;
  const { accounts } = env.backends;
  const { student, outcome } = await checkUnder(
    reserved.held,
    async () => {
      const student = await accounts.find(identifier);
      const outcome: PasswordOutcome = student
        ? await accounts.verifyPassword(identifier, password)
        : 'wrong';
      return { student, outcome };
    },
    (checked) => checked.outcome === 'ok',
  );
  if (student && outcome === 'ok') return { ok: true, student };
  if (student && outcome === 'locked') {
    const reply = journeyError(409, 'account_state', 'the account is locked', {
      accountStatus: 'locked',
    });
    return { ok: false, reply };
  }
  return { ok: false, reply: invalidCredentials() };
}

/** 200 with the account after a password was set or changed. */
export async function changed(identifier: string, env: SimulatorEnv): Promise<Reply> {
  const student = await env.backends.accounts.find(identifier);
  if (!student) return apiError(404, 'not_found', 'no such account');
  const body: PasswordChanged = {
    changedAt: isoSeconds(env.clock.now()),
    account: accountStatusOf(student, env),
  };
  return json(body);
}

const changePassword = defineRoute({
  method: 'POST',
  path: path(JOURNEY_PATHS.passwordChange),
  auth: 'kiosk',
  body: PasswordChangeRequest,
  handle: async ({ params, body, env, device }) => {
    const current = await readPassword(env.state.sealing, body.currentPassword);
    if (!current.ok) return current.reply;
    const checked = await checkPassword(env, params.identifier ?? '', device, current.value);
    if (!checked.ok) return checked.reply;
    const { student } = checked;
    // Told only to whoever knows the password (or, where the directory locked the account
    // itself, to anyone: checkPassword answers that lock before any password is compared).
    const wrongState = requireStatus(student, 'active');
    if (wrongState) return wrongState;
    const next = await acceptNewPassword(student, body.newPassword, env);
    if (!next.ok) return next.reply;
    if (
      !(await env.backends.accounts.changePassword(student.identifier, current.value, next.value))
    )
      return directoryRefusal();
    await env.backends.events.record(student.identifier, 'password_changed');
    return changed(student.identifier, env);
  },
});

const sendResetEmail = defineRoute({
  method: 'POST',
  path: path(JOURNEY_PATHS.passwordResetEmail),
  auth: 'kiosk',
  body: null,
  handle: async ({ params, env }) => {
    const found = await findAccount(env, params.identifier);
    if (!found.ok) return found.reply;
    // A locked or disabled account needs the desk; a not activated one, activation.
    const wrongState = requireStatus(found.student, 'active');
    if (wrongState) return wrongState;
    return sendCode(found.student, 'password_reset', RESET_CODE_TTL_MS, env);
  },
});

const resetPassword = defineRoute({
  method: 'POST',
  path: path(JOURNEY_PATHS.passwordReset),
  auth: 'kiosk',
  body: PasswordResetRequest,
  handle: async ({ params, body, env }) => {
    const found = await findAccount(env, params.identifier);
    if (!found.ok) return found.reply;
    const { student } = found;
    // With a staff grant (identity checked at the desk) a locked account may be reset too.
    const viaGrant = body.proof.method === 'staff_grant' && student.account.status === 'locked';
    const wrongState = viaGrant ? null : requireStatus(student, 'active');
    if (wrongState) return wrongState;
    const proof = await claimProof(student, 'password_reset', body.proof, env);
    if (!proof.ok) return proof.reply;
    let done = false;
    try {
      const next = await acceptNewPassword(student, body.newPassword, env);
      if (!next.ok) return next.reply;
      await env.backends.accounts.setPassword(student.identifier, next.value);
      await env.backends.events.record(student.identifier, 'password_reset', {
        detail: proof.method,
      });
      if (viaGrant) await unlockAfterGrant(student, env);
      done = true;
      return await changed(student.identifier, env);
    } finally {
      await proof.settle(done);
    }
  },
});

/** The password endpoints. */
export const PASSWORD_ROUTES: readonly Route[] = [changePassword, sendResetEmail, resetPassword];
