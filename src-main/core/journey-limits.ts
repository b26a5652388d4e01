/**
 * The limits of the student journeys: password checks (a change's current password, the mail
 * login, a redirection queued with the password) are limited per identifier and per kiosk like
 * identification, online and offline; activation and reset e-mails have a cooldown per account.
 * Both are reserved before the central API is asked, so parallel calls cannot overtake them.
 */
import type { EmailCooldown } from './email-cooldown';
import type { AttemptLimiter } from './lockout';
import type { Clock } from './ports';
import { err, type AppError, type ErrorCode, type Result } from './result';

export interface JourneyLimits {
  credentials: AttemptLimiter;
  emails: EmailCooldown;
  /** The keyed hash an identifier's password failures are counted under (never the identifier). */
  credentialKey(identifier: string): string;
  /** The keyed hash an account's e-mail sends are counted under. */
  emailKey(identifier: string): string;
  clock: Clock;
}

/** Answers that tested the password and found it wrong, or that the API limited: they count. */
const COUNTED = new Set<ErrorCode>(['invalid_credentials', 'rate_limited']);

/**
 * Runs one password check under the limits. A success refunds the failure counted in advance;
 * a check the API will only make later (queued offline, `deferred`) stays counted, so that an
 * offline kiosk cannot take more guesses than an online one; an answer that tested nothing
 * (the API unreachable, a refusal for another reason) is refunded.
 */
export async function checkCredential<T>(
  limits: JourneyLimits,
  identifier: string,
  run: () => Promise<Result<T>>,
  deferred: (value: T) => boolean = () => false,
): Promise<Result<T>> {
  const key = limits.credentialKey(identifier);
  const reserved = limits.credentials.reserve(key, limits.clock.now());
  if (!reserved.ok) {
    return err<AppError>({ code: 'locked_out', retryAfterSeconds: reserved.retryAfterSeconds });
  }
  const { ticket } = reserved;
  let result: Result<T>;
  try {
    result = await run();
  } catch (error) {
    limits.credentials.release(ticket);
    throw error;
  }
  if (result.ok) {
    if (!deferred(result.value)) limits.credentials.succeeded(ticket);
  } else if (!COUNTED.has(result.error.code)) {
    limits.credentials.release(ticket);
  }
  return result;
}

/**
 * Sends an activation or reset e-mail unless the account's cooldown runs (`email_cooldown` with
 * the seconds left); an e-mail that did not go out gives its send back.
 */
export async function sendWithCooldown<T>(
  limits: JourneyLimits,
  identifier: string,
  send: () => Promise<Result<T>>,
): Promise<Result<T>> {
  const reserved = limits.emails.reserve(limits.emailKey(identifier), limits.clock.now());
  if (!reserved.ok) {
    return err<AppError>({ code: 'email_cooldown', retryAfterSeconds: reserved.retryAfterSeconds });
  }
  let result: Result<T>;
  try {
    result = await send();
  } catch (error) {
    limits.emails.release(reserved.ticket);
    throw error;
  }
  if (!result.ok) limits.emails.release(reserved.ticket);
  return result;
}
