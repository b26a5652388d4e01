/**
 * Error codes and field reasons to translated messages. Typed records, not switches with a
 * default: a new ErrorCode or FieldReason in core does not compile until it has a message.
 */
import type { AppError, ErrorCode, FieldError, FieldReason } from '../../src-main/core/result';
import type { AccountStatus } from '../../src-main/core/student';
import type { I18n, PlainKey } from '../i18n/i18n.svelte';
import { formatDate, formatTime, relativeDay, type RelativeDay, type WhenKind } from './format';

const ERROR_MESSAGES: Record<ErrorCode, PlainKey> = {
  invalid_input: 'error.invalid_input',
  identification_failed: 'error.identification_failed',
  rate_limited: 'error.rate_limited',
  network: 'error.network',
  timeout: 'error.timeout',
  unavailable: 'error.unavailable',
  auth: 'error.auth',
  not_found: 'error.not_found',
  conflict: 'error.conflict',
  server: 'error.server',
  malformed_response: 'error.malformed_response',
  internal: 'error.internal',
  too_early: 'error.too_early',
  code_invalid: 'error.code_invalid',
  code_expired: 'error.code_expired',
  code_cancelled: 'error.code_cancelled',
  password_policy: 'error.password_policy',
  password_mismatch: 'error.password_mismatch',
  invalid_credentials: 'error.invalid_credentials',
  account_state: 'error.account_state',
  journey_expired: 'error.journey_expired',
  invalid_email: 'error.invalid_email',
  not_available_offline: 'error.not_available_offline',
  locked_out: 'error.locked_out',
  email_cooldown: 'error.email_cooldown',
  already_pending: 'error.already_pending',
  staff_pin_invalid: 'error.staff_pin_invalid',
  staff_session_required: 'error.staff_session_required',
  staff_session_expired: 'error.staff_session_expired',
  staff_forbidden: 'error.staff_forbidden',
  staff_proof_refused: 'error.staff_proof_refused',
};

/** `length` needs the profile's number of digits, so it is handled apart. */
const STUDENT_NUMBER_MESSAGES: Partial<Record<FieldReason, PlainKey>> = {
  required: 'field.studentNumber.required',
  digits_only: 'field.studentNumber.digits_only',
};

// The date is checked as a whole ("8 digits"), so digits and length read as a format error.
const BIRTH_DATE_MESSAGES: Partial<Record<FieldReason, PlainKey>> = {
  required: 'field.birthDate.required',
  digits_only: 'field.birthDate.date_format',
  length: 'field.birthDate.date_format',
  date_format: 'field.birthDate.date_format',
  date_invalid: 'field.birthDate.date_invalid',
  date_future: 'field.birthDate.date_future',
  date_too_old: 'field.birthDate.date_too_old',
};

/** The other fields of the journeys: what was left empty, and the mail address's refusals. */
const OTHER_FIELD_MESSAGES: Record<string, Partial<Record<FieldReason, PlainKey>>> = {
  code: { required: 'field.code.required' },
  identifier: { required: 'field.identifier.required' },
  password: { required: 'field.password.required' },
  currentPassword: { required: 'field.password.required' },
  // A new password's confirmation left empty: not "different", there is nothing to compare.
  confirmation: { required: 'password.confirm.missing' },
  address: {
    required: 'field.address.required',
    email_format: 'field.address.email_format',
    email_own_domain: 'field.address.email_own_domain',
  },
};

const ACCOUNT_STATUS_MESSAGES: Record<AccountStatus, PlainKey> = {
  not_activated: 'account.not_activated',
  active: 'account.active',
  locked: 'account.locked',
  disabled: 'account.disabled',
};

/**
 * An instant with its preposition, as a sentence says it: "jusqu’à 19 h 02", "jusqu’à demain,
 * 19 h 02", "à partir du 8 juillet 2026 à 10 h 30"; "until tomorrow at 19:02". The preposition
 * goes with the instant because French contracts it with the date ("jusqu’au", "du").
 */
export function when(
  i18n: I18n,
  kind: WhenKind,
  iso: string,
  timeZone: string,
  now = new Date(),
): string {
  // Every catalog has the sixteen keys: a missing one is a compile error here.
  const key: `when.${WhenKind}.${RelativeDay}` = `when.${kind}.${relativeDay(iso, now, timeZone)}`;
  return i18n.t(key, {
    date: formatDate(iso, i18n.lang, timeZone),
    time: formatTime(iso, i18n.lang, timeZone),
  });
}

/**
 * The calm, translated message for an error that came back from main, with the details it
 * carries (from when activation opens, when to try again).
 */
export function errorMessage(i18n: I18n, error: AppError, timeZone = 'Europe/Paris'): string {
  const field = error.fields?.[0];
  if (error.code === 'invalid_input' && field !== undefined) {
    const key = OTHER_FIELD_MESSAGES[field.field]?.[field.reason];
    if (key !== undefined) return i18n.t(key);
  }
  if (error.code === 'too_early' && error.availableAt) {
    return i18n.t('error.too_early.from', {
      from: when(i18n, 'from', error.availableAt, timeZone),
    });
  }
  const text = i18n.t(ERROR_MESSAGES[error.code]);
  const wait = retryAfterOf(error);
  return wait === null ? text : `${text} ${waitMessage(i18n, wait)}`;
}

/**
 * Why the API refused a queued operation, for the help desk: the outbox keeps it as the API said
 * it ("409 account_state", "429 rate_limited, given up after 3 tries"); the first known code in it
 * reads as the student-facing message, the raw words kept in brackets for a ticket.
 */
export function deadLetterReason(i18n: I18n, reason: string): string {
  const known = ERROR_MESSAGES as Partial<Record<string, PlainKey>>;
  for (const token of reason.match(/[a-z][a-z_]+/g) ?? []) {
    const key = Object.hasOwn(known, token) ? known[token] : undefined;
    if (key !== undefined) return `${i18n.t(key)} (${reason})`;
  }
  return reason;
}

/** The seconds to wait an error carries (limits, cooldowns), or null. */
export function retryAfterOf(error: AppError): number | null {
  const waits = error.code === 'rate_limited' || error.code === 'locked_out';
  if (!waits && error.code !== 'email_cooldown') return null;
  return error.retryAfterSeconds && error.retryAfterSeconds > 0 ? error.retryAfterSeconds : null;
}

/** "Try again in 8 s." under a minute, "Try again in 3 min." beyond (minutes rounded up). */
export function waitMessage(i18n: I18n, seconds: number): string {
  if (seconds < 60) return i18n.t('error.retryInSeconds', { seconds: Math.max(1, seconds) });
  return i18n.t('error.retryIn', { minutes: Math.ceil(seconds / 60) });
}

/** The precise message for one refused field. */
export function fieldMessage(i18n: I18n, error: FieldError, studentNumberLength: number): string {
  if (error.field === 'studentNumber') {
    if (error.reason === 'length') {
      return i18n.t('field.studentNumber.length', { length: studentNumberLength });
    }
    return i18n.t(STUDENT_NUMBER_MESSAGES[error.reason] ?? 'field.studentNumber.invalid');
  }
  const key =
    error.field === 'birthDate'
      ? BIRTH_DATE_MESSAGES[error.reason]
      : OTHER_FIELD_MESSAGES[error.field]?.[error.reason];
  return i18n.t(key ?? 'field.other.invalid');
}

/** The account status, as shown on the result screen. */
export function accountStatusMessage(i18n: I18n, status: AccountStatus): string {
  return i18n.t(ACCOUNT_STATUS_MESSAGES[status]);
}
