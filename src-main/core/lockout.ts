/**
 * Limits on identification attempts, online and offline: per student number (an escalating
 * lock after a few failures in a row) and per kiosk (a budget of failures over a sliding
 * window). The counters live in the journal (AttemptCounters port), so a restart forgets nothing.
 */

/** The numbers of the lockout rules. */
export interface LockoutPolicy {
  /** Failures in a row that lock a student number. */
  failuresBeforeLock: number;
  /** Length of each successive lock of one number; the last one repeats. */
  lockSeconds: readonly number[];
  /** A number without a failure for this long starts again from the first, shortest lock. */
  forgetAfterSeconds: number;
  /** Failures this kiosk accepts over the window, whatever the numbers. */
  kioskBudget: number;
  kioskWindowSeconds: number;
}

/** Five failures lock a number for 1, then 5, 15 and 60 minutes; 30 failures per 10 minutes per kiosk. */
export const DEFAULT_LOCKOUT_POLICY: LockoutPolicy = {
  failuresBeforeLock: 5,
  lockSeconds: [60, 300, 900, 3600],
  forgetAfterSeconds: 24 * 3600,
  kioskBudget: 30,
  kioskWindowSeconds: 600,
};

/** What the journal keeps for one student number (under an opaque key); times in epoch ms. */
export interface SubjectAttempts {
  /** Failures since the last lock (or success). */
  failures: number;
  /** Locks so far; picks the next lock's length. */
  locks: number;
  /** 0 when not locked. */
  lockedUntil: number;
  lastFailureAt: number;
}

/** Where the counters are kept (the journal); keys are keyed hashes, never a clear number. */
export interface AttemptCounters {
  subject(key: string): SubjectAttempts | null;
  saveSubject(key: string, attempts: SubjectAttempts): void;
  forgetSubject(key: string): void;
  /** Times (epoch ms) of this kiosk's failures at or after `since`, oldest first. */
  kioskFailuresSince(since: number): number[];
  /** Adds a failure and drops those before `forgetBefore`, which no window will count again. */
  addKioskFailure(at: number, forgetBefore: number): void;
}

/** Counters in memory only: for tests, and for tools that keep no journal. */
export function memoryAttemptCounters(): AttemptCounters {
  const subjects = new Map<string, SubjectAttempts>();
  let failures: number[] = [];
  return {
    subject: (key) => subjects.get(key) ?? null,
    saveSubject: (key, attempts) => void subjects.set(key, attempts),
    forgetSubject: (key) => void subjects.delete(key),
    kioskFailuresSince: (since) => failures.filter((t) => t >= since),
    addKioskFailure(at, forgetBefore) {
      failures = [...failures.filter((t) => t >= forgetBefore), at];
    },
  };
}

const FRESH: SubjectAttempts = { failures: 0, locks: 0, lockedUntil: 0, lastFailureAt: 0 };

/** Seconds until a locked number may try again, or null when it may try now. */
export function subjectRetryAfter(attempts: SubjectAttempts | null, now: number): number | null {
  if (!attempts || attempts.lockedUntil <= now) return null;
  return Math.ceil((attempts.lockedUntil - now) / 1000);
}

/** The counters after one more failure at `now`. */
export function afterFailure(
  attempts: SubjectAttempts | null,
  now: number,
  policy: LockoutPolicy,
): SubjectAttempts {
  const forgotten = !attempts || now - attempts.lastFailureAt > policy.forgetAfterSeconds * 1000;
  const previous = forgotten ? FRESH : attempts;
  const failures = previous.failures + 1;
  if (failures < policy.failuresBeforeLock) return { ...previous, failures, lastFailureAt: now };
  const step = Math.min(previous.locks, policy.lockSeconds.length - 1);
  const seconds = policy.lockSeconds[step] ?? 0;
  return {
    failures: 0,
    locks: previous.locks + 1,
    lockedUntil: now + seconds * 1000,
    lastFailureAt: now,
  };
}

/** Seconds until the kiosk's budget allows another attempt, or null when it does now. */
export function kioskRetryAfter(
  failureTimes: readonly number[],
  now: number,
  policy: LockoutPolicy,
): number | null {
  const windowMs = policy.kioskWindowSeconds * 1000;
  const recent = failureTimes.filter((t) => t > now - windowMs);
  if (recent.length < policy.kioskBudget) return null;
  // Enough failures must leave the window to bring the count under the budget.
  const freeing = recent[recent.length - policy.kioskBudget] ?? now;
  return Math.max(1, Math.ceil((freeing + windowMs - now) / 1000));
}

/** What identification asks before and tells after each attempt. */
export interface IdentificationLockout {
  /** Seconds to wait, or null when this number may try now at this kiosk. */
  retryAfter(subjectKey: string, now: Date): number | null;
  failed(subjectKey: string, now: Date): void;
  succeeded(subjectKey: string): void;
}

/** The lockout rules over the journal's counters. */
export function createLockout(
  counters: AttemptCounters,
  policy: LockoutPolicy = DEFAULT_LOCKOUT_POLICY,
): IdentificationLockout {
  const windowMs = policy.kioskWindowSeconds * 1000;
  return {
    retryAfter(subjectKey, now) {
      const at = now.getTime();
      const subject = subjectRetryAfter(counters.subject(subjectKey), at);
      const kiosk = kioskRetryAfter(counters.kioskFailuresSince(at - windowMs), at, policy);
      if (subject === null) return kiosk;
      return kiosk === null ? subject : Math.max(subject, kiosk);
    },
    failed(subjectKey, now) {
      const at = now.getTime();
      counters.saveSubject(subjectKey, afterFailure(counters.subject(subjectKey), at, policy));
      counters.addKioskFailure(at, at - windowMs);
    },
    succeeded(subjectKey) {
      counters.forgetSubject(subjectKey);
    },
  };
}
