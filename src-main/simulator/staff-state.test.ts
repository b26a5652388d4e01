import { describe, expect, it } from 'vitest';
import { DEMO_STAFF } from './demo-students';
import { createState } from './state';
import { GRANT_TTL_MS, STAFF_SESSION_MAX_SECONDS, createStaffState } from './staff-state';
import { STAFF_PIN_LIMITS as RULE } from './staff-pin-limits';
import { manualClock } from './test-helpers';

const [AGENT, , SUPERVISOR] = DEMO_STAFF as [
  (typeof DEMO_STAFF)[number],
  (typeof DEMO_STAFF)[number],
  (typeof DEMO_STAFF)[number],
];
const KIOSK = 'kiosk-a';
const TTL = 120;

function setup() {
  const clock = manualClock('2026-11-25T10:00:00Z');
  return { clock, staff: createStaffState(DEMO_STAFF, clock) };
}

describe('staff sign-in', () => {
  it('opens a session with the right PIN, with the staff member’s role', () => {
    const { staff } = setup();
    const opened = staff.signIn(SUPERVISOR.staffId, SUPERVISOR.pin, KIOSK, TTL);
    expect(opened).toMatchObject({
      ok: true,
      expiresIn: TTL,
      staff: { staffId: 'super01', role: 'supervisor', deviceId: KIOSK },
    });
  });

  it('makes this kiosk wait after a few wrong PINs, the right PIN included, not the others', () => {
    const { staff, clock } = setup();
    for (let i = 0; i < RULE.freeFailures; i += 1) {
      expect(staff.signIn(AGENT.staffId, '000000', KIOSK, TTL)).toEqual({
        ok: false,
        reason: 'invalid_pin',
      });
    }
    expect(staff.signIn(AGENT.staffId, AGENT.pin, KIOSK, TTL)).toEqual({
      ok: false,
      reason: 'rate_limited',
      retryAfterSeconds: RULE.delayBaseSeconds,
    });
    // The lock does not follow the agent: another kiosk takes the right PIN at once.
    expect(staff.signIn(AGENT.staffId, AGENT.pin, 'kiosk-b', TTL).ok).toBe(true);
    clock.advance(RULE.delayBaseSeconds * 1000);
    expect(staff.signIn(AGENT.staffId, AGENT.pin, KIOSK, TTL).ok).toBe(true);
  });

  it('doubles this kiosk’s wait after each further wrong PIN, up to the cap', () => {
    const { staff, clock } = setup();
    const waits: number[] = [];
    for (let i = 1; i <= RULE.freeFailures + 6; i += 1) {
      const tried = staff.signIn(AGENT.staffId, '000000', KIOSK, TTL);
      expect(tried).toEqual({ ok: false, reason: 'invalid_pin' });
      if (i < RULE.freeFailures) continue;
      const limited = staff.signIn(AGENT.staffId, AGENT.pin, KIOSK, TTL);
      if (limited.ok || limited.reason !== 'rate_limited') throw new Error('no wait');
      waits.push(limited.retryAfterSeconds);
      clock.advance(limited.retryAfterSeconds * 1000);
    }
    expect(waits).toEqual([30, 60, 120, 240, 300, 300, 300]);
    expect(Math.max(...waits)).toBe(RULE.delayCapSeconds);
    expect(staff.signIn(AGENT.staffId, AGENT.pin, KIOSK, TTL).ok).toBe(true);
  });

  it('ends this kiosk’s wait on the right PIN there, and no other kiosk’s', () => {
    const { staff, clock } = setup();
    for (const kiosk of [KIOSK, 'kiosk-b'])
      for (let i = 0; i < RULE.freeFailures; i += 1)
        staff.signIn(AGENT.staffId, '000000', kiosk, TTL);
    clock.advance(RULE.delayBaseSeconds * 1000);
    expect(staff.signIn(AGENT.staffId, AGENT.pin, KIOSK, TTL).ok).toBe(true);
    // Here the count of wrong PINs in a row starts again; at kiosk-b it goes on, and doubles.
    expect(staff.signIn(AGENT.staffId, '000000', KIOSK, TTL)).toEqual({
      ok: false,
      reason: 'invalid_pin',
    });
    expect(staff.signIn(AGENT.staffId, '000000', 'kiosk-b', TTL)).toEqual({
      ok: false,
      reason: 'invalid_pin',
    });
    expect(staff.signIn(AGENT.staffId, AGENT.pin, 'kiosk-b', TTL)).toMatchObject({
      retryAfterSeconds: 2 * RULE.delayBaseSeconds,
    });
    expect(staff.signIn(AGENT.staffId, AGENT.pin, KIOSK, TTL).ok).toBe(true);
  });

  it('bounds wrong PINs per identifier per day across kiosks, and per kiosk below that', () => {
    const { staff, clock } = setup();
    let tested = 0;
    // Each kiosk tries its free wrong PINs, waits, and tries again, until refused for the day.
    for (let k = 0; tested < RULE.dailyBound + 10 && k < 40; k += 1) {
      const kiosk = `kiosk-${k}`;
      for (;;) {
        const tried = staff.signIn(AGENT.staffId, '000000', kiosk, TTL);
        if (tried.ok) throw new Error('a wrong PIN signed in');
        if (tried.reason === 'invalid_pin') tested += 1;
        else if (tried.retryAfterSeconds > RULE.delayCapSeconds) break;
        else clock.advance(tried.retryAfterSeconds * 1000);
      }
      if (k === 0) expect(tested).toBe(RULE.kioskShare);
    }
    expect(tested).toBe(RULE.dailyBound);
    // Bounded everywhere, the right PIN included, until the first wrong PIN is a day old.
    const fresh = staff.signIn(AGENT.staffId, AGENT.pin, 'kiosk-new', TTL);
    expect(fresh).toMatchObject({ ok: false, reason: 'rate_limited' });
    // The bound is about guessing: another agent is not held by it.
    expect(staff.signIn(SUPERVISOR.staffId, SUPERVISOR.pin, 'kiosk-new', TTL).ok).toBe(true);
    clock.advance(24 * 3600_000);
    expect(staff.signIn(AGENT.staffId, AGENT.pin, 'kiosk-new', TTL).ok).toBe(true);
  });

  it('slows one kiosk down after many wrong PINs whoever they were for, by a minute at most', () => {
    const { staff, clock } = setup();
    for (let i = 0; i < RULE.kioskFreeFailures; i += 1) {
      staff.signIn(`guess-${i}`, '000000', KIOSK, TTL);
      clock.advance(1000);
    }
    const limited = staff.signIn(AGENT.staffId, AGENT.pin, KIOSK, TTL);
    expect(limited).toEqual({ ok: false, reason: 'rate_limited', retryAfterSeconds: 1 });
    expect(staff.signIn(AGENT.staffId, AGENT.pin, 'kiosk-b', TTL).ok).toBe(true);
    // Eight more wrong PINs, each after its wait: 2, 4… seconds, then a minute at most.
    for (let wrong = 0; wrong < 8;) {
      const tried = staff.signIn(`more-${wrong}`, '000000', KIOSK, TTL);
      if (tried.ok) throw new Error('a made-up identifier signed in');
      if (tried.reason === 'invalid_pin') wrong += 1;
      else {
        expect(tried.retryAfterSeconds).toBeLessThanOrEqual(RULE.kioskDelayCapSeconds);
        clock.advance(tried.retryAfterSeconds * 1000);
      }
    }
    const waited = staff.signIn(AGENT.staffId, AGENT.pin, KIOSK, TTL);
    expect(waited).toEqual({
      ok: false,
      reason: 'rate_limited',
      retryAfterSeconds: RULE.kioskDelayCapSeconds,
    });
    clock.advance(RULE.kioskDelayCapSeconds * 1000);
    expect(staff.signIn(AGENT.staffId, AGENT.pin, KIOSK, TTL).ok).toBe(true);
  });

  it('keeps no PIN in the simulator’s state, only hashes', () => {
    const clock = manualClock('2026-11-25T10:00:00Z');
    const state = createState({ students: [], staff: [...DEMO_STAFF] }, clock);
    expect(JSON.stringify(state.dataset)).not.toContain(AGENT.pin);
    expect(state.dataset.staff[0]).not.toHaveProperty('pin');
    // The caller's dataset is left as it was.
    expect(DEMO_STAFF[0]).toHaveProperty('pin', AGENT.pin);
    expect(state.staff.signIn(AGENT.staffId, AGENT.pin, KIOSK, TTL).ok).toBe(true);
  });
});

