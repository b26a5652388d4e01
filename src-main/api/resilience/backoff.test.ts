import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fullJitterDelay, retryDelay } from './backoff';

const policy = { baseMs: 200, capMs: 5_000 };

describe('full-jitter backoff', () => {
  it('draws in [0, min(cap, base·2^attempt)) for any attempt and any random draw', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (n, r) => {
          const delay = fullJitterDelay(n, policy, () => r);
          const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** n);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThan(ceiling);
          expect(Number.isInteger(delay)).toBe(true);
        },
      ),
    );
  });

  it('doubles the window per attempt until the cap', () => {
    const top = (n: number) => fullJitterDelay(n, policy, () => 0.999999);
    expect([0, 1, 2, 3, 4, 5, 6].map(top)).toEqual([199, 399, 799, 1599, 3199, 4999, 4999]);
    expect(fullJitterDelay(3, policy, () => 0)).toBe(0);
    expect(fullJitterDelay(1, policy, () => 0.5)).toBe(200);
  });

  it('honours Retry-After as a floor, jitter above it', () => {
    expect(retryDelay(0, policy, () => 0.5, 3)).toBe(3_000);
    expect(retryDelay(6, policy, () => 0.9, 1)).toBe(4_500);
    expect(retryDelay(2, policy, () => 0.5)).toBe(400);
  });
});
