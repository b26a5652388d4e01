import { describe, expect, it } from 'vitest';
import { createEmailCooldown, memoryCooldownCounters } from './email-cooldown';

const T0 = Date.parse('2026-11-25T10:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);

describe('e-mail cooldown', () => {
  it('waits 60 s after a send, then 2, 5 and 10 minutes, and again 10', () => {
    const cooldown = createEmailCooldown(memoryCooldownCounters());
    let now = 0;
    const waits: number[] = [];
    for (let send = 0; send < 5; send += 1) {
      expect(cooldown.reserve('k', at(now)).ok).toBe(true);
      const refused = cooldown.reserve('k', at(now));
      const wait = refused.ok ? 0 : refused.retryAfterSeconds;
      waits.push(wait);
      now += wait;
    }
    expect(waits).toEqual([60, 120, 300, 600, 600]);
    expect(cooldown.reserve('other', at(now)).ok).toBe(true);
  });

  it('starts again from the shortest wait after a quiet hour', () => {
    const cooldown = createEmailCooldown(memoryCooldownCounters());
    cooldown.reserve('k', at(0));
    cooldown.reserve('k', at(60));
    const later = 60 + 3601;
    expect(cooldown.reserve('k', at(later)).ok).toBe(true);
    expect(cooldown.reserve('k', at(later))).toEqual({ ok: false, retryAfterSeconds: 60 });
  });

  it('gives a send back when the e-mail did not go, but never undoes a later one', () => {
    const cooldown = createEmailCooldown(memoryCooldownCounters(), {
      cooldownSeconds: [30],
      forgetAfterSeconds: 3600,
    });
    const first = cooldown.reserve('k', at(0));
    if (first.ok) cooldown.release(first.ticket);
    const second = cooldown.reserve('k', at(1));
    expect(second.ok).toBe(true);
    // A stale ticket (the first one again) leaves the second send's cooldown in place.
    if (first.ok) cooldown.release(first.ticket);
    expect(cooldown.reserve('k', at(2))).toEqual({ ok: false, retryAfterSeconds: 29 });
  });
});
