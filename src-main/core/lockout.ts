/**
 * Limits on attempts that test a secret (identification, and with another scope the credential
 * checks), online and offline: per subject (an escalating lock after a few failures in a row) and
 * per kiosk (a free allowance of failures over a sliding window, then a growing delay after each
 * one). The counters live in the journal (AttemptCounters port), so a restart forgets nothing.
 *
 * Checking and counting are one atomic step: `reserve` counts a failure before the attempt is
 * made, and a success refunds it. Parallel calls therefore cannot all pass the check before any
 * of them is counted.
 */

/** The numbers of the lockout rules. */
export interface LockoutPolicy {
  /** Failures in a row that lock a subject (a student number, an identifier). */
  failuresBeforeLock: number;
  /** Length of each successive lock of one subject; the last one repeats. */
  lockSeconds: readonly number[];
  /** A subject without a failure for this long starts again from the first, shortest lock. */
  forgetAfterSeconds: number;
  /** Failures this kiosk accepts over the window, whatever the subjects, without any delay. */
  kioskFreeFailures: number;
  kioskWindowSeconds: number;
  /** Beyond the allowance, each failure makes the next attempt wait base·2^k seconds… */
  kioskDelayBaseSeconds: number;
  /** …never more than this: one person slows the kiosk down, never shuts it for everyone. */
  kioskDelayCapSeconds: number;
}

/**
 * Five failures lock a number for 1, then 5, 15 and 60 minutes. A kiosk takes 20 failures per
 * 10 minutes freely, then waits 2, 4, 8… seconds (at most a minute) after each further one.
 */
export const DEFAULT_LOCKOUT_POLICY: LockoutPolicy = {
  failuresBeforeLock: 5,
  lockSeconds: [60, 300, 900, 3600],
  forgetAfterSeconds: 24 * 3600,
  kioskFreeFailures: 20,
  kioskWindowSeconds: 600,
  kioskDelayBaseSeconds: 2,
  kioskDelayCapSeconds: 60,
};

/**
 * Staff sign-in at one kiosk: an agent's own mistakes (or someone guessing their PIN here) cost
 * a minute, then five; never the hour a student number gets, since one person must not keep an
 * agent out of this kiosk. Offline, nothing else bounds guessing against the kiosk's verifier:
 * after seven locks (about 24 failures) each further lock lasts an hour, so a day allows about a
 * hundred guesses at most. Online, the API's own limits bound guessing far more (50 a day).
 */
export const STAFF_LOCKOUT_POLICY: LockoutPolicy = {
  ...DEFAULT_LOCKOUT_POLICY,
  failuresBeforeLock: 3,
  lockSeconds: [60, 300, 300, 300, 300, 300, 300, 3600],
};

/** What the journal keeps for one subject (under an opaque key); times in epoch ms. */
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
  /** Runs `work` as one transaction: nothing else reads or writes the counters meanwhile. */
  atomically<T>(work: () => T): T;
  subject(key: string): SubjectAttempts | null;
  saveSubject(key: string, attempts: SubjectAttempts): void;
  forgetSubject(key: string): void;
  /** Forgets every subject of this scope (a supervisor lifting staff lockouts). */
  forgetAllSubjects(): void;
  /** Times (epoch ms) of this kiosk's failures at or after `since`, oldest first. */
  kioskFailuresSince(since: number): number[];
  /** Adds a failure, drops those before `forgetBefore` (no window counts them); returns its id. */
  addKioskFailure(at: number, forgetBefore: number): number;
  removeKioskFailure(id: number): void;
  /** Forgets every failure of this kiosk (staff). */
  clearKioskFailures(): void;
}

/** Counters in memory only: for tests, and for tools that keep no journal. */
export function memoryAttemptCounters(): AttemptCounters {
  const subjects = new Map<string, SubjectAttempts>();
  let failures: { id: number; at: number }[] = [];
  let nextId = 1;
  return {
    atomically: (work) => work(),
    subject: (key) => subjects.get(key) ?? null,
    saveSubject: (key, attempts) => void subjects.set(key, attempts),
    forgetSubject: (key) => void subjects.delete(key),
    forgetAllSubjects: () => subjects.clear(),
    kioskFailuresSince: (since) => failures.filter((f) => f.at >= since).map((f) => f.at),
    addKioskFailure(at, forgetBefore) {
      const id = nextId++;
      failures = [...failures.filter((f) => f.at >= forgetBefore), { id, at }];
      return id;
    },
    removeKioskFailure(id) {
      failures = failures.filter((f) => f.id !== id);
    },
    clearKioskFailures() {
      failures = [];
    },
  };
}

const FRESH: SubjectAttempts = { failures: 0, locks: 0, lockedUntil: 0, lastFailureAt: 0 };

/** Seconds until a locked subject may try again, or null when it may try now. */
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

