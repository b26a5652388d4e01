/** Retry timing: full-jitter exponential backoff with a cap, and the server's Retry-After. */

export interface BackoffPolicy {
  /** The ceiling of the first retry's delay; it doubles with every attempt. */
  baseMs: number;
  /** No delay ever exceeds this, however many attempts failed. */
  capMs: number;
}

/** A random number in [0, 1), injected so that tests choose it. */
export type Random = () => number;

/**
 * Full jitter ("Exponential Backoff and Jitter", AWS architecture blog): a uniform delay in
 * [0, min(cap, base·2^attempt)). Spreading retries over the whole window keeps a fleet of kiosks
 * from hammering an API that just came back, all at the same instant.
 */
export function fullJitterDelay(attempt: number, policy: BackoffPolicy, random: Random): number {
  const exponent = Math.min(Math.max(0, attempt), 30);
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  const draw = Math.min(Math.max(random(), 0), 1 - Number.EPSILON);
  return Math.floor(draw * ceiling);
}

/**
 * The delay before the next attempt: the server's Retry-After when it gave one (it knows when it
 * will accept again, and asking earlier only earns another 429), else full jitter.
 */
export function retryDelay(
  attempt: number,
  policy: BackoffPolicy,
  random: Random,
  retryAfterSeconds?: number,
): number {
  const jitter = fullJitterDelay(attempt, policy, random);
  if (retryAfterSeconds === undefined) return jitter;
  return Math.max(retryAfterSeconds * 1000, jitter);
}
