/**
 * The rate limits the contract's Conventions promise (429 with Retry-After): failed attempts are
 * counted per student number or account identifier and per kiosk (device) over a sliding window,
 * on the simulator's clock, so that the clock control moves them too. Once a key has used up its
 * failures, every attempt is refused before the secret is looked at: the right birth date or
 * password then earns a 429 like a wrong one.
 */
import type { Clock } from '../core/ports';
import { apiError, type Reply } from './http';

/** At most `failures` failed attempts per `windowSeconds`. */
export interface LimitRule {
  failures: number;
  windowSeconds: number;
}

/** The simulator's limits: a student gets as many tries as a kiosk allows, a kiosk many more. */
export const SIMULATOR_LIMITS = {
  identifyPerNumber: { failures: 5, windowSeconds: 900 },
  identifyPerKiosk: { failures: 100, windowSeconds: 600 },
  credentialPerAccount: { failures: 5, windowSeconds: 900 },
  credentialPerKiosk: { failures: 100, windowSeconds: 600 },
} as const satisfies Record<string, LimitRule>;

export interface RateLimits {
  /** Seconds until `key` may try again under `rule`, or null when it may now. */
  retryAfter(key: string, rule: LimitRule): number | null;
  /** Counts a failed attempt of `key`. */
  fail(key: string, rule: LimitRule): void;
  /** Forgets `key`'s failures (a success: the failures in a row start again). */
  reset(key: string): void;
  /** Takes back `key`'s latest failure (a reserved attempt that succeeded). */
  forgiveLast(key: string): void;
}

/** In-memory counters; only recent failures are kept, so memory stays bounded by the traffic. */
export function createRateLimits(clock: Clock): RateLimits {
  const failures = new Map<string, number[]>();
  const recent = (key: string, rule: LimitRule, now: number) => {
    const since = now - rule.windowSeconds * 1000;
    const kept = (failures.get(key) ?? []).filter((t) => t > since);
    if (kept.length === 0) failures.delete(key);
    else failures.set(key, kept);
    return kept;
  };
  return {
    retryAfter(key, rule) {
      const now = clock.now().getTime();
      const times = recent(key, rule, now);
      if (times.length < rule.failures) return null;
      // Enough failures must leave the window to bring the count under the limit.
      const freeing = times[times.length - rule.failures] ?? now;
      return Math.max(1, Math.ceil((freeing + rule.windowSeconds * 1000 - now) / 1000));
    },
    fail(key, rule) {
      const now = clock.now().getTime();
      failures.set(key, [...recent(key, rule, now), now]);
    },
    reset(key) {
      failures.delete(key);
    },
    forgiveLast(key) {
      const times = failures.get(key);
      times?.pop();
      if (times?.length === 0) failures.delete(key);
    },
  };
}

/** The 429 the contract describes. */
export function rateLimited(retryAfterSeconds: number): Reply {
  return apiError(429, 'rate_limited', 'too many attempts', {
    'retry-after': String(retryAfterSeconds),
  });
}

/** The per-subject and per-kiosk keys and rules of one kind of attempt. */
export interface LimitedAttempt {
  subject: string;
  subjectRule: LimitRule;
  kiosk: string;
  kioskRule: LimitRule;
}

/** A 429 when either limit is used up, else null: checked before the secret is. */
export function refusal(limits: RateLimits, attempt: LimitedAttempt): Reply | null {
  const waits = [
    limits.retryAfter(attempt.subject, attempt.subjectRule),
    limits.retryAfter(attempt.kiosk, attempt.kioskRule),
  ].filter((w): w is number => w !== null);
  return waits.length === 0 ? null : rateLimited(Math.max(...waits));
}

/** Identification by student number, from one kiosk. */
export function identifyAttempt(studentNumber: string, deviceId: string): LimitedAttempt {
  return {
    subject: `identify\u0000${studentNumber}`,
    subjectRule: SIMULATOR_LIMITS.identifyPerNumber,
    kiosk: `identify-kiosk\u0000${deviceId}`,
    kioskRule: SIMULATOR_LIMITS.identifyPerKiosk,
  };
}

/** A password check (change, login, a redirection queued with the password), from one kiosk. */
export function credentialAttempt(identifier: string, deviceId: string): LimitedAttempt {
  return {
    subject: `credential\u0000${identifier}`,
    subjectRule: SIMULATOR_LIMITS.credentialPerAccount,
    kiosk: `credential-kiosk\u0000${deviceId}`,
    kioskRule: SIMULATOR_LIMITS.credentialPerKiosk,
  };
}