describe('staff sessions', () => {
  const open = (staff: ReturnType<typeof setup>['staff']) => {
    const opened = staff.signIn(AGENT.staffId, AGENT.pin, KIOSK, TTL);
    if (!opened.ok) throw new Error('sign-in failed');
    return opened.sessionToken;
  };

  it('ends after the TTL without use, and each use starts it again', () => {
    const { staff, clock } = setup();
    const token = open(staff);
    clock.advance((TTL - 1) * 1000);
    expect(staff.session(token, KIOSK)).toMatchObject({ staffId: 'agent01' });
    clock.advance((TTL - 1) * 1000);
    expect(staff.session(token, KIOSK)).toMatchObject({ staffId: 'agent01' });
    clock.advance(TTL * 1000);
    expect(staff.session(token, KIOSK)).toBe('expired');
  });

  it('ends after the longest duration however busy', () => {
    const { staff, clock } = setup();
    const token = open(staff);
    for (let t = 0; t < STAFF_SESSION_MAX_SECONDS; t += TTL - 1) {
      clock.advance((TTL - 1) * 1000);
      staff.session(token, KIOSK);
    }
    expect(staff.session(token, KIOSK)).toBe('expired');
  });

  it('belongs to the kiosk that opened it, and ends when closed', () => {
    const { staff } = setup();
    const token = open(staff);
    expect(staff.session(token, 'kiosk-b')).toBe('expired');
    expect(staff.session(token, KIOSK)).not.toBe('expired');
    staff.close(token);
    expect(staff.session(token, KIOSK)).toBe('expired');
  });
});

