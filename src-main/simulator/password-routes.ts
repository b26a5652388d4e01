/**
 * Passwords on the simulator: change with the current password, and "mot de passe oublié" with
 * a code e-mailed to the personal address (valid 1 hour). Every new password meets the policy.
 */
import { JOURNEY_PATHS, PasswordChangeRequest, PasswordResetRequest } from '../api/wire-journeys';
import type { PasswordChanged } from '../api/wire-journeys';
import type { DatasetStudent } from './dataset';
import { json, type Reply } from './http';
import {
  RESET_CODE_TTL_MS,
  acceptNewPassword,
  accountStatusOf,
  findStudent,
  journeyError,
  requireStatus,
  sendCode,
} from './journey-support';
import { credentialAttempt, refusal, settle } from './rate-limits';
import { claimProof, unlockAfterGrant } from './grant-proof';
import { defineRoute, pathTemplate, type Route, type SimulatorEnv } from './router';
import { readPassword } from './sealing-key';
import { isoSeconds } from './time';

const path = (build: (identifier: string) => string) => pathTemplate(build, 'identifier');

/** One answer for an unknown account and a wrong password: nobody learns which it was. */
export function invalidCredentials(): Reply {
  return journeyError(403, 'invalid_credentials', 'wrong identifier or password');
}

/**
 * The password check of a change, a login or a redirection queued with the password, limited per
 * account and per kiosk (429 once used up, before the password is compared).
 */
export function checkPassword(
  env: SimulatorEnv,
  identifier: string,
  device: { deviceId: string } | null,
  student: DatasetStudent | undefined,
  password: string,
): { ok: true; student: DatasetStudent } | { ok: false; reply: Reply } {
  const attempt = credentialAttempt(identifier, device?.deviceId ?? '');
  const limited = refusal(env.state.limits, attempt);
  if (limited) return { ok: false, reply: limited };
  const right = student !== undefined && env.state.journeys.verifyPassword(student, password);
  settle(env.state.limits, attempt, right);
  return right ? { ok: true, student } : { ok: false, reply: invalidCredentials() };
}

function changed(student: DatasetStudent, env: SimulatorEnv): Reply {
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
    const known = env.state.studentByIdentifier(params.identifier ?? '');
    if (!current.ok) return current.reply;
    const checked = checkPassword(env, params.identifier ?? '', device, known, current.value);
    if (!checked.ok) return checked.reply;
    const { student } = checked;
    // Told only to whoever knows the password.
    const wrongState = requireStatus(student, 'active');
    if (wrongState) return wrongState;
    const next = await acceptNewPassword(student, body.newPassword, env);
    if (!next.ok) return next.reply;
    env.state.journeys.setPassword(student, next.value);
    env.state.events.record(student.identifier, 'password_changed');
    return changed(student, env);
  },
});

const sendResetEmail = defineRoute({
  method: 'POST',
  path: path(JOURNEY_PATHS.passwordResetEmail),
  auth: 'kiosk',
  body: null,
  handle: ({ params, env }) => {
    const found = findStudent(env, params.identifier);
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
    const found = findStudent(env, params.identifier);
    if (!found.ok) return found.reply;
    const { student } = found;
    // With a staff grant (identity checked at the desk) a locked account may be reset too.
    const viaGrant = body.proof.method === 'staff_grant' && student.account.status === 'locked';
    const wrongState = viaGrant ? null : requireStatus(student, 'active');
    if (wrongState) return wrongState;
    const proof = claimProof(student, 'password_reset', body.proof, env);
    if (!proof.ok) return proof.reply;
    let done = false;
    try {
      const next = await acceptNewPassword(student, body.newPassword, env);
      if (!next.ok) return next.reply;
      env.state.journeys.setPassword(student, next.value);
      env.state.events.record(student.identifier, 'password_reset', { detail: proof.method });
      if (viaGrant) unlockAfterGrant(student, env);
      done = true;
      return changed(student, env);
    } finally {
      proof.settle(done);
    }
  },
});

/** The password endpoints. */
export const PASSWORD_ROUTES: readonly Route[] = [changePassword, sendResetEmail, resetPassword];
