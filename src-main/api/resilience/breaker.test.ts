import { describe, expect, it } from 'vitest';
import { createBreaker } from './breaker';

function setup() {
  let now = 0;
  const clock = { now: () => new Date(now) };
  const breaker = createBreaker({ failureThreshold: 3, cooldownMs: 1_000, clock });
  const seen: string[] = [];
  breaker.onChange((state) => seen.push(state));
  return { breaker, seen, advance: (ms: number) => (now += ms) };
}

describe('circuit breaker', () => {
  it('opens after N consecutive failures, not after N scattered ones', () => {
    const { breaker } = setup();
    breaker.failure();
    breaker.failure();
    breaker.success();
    breaker.failure();
    breaker.failure();
    expect(breaker.state()).toBe('closed');
    breaker.failure();
    expect(breaker.state()).toBe('open');
    expect(breaker.allow()).toBe(false);
  });

  it('lets one trial through after the cooldown; success closes it', () => {
    const { breaker, seen, advance } = setup();
    for (let i = 0; i < 3; i += 1) breaker.failure();
    advance(999);
    expect(breaker.allow()).toBe(false);
    advance(1);
    expect(breaker.allow()).toBe(true);
    expect(breaker.state()).toBe('half_open');
    expect(breaker.allow()).toBe(false);
    breaker.success();
    expect(breaker.state()).toBe('closed');
    expect(breaker.allow()).toBe(true);
    expect(seen).toEqual(['open', 'half_open', 'closed']);
  });

  it('opens again for a full cooldown when the trial fails', () => {
    const { breaker, seen, advance } = setup();
    for (let i = 0; i < 3; i += 1) breaker.failure();
    advance(1_000);
    expect(breaker.allow()).toBe(true);
    advance(500);
    breaker.failure();
    expect(breaker.state()).toBe('open');
    advance(999);
    expect(breaker.allow()).toBe(false);
    advance(1);
    expect(breaker.allow()).toBe(true);
    expect(seen).toEqual(['open', 'half_open', 'open', 'half_open']);
  });
});
