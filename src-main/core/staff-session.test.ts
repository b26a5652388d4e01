import { describe, expect, it } from 'vitest';
import type { Clock } from './ports';
import { createStaffSessionGuard, type StaffSessionEnd } from './staff-session';

function manualClock(start = Date.parse('2026-11-30T09:00:00Z')) {
  let now = start;
  const clock: Clock = { now: () => new Date(now) };
  return { clock, advance: (seconds: number) => (now += seconds * 1000) };
}

const agent = {
  staffId: 'agent01',
  displayName: 'Camille Martin',
  role: 'agent',
  offline: false,
} as const;

describe('staff session guard', () => {
  it('refuses every action without a session', () => {
    const guard = createStaffSessionGuard(manualClock().clock);
    expect(guard.authorize('lookup')).toEqual({
      ok: false,
      error: { code: 'staff_session_required' },
    });
  });

  it('checks the role per action', () => {
    const guard = createStaffSessionGuard(manualClock().clock);
    guard.open(agent);
    expect(guard.authorize('lookup').ok).toBe(true);
    expect(guard.authorize('audit_view')).toEqual({
      ok: false,
      error: { code: 'staff_forbidden' },
    });
  });

  it('ends after two idle minutes, and each allowed action counts as activity', () => {
    const { clock, advance } = manualClock();
    const guard = createStaffSessionGuard(clock, { idleSeconds: 120, maxSeconds: 3600 });
    const ended: StaffSessionEnd[] = [];
    guard.onEnd((_s, reason) => ended.push(reason));
    guard.open(agent);
    advance(100);
    expect(guard.authorize('timeline').ok).toBe(true);
    advance(100);
    expect(guard.current()?.staffId).toBe('agent01');
    advance(20);
    expect(guard.authorize('timeline')).toEqual({
      ok: false,
      error: { code: 'staff_session_expired' },
    });
    expect(ended).toEqual(['idle']);
    expect(guard.authorize('timeline')).toEqual({
      ok: false,
      error: { code: 'staff_session_required' },
    });
  });

  it('ends at the maximum duration however busy', () => {
    const { clock, advance } = manualClock();
    const guard = createStaffSessionGuard(clock, { idleSeconds: 120, maxSeconds: 300 });
    const ended: StaffSessionEnd[] = [];
    guard.onEnd((_s, reason) => ended.push(reason));
    guard.open(agent);
    for (let i = 0; i < 5; i += 1) {
      advance(59);
      expect(guard.authorize('lookup').ok).toBe(true);
    }
    advance(10);
    expect(guard.current()).toBeNull();
    expect(ended).toEqual(['max_duration']);
  });

  it('reports sign-out and replacement, once each', () => {
    const guard = createStaffSessionGuard(manualClock().clock);
    const ended: string[] = [];
    guard.onEnd((s, reason) => ended.push(`${s.staffId}:${reason}`));
    guard.open(agent);
    guard.open({ ...agent, staffId: 'super01', role: 'supervisor' });
    guard.close('signed_out');
    guard.close('signed_out');
    expect(ended).toEqual(['agent01:replaced', 'super01:signed_out']);
  });

  it('hands out copies, so a caller cannot extend or promote the session', () => {
    const { clock, advance } = manualClock();
    const guard = createStaffSessionGuard(clock, { idleSeconds: 120, maxSeconds: 3600 });
    const opened = guard.open(agent);
    (opened as { role: string }).role = 'supervisor';
    opened.lastActivityAt += 10_000_000;
    expect(guard.authorize('audit_view').ok).toBe(false);
    advance(121);
    expect(guard.current()).toBeNull();
  });
});
