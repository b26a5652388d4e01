import { describe, expect, it } from 'vitest';
import {
  afterFailure,
  createLockout,
  DEFAULT_LOCKOUT_POLICY as POLICY,
  kioskRetryAfter,
  memoryAttemptCounters as memoryCounters,
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

  it('limits the kiosk to its budget over a sliding window', () => {
    const times = Array.from({ length: 30 }, (_, i) => T0 + i * 1000);
    const now = T0 + 30_000;
    expect(kioskRetryAfter(times.slice(1), now, POLICY)).toBeNull();
    // The oldest failure leaves the window 10 minutes after it happened.
    expect(kioskRetryAfter(times, now, POLICY)).toBe(570);
    expect(kioskRetryAfter(times, T0 + 600_001, POLICY)).toBeNull();
  });
});

describe('createLockout', () => {
  it('answers with the longer of the two waits, and forgets a number after a success', () => {
    const lockout = createLockout(memoryCounters());
    for (let i = 0; i < 4; i += 1) lockout.failed('k1', at(i));
    expect(lockout.retryAfter('k1', at(4))).toBeNull();
    lockout.succeeded('k1');
    lockout.failed('k1', at(5));
    expect(lockout.retryAfter('k1', at(6))).toBeNull();
    for (let i = 0; i < 4; i += 1) lockout.failed('k1', at(7));
    expect(lockout.retryAfter('k1', at(7))).toBe(60);
    expect(lockout.retryAfter('k2', at(7))).toBeNull();
  });

  it('locks every number at the kiosk once the budget is spent', () => {
    const lockout = createLockout(memoryCounters());
    for (let i = 0; i < 30; i += 1) lockout.failed(`n${i}`, at(i));
    expect(lockout.retryAfter('someone-else', at(30))).toBe(570);
    expect(lockout.retryAfter('someone-else', at(601))).toBeNull();
  });
});
