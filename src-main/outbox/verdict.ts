/** What one attempt at an outbox row means for it: done, try again later, or give up. */
import { retryDelay, type BackoffPolicy, type Random } from '../api/resilience/backoff';
import type { Exchange } from '../api/transport';
import type { AppError } from '../core/result';

export type Verdict =
  | { kind: 'sent'; resultJson: string }
  | { kind: 'retry'; delayMs: number; error: string; appError: AppError }
  | { kind: 'dead'; reason: string; appError: AppError };

/** Errors that say nothing against the operation: nobody answered, or the server failed,
 * asked us to wait, or garbled its answer. */
const RETRYABLE = new Set<AppError['code']>([
  'network',
  'timeout',
  'unavailable',
  'server',
  'rate_limited',
  'malformed_response',
]);

/**
 * Worth another attempt later? Also a 401 (the API did not take this kiosk's token: a kiosk
 * problem the desk fixes, the student's request stays valid meanwhile), a failure before any
 * answer (keychain unreadable), and the API still working on the same key.
 */
function retryable(error: AppError, status: number | null, apiCode: string | null): boolean {
  if (RETRYABLE.has(error.code) || apiCode === 'idempotency_in_progress') return true;
  return (
    (error.code === 'auth' && status === 401) || (error.code === 'internal' && status === null)
  );
}

/** Outbox retries: patient, since nobody waits for them; still spread by full jitter. */
export const OUTBOX_BACKOFF: BackoffPolicy = { baseMs: 1_000, capMs: 60_000 };

/** Reads an attempt: `attempts` is how many were made before this one. */
export function judge(
  exchange: Pick<Exchange<unknown>, 'result' | 'status' | 'apiCode'>,
  attempts: number,
  random: Random,
  policy: BackoffPolicy = OUTBOX_BACKOFF,
): Verdict {
  const { result, status, apiCode } = exchange;
  if (result.ok) return { kind: 'sent', resultJson: JSON.stringify(result.value ?? null) };
  const error = result.error;
  const described = [status ?? 'no answer', apiCode ?? error.code].join(' ');
  if (retryable(error, status, apiCode)) {
    const delayMs = retryDelay(attempts, policy, random, error.retryAfterSeconds);
    return { kind: 'retry', delayMs, error: described, appError: error };
  }
  return { kind: 'dead', reason: described, appError: error };
}

/** 429s after which a credential is given up: the API keeps saying "too many attempts". */
export const MAX_LIMITED_CREDENTIAL_ATTEMPTS = 3;

/**
 * A credential (password, code) the API rate-limits must not wait in the outbox forever, tried
 * again and again: the student is told at once when it is the first attempt (they are still at
 * the kiosk), and at replay it is given up after a few 429s, each waited out (Retry-After).
 */
export function boundCredential(
  verdict: Verdict,
  row: { attempts: number; limitedAttempts: number },
  credential: boolean,
): Verdict {
  if (verdict.kind !== 'retry' || !credential || verdict.appError.code !== 'rate_limited') {
    return verdict;
  }
  const limited = row.limitedAttempts + 1;
  if (row.attempts > 0 && limited < MAX_LIMITED_CREDENTIAL_ATTEMPTS) return verdict;
  const why = row.attempts === 0 ? 'at the first attempt' : `after ${limited} limited attempts`;
  return { kind: 'dead', reason: `${verdict.error}, given up ${why}`, appError: verdict.appError };
}
