import { describe, expect, it } from 'vitest';
import { createReloadBackoff } from './crash-backoff';

const options = { maxCrashes: 3, windowMs: 60_000, baseDelayMs: 1_000, maxDelayMs: 3_000 };

describe('createReloadBackoff', () => {
  it('waits longer after each recent crash, up to the maximum', () => {
    const backoff = createReloadBackoff(options);
    expect(backoff.next(0)).toBe(1_000);
    expect(backoff.next(1_000)).toBe(2_000);
    expect(backoff.next(2_000)).toBe(3_000);
  });

  it('gives up past the limit within the window', () => {
    const backoff = createReloadBackoff(options);
    for (const at of [0, 10, 20]) expect(backoff.next(at)).not.toBeNull();
    expect(backoff.next(30)).toBeNull();
  });

  it('forgets crashes older than the window', () => {
    const backoff = createReloadBackoff(options);
    for (const at of [0, 10, 20]) backoff.next(at);
    expect(backoff.next(60_020)).toBe(1_000);
  });

  it('tolerates five crashes in five minutes by default', () => {
    const backoff = createReloadBackoff();
    const delays = [0, 1, 2, 3, 4, 5].map((minute) => backoff.next(minute * 50_000));
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, null]);
  });
});
