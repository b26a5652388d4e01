import { describe, expect, it } from 'vitest';
import {
  afterFailure,
  createLockout,
  DEFAULT_LOCKOUT_POLICY as POLICY,
  kioskRetryAfter,
  memoryAttemptCounters as memoryCounters,
  STAFF_LOCKOUT_POLICY,
  subjectRetryAfter,
  type SubjectAttempts,
} from './lockout';

const T0 = Date.parse('2026-11-25T10:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);

describe('lockout policy', () => {
  it('locks a number after five failures in a row, escalating 1, 5, 15, 60 minutes', () => {
    let attempts: SubjectAttempts | null = null;
    let now = T0;
    const locks: number[] = [];
    for (let lock = 0; lock < 5; lock += 1) {
      for (let i = 0; i < POLICY.failuresBeforeLock; i += 1) {
        expect(subjectRetryAfter(attempts, now)).toBeNull();
        attempts = afterFailure(attempts, now, POLICY);
      }
      const wait = subjectRetryAfter(attempts, now) ?? 0;
      locks.push(wait);
      now += wait * 1000;
    }
    expect(locks).toEqual([60, 300, 900, 3600, 3600]);
  });

  it('starts again from the shortest lock after a quiet day', () => {
    let attempts: SubjectAttempts | null = null;
    for (let i = 0; i < 5; i += 1) attempts = afterFailure(attempts, T0, POLICY);
    const later = T0 + (POLICY.forgetAfterSeconds + 1) * 1000;
    for (let i = 0; i < 5; i += 1) attempts = afterFailure(attempts, later, POLICY);
    expect(subjectRetryAfter(attempts, later)).toBe(60);
  });

  it('lets the kiosk take its free allowance, then waits 2, 4, 8… seconds, capped at a minute', () => {
    const free = POLICY.kioskFreeFailures;
    const times = Array.from({ length: free - 1 }, (_, i) => T0 + i * 1000);
    const now = T0 + free * 1000;
    expect(kioskRetryAfter(times, now, POLICY)).toBeNull();
    const waits: number[] = [];
    for (let extra = 0; extra < 8; extra += 1) {
      times.push(now);
      waits.push(kioskRetryAfter(times, now, POLICY) ?? 0);
    }
    expect(waits).toEqual([2, 4, 8, 16, 32, 60, 60, 60]);
    // The delay runs from the latest failure: it is over once that much time has passed.
    expect(kioskRetryAfter(times, now + 59_000, POLICY)).toBe(1);
    expect(kioskRetryAfter(times, now + 60_000, POLICY)).toBeNull();
    // Failures older than the window no longer count.
    expect(kioskRetryAfter(times, now + 600_001, POLICY)).toBeNull();
  });
});

describe('createLockout', () => {
  it('answers with the longer of the two waits, and forgets a number after a success', () => {
    const lockout = createLockout(memoryCounters());
    for (let i = 0; i < 4; i += 1) lockout.failed('k1', at(i));
    expect(lockout.retryAfter('k1', at(4))).toBeNull();
    const right = lockout.reserve('k1', at(4));
    expect(right.ok).toBe(true);
    if (right.ok) lockout.succeeded(right.ticket);
    lockout.failed('k1', at(5));
    expect(lockout.retryAfter('k1', at(6))).toBeNull();
    for (let i = 0; i < 4; i += 1) lockout.failed('k1', at(7));
    expect(lockout.retryAfter('k1', at(7))).toBe(60);
    expect(lockout.retryAfter('k2', at(7))).toBeNull();
  });

  it('counts a reservation as a failure until it is refunded', () => {
    const lockout = createLockout(memoryCounters());
    const tickets = Array.from({ length: 8 }, () => lockout.reserve('k1', at(0)));
    expect(tickets.map((t) => t.ok)).toEqual([true, true, true, true, true, false, false, false]);
    expect(tickets[5]).toEqual({ ok: false, retryAfterSeconds: 60 });
  });

  it('refunds a released attempt, but keeps a lock it started', () => {
    const lockout = createLockout(memoryCounters());
    const first = lockout.reserve('k1', at(0));
    if (first.ok) lockout.release(first.ticket);
    for (let i = 0; i < 4; i += 1) lockout.failed('k1', at(1));
    expect(lockout.retryAfter('k1', at(1))).toBeNull();
    const fifth = lockout.reserve('k1', at(1));
    if (fifth.ok) lockout.release(fifth.ticket);
    expect(lockout.retryAfter('k1', at(1))).toBe(60);
  });

  it('slows every number at the kiosk down once the allowance is spent, without shutting it', () => {
    const lockout = createLockout(memoryCounters());
    for (let i = 0; i < POLICY.kioskFreeFailures; i += 1) lockout.failed(`n${i}`, at(i));
    const wait = lockout.retryAfter('someone-else', at(POLICY.kioskFreeFailures - 1));
    expect(wait).toBe(2);
    expect(lockout.retryAfter('someone-else', at(POLICY.kioskFreeFailures + 1))).toBeNull();
  });

  it('lets staff clear the kiosk delay and one number’s lock', () => {
    const lockout = createLockout(memoryCounters());
    for (let i = 0; i < 30; i += 1) lockout.failed(i < 5 ? 'locked' : `n${i}`, at(0));
    expect(lockout.retryAfter('someone-else', at(0))).toBeGreaterThan(0);
    lockout.clearKiosk();
    expect(lockout.retryAfter('someone-else', at(0))).toBeNull();
    expect(lockout.retryAfter('locked', at(0))).toBe(60);
    lockout.clearSubject('locked');
    expect(lockout.retryAfter('locked', at(0))).toBeNull();
  });
});

describe('the staff sign-in policy', () => {
  it('locks an identifier a minute, then five, never an hour until about 24 failures', () => {
    const lockout = createLockout(memoryCounters(), STAFF_LOCKOUT_POLICY);
    let now = T0;
    const waits: number[] = [];
    for (let lock = 0; lock < 8; lock += 1) {
      for (let i = 0; i < 3; i += 1) lockout.failed('agent', new Date(now));
      const wait = lockout.retryAfter('agent', new Date(now)) ?? 0;
      waits.push(wait);
      now += wait * 1000;
    }
    expect(waits).toEqual([60, 300, 300, 300, 300, 300, 300, 3600]);
  });
});
