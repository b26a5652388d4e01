/** A value or a typed error; errors cross process boundaries as plain data. */
export type Result<T, E = AppError> = { ok: true; value: T } | { ok: false; error: E };

/** Stable, machine-readable error codes; the renderer maps each one to a translated message. */
export const ERROR_CODES = [
  'invalid_input',
  'identification_failed',
  'rate_limited',
  'network',
  'timeout',
  'unavailable',
  'auth',
  'not_found',
  'conflict',
  'server',
  'malformed_response',
  'internal',
  // Refusals of the student journeys (issue "Student journeys").
  'too_early',
  'code_invalid',
  'code_expired',
  // Issue 9: too many wrong codes, the API dropped the code; only a new e-mail helps.
  'code_cancelled',
  'password_policy',
  'password_mismatch',
  'invalid_credentials',
  'account_state',
  'journey_expired',
  'invalid_email',
  // Offline and lockout (issue "Offline-first").
  'not_available_offline',
  'locked_out',
  // Limits (issue 8): an e-mail was sent moments ago; a change already waits in the outbox.
  'email_cooldown',
  'already_pending',
  // Staff mode (issue "Staff mode"): a wrong staff identifier or PIN, and the refusals of a
  // staff channel or staff call (core/staff-session.ts StaffRefusalCode).
  'staff_pin_invalid',
  'staff_session_required',
  'staff_session_expired',
  'staff_forbidden',
  // A queued staff write whose proof the API no longer takes (spent, expired, agent removed).
  'staff_proof_refused',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Why one input field was refused, before any request is made. */
export type FieldReason =
  | 'required'
  | 'digits_only'
  | 'length'
  | 'date_format'
  | 'date_invalid'
  | 'date_future'
  | 'date_too_old'
  // With `invalid_email` (mail redirection): not an address, or the university's own domain.
  | 'email_format'
  | 'email_own_domain';

export interface FieldError {
  field: string;
  reason: FieldReason;
}

export interface AppError {
  code: ErrorCode;
  /** Present with `invalid_input`: which fields were refused and why. */
  fields?: FieldError[];
  /** Present with `rate_limited`, `locked_out` and `email_cooldown`: when to try again. */
  retryAfterSeconds?: number;
  /** Present with `too_early`: from when activation is possible (ISO date-time). */
  availableAt?: string;
  /** Present with `password_policy`: the ids of the rules the password breaks. */
  violations?: string[];
}

/** Wraps a success value. */
export function ok<T>(value: T): Result<T, never> {
  return { ok: true, value };
}

/** Wraps an error. */
export function err<E = AppError>(error: E): Result<never, E> {
  return { ok: false, error };
}

/** Builds an AppError with only a code. */
export function failure(code: ErrorCode): Result<never, AppError> {
  return err({ code });
}

/** Compile-time exhaustiveness check for switch statements. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}

/** Errors that mean "the central API could not be reached", as opposed to a refusal. */
export function isConnectivityError(code: ErrorCode): boolean {
  return code === 'network' || code === 'timeout' || code === 'unavailable' || code === 'server';
}
