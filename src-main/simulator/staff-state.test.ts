import { describe, expect, it } from 'vitest';
import { DEMO_STAFF } from './demo-students';
import { createState } from './state';
import {
  GRANT_TTL_MS,
  KIOSK_FAILURE_WINDOW_SECONDS,
  MAX_KIOSK_PIN_FAILURES,
  MAX_STAFF_PIN_FAILURES,
  STAFF_LOCKOUT_SECONDS,
  STAFF_SESSION_MAX_SECONDS,
  createStaffState,
} from './staff-state';
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

  it('locks a staff identifier after repeated wrong PINs, the right PIN included', () => {
    const { staff, clock } = setup();
    for (let i = 0; i < MAX_STAFF_PIN_FAILURES; i += 1) {
      expect(staff.signIn(AGENT.staffId, '000000', KIOSK, TTL)).toEqual({
        ok: false,
        reason: 'invalid_pin',
      });
    }
    expect(staff.signIn(AGENT.staffId, AGENT.pin, KIOSK, TTL)).toEqual({
      ok: false,
      reason: 'rate_limited',
      retryAfterSeconds: STAFF_LOCKOUT_SECONDS,
    });
    clock.advance(60_000);
    const later = staff.signIn(AGENT.staffId, AGENT.pin, 'kiosk-b', TTL);
    expect(later).toMatchObject({ retryAfterSeconds: STAFF_LOCKOUT_SECONDS - 60 });
    clock.advance((STAFF_LOCKOUT_SECONDS - 60) * 1000);
    expect(staff.signIn(AGENT.staffId, AGENT.pin, KIOSK, TTL).ok).toBe(true);
  });

  it('clears a staff identifier’s count on success', () => {
    const { staff } = setup();
    for (let round = 0; round < 3; round += 1) {
      for (let i = 0; i < MAX_STAFF_PIN_FAILURES - 1; i += 1) {
        staff.signIn(AGENT.staffId, '000000', `kiosk-${round}`, TTL);
      }
      expect(staff.signIn(AGENT.staffId, AGENT.pin, `kiosk-${round}`, TTL).ok).toBe(true);
    }
  });

  it('limits one kiosk’s failures over a sliding window, whoever they were for', () => {
    const { staff, clock } = setup();
    for (let i = 0; i < MAX_KIOSK_PIN_FAILURES; i += 1) {
      staff.signIn(`guess-${i}`, '000000', KIOSK, TTL);
      clock.advance(1000);
    }
    const limited = staff.signIn(AGENT.staffId, AGENT.pin, KIOSK, TTL);
    expect(limited).toEqual({
      ok: false,
      reason: 'rate_limited',
      retryAfterSeconds: KIOSK_FAILURE_WINDOW_SECONDS - MAX_KIOSK_PIN_FAILURES,
    });
    expect(staff.signIn(AGENT.staffId, AGENT.pin, 'kiosk-b', TTL).ok).toBe(true);
    clock.advance((KIOSK_FAILURE_WINDOW_SECONDS - MAX_KIOSK_PIN_FAILURES) * 1000);
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