describe('grants', () => {
  it('works once, for its account and purpose, until it expires', () => {
    const { staff, clock } = setup();
    const { grant, expiresAt } = staff.issueGrant('zlefevre', 'password_reset', 'agent01');
    expect(expiresAt.getTime()).toBe(clock.now().getTime() + GRANT_TTL_MS);
    expect(staff.reserveGrant(grant, 'abensaid', 'password_reset')).toEqual({
      ok: false,
      reason: 'code_invalid',
    });
    expect(staff.reserveGrant(grant, 'zlefevre', 'activation')).toEqual({
      ok: false,
      reason: 'code_invalid',
    });
    const use = staff.reserveGrant(grant, 'zlefevre', 'password_reset');
    expect(use).toMatchObject({ ok: true, staffId: 'agent01' });
    // Reserved: a parallel use is refused.
    expect(staff.reserveGrant(grant, 'zlefevre', 'password_reset').ok).toBe(false);
    if (use.ok) use.consume();
    expect(staff.reserveGrant(grant, 'zlefevre', 'password_reset').ok).toBe(false);
  });

  it('comes back when the operation failed, and expires', () => {
    const { staff, clock } = setup();
    const { grant } = staff.issueGrant('zlefevre', 'activation', 'agent01');
    const use = staff.reserveGrant(grant, 'zlefevre', 'activation');
    if (use.ok) use.release();
    expect(staff.reserveGrant(grant, 'zlefevre', 'activation').ok).toBe(true);
    const { grant: next } = staff.issueGrant('zlefevre', 'activation', 'agent01');
    expect(staff.reserveGrant(grant, 'zlefevre', 'activation').ok).toBe(false);
    clock.advance(GRANT_TTL_MS);
    expect(staff.reserveGrant(next, 'zlefevre', 'activation')).toEqual({
      ok: false,
      reason: 'code_expired',
    });
  });
});
