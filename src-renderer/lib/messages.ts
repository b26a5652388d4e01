/**
 * Error codes and field reasons to translated messages. Typed records, not switches with a
 * default: a new ErrorCode or FieldReason in core does not compile until it has a message.
 */
import type { AppError, ErrorCode, FieldError, FieldReason } from '../../src-main/core/result';
import type { AccountStatus } from '../../src-main/core/student';
import type { I18n, PlainKey } from '../i18n/i18n.svelte';

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
};

/** `length` needs the profile's number of digits, so it is handled apart. */
const STUDENT_NUMBER_MESSAGES: Record<Exclude<FieldReason, 'length'>, PlainKey> = {
  required: 'field.studentNumber.required',
  digits_only: 'field.studentNumber.digits_only',
  date_format: 'field.studentNumber.invalid',
  date_invalid: 'field.studentNumber.invalid',
  date_future: 'field.studentNumber.invalid',
  date_too_old: 'field.studentNumber.invalid',
};

// The date is checked as a whole ("8 digits"), so digits and length read as a format error.
const BIRTH_DATE_MESSAGES: Record<FieldReason, PlainKey> = {
  required: 'field.birthDate.required',
  digits_only: 'field.birthDate.date_format',
  length: 'field.birthDate.date_format',
  date_format: 'field.birthDate.date_format',
  date_invalid: 'field.birthDate.date_invalid',
  date_future: 'field.birthDate.date_future',
  date_too_old: 'field.birthDate.date_too_old',
};

const ACCOUNT_STATUS_MESSAGES: Record<AccountStatus, PlainKey> = {
  not_activated: 'account.not_activated',
  active: 'account.active',
  locked: 'account.locked',
  disabled: 'account.disabled',
};

/** The calm, translated message for an error that came back from main. */
export function errorMessage(i18n: I18n, error: AppError): string {
  return i18n.t(ERROR_MESSAGES[error.code]);
}

/** The precise message for one refused field of the identification form. */
export function fieldMessage(i18n: I18n, error: FieldError, studentNumberLength: number): string {
  if (error.field === 'studentNumber') {
    if (error.reason === 'length') {
      return i18n.t('field.studentNumber.length', { length: studentNumberLength });
    }
    return i18n.t(STUDENT_NUMBER_MESSAGES[error.reason]);
  }
  if (error.field === 'birthDate') return i18n.t(BIRTH_DATE_MESSAGES[error.reason]);
  return i18n.t('field.other.invalid');
}

/** The account status, as shown on the result screen. */
export function accountStatusMessage(i18n: I18n, status: AccountStatus): string {
  return i18n.t(ACCOUNT_STATUS_MESSAGES[status]);
}