/**
 * Seconds until the kiosk takes another attempt, or null when it does now: free for the first
 * `kioskFreeFailures` failures of the window, then base·2^k seconds after the latest failure,
 * k counting the failures beyond the allowance, capped.
 */
export function kioskRetryAfter(
  failureTimes: readonly number[],
  now: number,
  policy: LockoutPolicy,
): number | null {
  const windowMs = policy.kioskWindowSeconds * 1000;
  const recent = failureTimes.filter((t) => t > now - windowMs && t <= now);
  if (recent.length < policy.kioskFreeFailures) return null;
  const beyond = Math.min(recent.length - policy.kioskFreeFailures, 30);
  const delay = Math.min(policy.kioskDelayCapSeconds, policy.kioskDelayBaseSeconds * 2 ** beyond);
  const latest = recent[recent.length - 1] ?? now;
  const wait = Math.ceil((latest + delay * 1000 - now) / 1000);
  return wait > 0 ? wait : null;
}

/** A failure counted in advance by `reserve`, until the attempt's outcome is known. */
export interface AttemptTicket {
  readonly subjectKey: string;
  readonly kioskFailureId: number;
  /** This reservation started a lock: a refund leaves the lock in place. */
  readonly locked: boolean;
}

export type Reservation =
  { ok: true; ticket: AttemptTicket } | { ok: false; retryAfterSeconds: number };

/** What a limited attempt asks before, and tells after. */
export interface AttemptLimiter {
  /** Checks both limits and, when the attempt may go ahead, counts it as a failure: atomically. */
  reserve(subjectKey: string, now: Date): Reservation;
  /** The secret was right: the counted failure is refunded and the subject forgotten. */
  succeeded(ticket: AttemptTicket): void;
  /** The attempt tested nothing (no answer, refused for another reason): refunded. */
  release(ticket: AttemptTicket): void;
  /** Seconds to wait, or null when this subject may try now at this kiosk (no reservation). */
  retryAfter(subjectKey: string, now: Date): number | null;
  /** Counts a failure without a check (a refusal learnt later, e.g. at replay). */
  failed(subjectKey: string, now: Date): void;
  /** Forgets one subject's failures and lock (staff mode). */
  clearSubject(subjectKey: string): void;
  /** Forgets this kiosk's failures: the delay stops at once for everybody (staff mode). */
  clearKiosk(): void;
  /** Forgets every subject and this kiosk's failures: every lock of this scope lifted. */
  clearAll(): void;
}

/** The lockout rules over the journal's counters. */
export function createLockout(
  counters: AttemptCounters,
  policy: LockoutPolicy = DEFAULT_LOCKOUT_POLICY,
): AttemptLimiter {
  const windowMs = policy.kioskWindowSeconds * 1000;

  function wait(subjectKey: string, at: number): number | null {
    const subject = subjectRetryAfter(counters.subject(subjectKey), at);
    const kiosk = kioskRetryAfter(counters.kioskFailuresSince(at - windowMs), at, policy);
    if (subject === null) return kiosk;
    return kiosk === null ? subject : Math.max(subject, kiosk);
  }

  function count(subjectKey: string, at: number): AttemptTicket {
    const before = counters.subject(subjectKey);
    const after = afterFailure(before, at, policy);
    counters.saveSubject(subjectKey, after);
    const kioskFailureId = counters.addKioskFailure(at, at - windowMs);
    return { subjectKey, kioskFailureId, locked: after.locks > (before?.locks ?? 0) };
  }

  return {
    reserve(subjectKey, now) {
      const at = now.getTime();
      return counters.atomically((): Reservation => {
        const seconds = wait(subjectKey, at);
        if (seconds !== null) return { ok: false, retryAfterSeconds: seconds };
        return { ok: true, ticket: count(subjectKey, at) };
      });
    },
    succeeded(ticket) {
      counters.atomically(() => {
        counters.removeKioskFailure(ticket.kioskFailureId);
        counters.forgetSubject(ticket.subjectKey);
      });
    },
    release(ticket) {
      counters.atomically(() => {
        counters.removeKioskFailure(ticket.kioskFailureId);
        const subject = counters.subject(ticket.subjectKey);
        // A lock this attempt started stays: undoing it could reopen a number under attack.
        if (!subject || ticket.locked || subject.failures === 0) return;
        counters.saveSubject(ticket.subjectKey, { ...subject, failures: subject.failures - 1 });
      });
    },
    retryAfter: (subjectKey, now) => wait(subjectKey, now.getTime()),
    failed(subjectKey, now) {
      counters.atomically(() => void count(subjectKey, now.getTime()));
    },
    clearSubject(subjectKey) {
      counters.forgetSubject(subjectKey);
    },
    clearKiosk() {
      counters.clearKioskFailures();
    },
    clearAll() {
      counters.atomically(() => {
        counters.forgetAllSubjects();
        counters.clearKioskFailures();
      });
    },
  };
}
