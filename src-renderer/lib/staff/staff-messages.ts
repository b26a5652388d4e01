/**
 * What staff screens say about an account and a refusal, in staff words: never the student's
 * sentence for the same code ("l'accueil peut vous aider" to the help desk itself). Typed records:
 * a new error code, status or lock reason does not compile until staff have their own words.
 */
import type { AppError, ErrorCode } from '../../../src-main/core/result';
import type { LockReason } from '../../../src-main/core/staff-view';
import type { AccountStatus } from '../../../src-main/core/student';
import type { I18n, PlainKey } from '../../i18n/i18n.svelte';
import { staffWhen } from './staff-format';

export const STAFF_STATUS: Record<AccountStatus, PlainKey> = {
  not_activated: 'staff.status.not_activated',
  active: 'staff.status.active',
  locked: 'staff.status.locked',
  disabled: 'staff.status.disabled',
};

export const LOCK_REASON_LABELS: Record<LockReason, PlainKey> = {
  too_many_failures: 'staff.lockReason.too_many_failures',
  security: 'staff.lockReason.security',
  administrative: 'staff.lockReason.administrative',
};

const STAFF_ERRORS: Record<ErrorCode, PlainKey> = {
  invalid_input: 'staff.error.invalid_input',
  identification_failed: 'staff.error.identification_failed',
  rate_limited: 'staff.error.rate_limited',
  network: 'staff.error.network',
  timeout: 'staff.error.timeout',
  unavailable: 'staff.error.unavailable',
  auth: 'staff.error.auth',
  not_found: 'staff.error.not_found',
  conflict: 'staff.error.conflict',
  server: 'staff.error.server',
  malformed_response: 'staff.error.malformed_response',
  internal: 'staff.error.internal',
  too_early: 'staff.error.too_early',
  code_invalid: 'staff.error.code_invalid',
  code_expired: 'staff.error.code_expired',
  code_cancelled: 'staff.error.code_cancelled',
  password_policy: 'staff.error.password_policy',
  password_mismatch: 'staff.error.password_mismatch',
  invalid_credentials: 'staff.error.invalid_credentials',
  account_state: 'staff.error.account_state',
  journey_expired: 'staff.error.journey_expired',
  invalid_email: 'staff.error.invalid_email',
  not_available_offline: 'staff.error.not_available_offline',
  locked_out: 'staff.error.locked_out',
  email_cooldown: 'staff.error.email_cooldown',
  already_pending: 'staff.error.already_pending',
  staff_pin_invalid: 'staff.error.staff_pin_invalid',
  staff_session_required: 'staff.error.staff_session_required',
  staff_session_expired: 'staff.error.staff_session_expired',
  staff_forbidden: 'staff.error.staff_forbidden',
  staff_proof_refused: 'staff.error.staff_proof_refused',
};

/** Where the refusal came from: a lockout on the sign-in screen is the agent's own PIN's. */
export type StaffErrorContext = 'signIn' | 'desk';

/**
 * A refusal for staff, with when to try again as a time of day ("à 14 h 05"), not a countdown;
 * a staff sign-in lockout also says that a supervisor can lift it.
 */
export function staffErrorMessage(
  i18n: I18n,
  error: AppError,
  timeZone: string,
  now: Date,
  context: StaffErrorContext = 'desk',
): string {
  const wait = error.retryAfterSeconds && error.retryAfterSeconds > 0 ? error.retryAfterSeconds : 0;
  const time = staffWhen(new Date(now.getTime() + wait * 1000).toISOString(), i18n, timeZone, now);
  const lockout = error.code === 'locked_out' || error.code === 'rate_limited';
  if (context === 'signIn' && lockout) {
    return wait > 0
      ? i18n.t('staff.error.signInLocked', { time })
      : i18n.t('staff.error.signInLockedNow');
  }
  const text = i18n.t(STAFF_ERRORS[error.code]);
  return wait > 0 ? `${text} ${i18n.t('staff.error.retryAt', { time })}` : text;
}
