import { describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../../testing/fake-api';
import { AGENT, SUPERVISOR, staffPage } from '../../testing/staff';
import { NOW, ok, refused, student } from '../../testing/students';
import { StaffDesk, type HandOff } from './staff-desk.svelte';

function desk(answers: Parameters<typeof fakeApi>[0] = {}) {
  const api = fakeApi({ 'staff.signOut': () => ok(null), ...answers });
  const handOffs: HandOff[] = [];
  const d = new StaffDesk({ api, now: NOW, onHandOff: (h) => handOffs.push(h) });
  return { d, api, handOffs };
}

async function signedIn(answers: Parameters<typeof fakeApi>[0] = {}) {
  const t = desk({ 'staff.signIn': () => ok(AGENT), ...answers });
  t.d.staffId = 'agent01';
  t.d.pin = '482913';
  await t.d.signIn();
  return t;
}

describe('StaffDesk', () => {
  it('signs in, forgets the PIN at once, and shows the search', async () => {
    const { d, api } = await signedIn();
    expect(api['staff.signIn']).toHaveBeenCalledWith({ staffId: 'agent01', pin: '482913' });
    expect(d.pin).toBe('');
    expect(d.agent?.displayName).toBe('Camille Martin');
    expect(d.screen).toBe('search');
  });

  it('a refused PIN stays on sign-in with the typed error and an empty PIN field', async () => {
    const { d } = desk({
      'staff.signIn': () => refused({ code: 'rate_limited', retryAfterSeconds: 30 }),
    });
    d.staffId = 'agent01';
    d.pin = '000000';
    expect(await d.signIn()).toBe(false);
    expect(d.screen).toBe('signIn');
    expect(d.pin).toBe('');
    expect(d.error).toEqual({ code: 'rate_limited', retryAfterSeconds: 30 });
  });

  it('refuses a too short PIN without asking main', async () => {
    const { d, api } = desk();
    d.staffId = 'agent01';
    d.pin = '12';
    await d.signIn();
    expect(d.error?.code).toBe('staff_pin_invalid');
    expect(api['staff.signIn']).not.toHaveBeenCalled();
  });

  it('search → student page → resend asks a reason first, then sends it and reloads', async () => {
    const { d, api } = await signedIn({
      'staff.search': () =>
        ok({
          results: [{ ...staffPage(), status: 'not_activated' }],
          truncated: false,
          offline: false,
        }),
      'staff.student': () => ok(staffPage()),
      'staff.resendActivation': () =>
        ok({ sentTo: 'e*****d@example.org', expiresAt: '2026-11-26T10:00:00Z', receipt: null }),
    });
    d.query = 'brule';
    await d.search();
    expect(d.results?.results).toHaveLength(1);
    await d.open('endiayebrule');
    expect(d.screen).toBe('student');
    d.prepare('resend');
    await d.act();
    expect(d.action?.problem).toBe('reason');
    expect(api['staff.resendActivation']).not.toHaveBeenCalled();
    d.action!.reason = 'email_not_received';
    d.action!.note = '  spam folder empty ';
    await d.act();
    expect(api['staff.resendActivation']).toHaveBeenCalledWith({
      identifier: 'endiayebrule',
      reason: 'email_not_received',
      note: 'spam folder empty',
    });
    expect(d.notice).toEqual({
      kind: 'sent',
      to: 'e*****d@example.org',
      expiresAt: '2026-11-26T10:00:00Z',
    });
    expect(d.action).toBeNull();
    expect(api['staff.student']).toHaveBeenCalledTimes(2);
  });

  it('an action whose channel answers nothing says it is done (and one queued gives its reference)', async () => {
    const { d } = await signedIn({
      'staff.clearKioskBudget': () => ok(null),
      'staff.student': () => ok(staffPage()),
      'staff.unlock': () =>
        ok({
          unlockedAt: null,
          receipt: { reference: 'R-7', acceptedAt: '2026-11-25T10:00:00Z' },
        }),
    });
    d.prepare('clearBudget');
    d.action!.reason = 'other';
    await d.act();
    expect(d.notice).toEqual({ kind: 'done', action: 'clearBudget' });
    expect(d.action).toBeNull();
    await d.open('endiayebrule');
    d.prepare('unlock');
    d.action!.reason = 'other';
    d.action!.document = 'passport';
    await d.act();
    expect(d.notice).toEqual({ kind: 'queued', reference: 'R-7' });
  });

  it('a corrected address needs the in-person check', async () => {
    const { d, api } = await signedIn({ 'staff.student': () => ok(staffPage()) });
    await d.open('endiayebrule');
    d.prepare('resend');
    d.action!.reason = 'email_address_wrong';
    d.action!.correctedEmail = 'eloise@example.org';
    await d.act();
    expect(d.action?.problem).toBe('document');
    expect(api['staff.resendActivation']).not.toHaveBeenCalled();
  });

  it('an expired session wipes everything seen and goes back to sign-in', async () => {
    const { d } = await signedIn({
      'staff.student': () => ok(staffPage()),
      'staff.unlock': () => refused({ code: 'staff_session_expired' }),
    });
    await d.open('endiayebrule');
    d.prepare('unlock');
    d.action!.reason = 'account_locked';
    d.action!.document = 'passport';
    await d.act();
    expect(d.screen).toBe('signIn');
    expect(d.agent).toBeNull();
    expect(d.page).toBeNull();
    expect(d.error?.code).toBe('staff_session_expired');
  });

  it('hand-off: the desk wipes itself and gives the grant journey to the session', async () => {
    const handOff = { journeyId: 'j-9', purpose: 'activation' as const, student: student() };
    const { d, api, handOffs } = await signedIn({
      'staff.student': () => ok(staffPage()),
      'staff.handOff': () => ok(handOff),
    });
    await d.open('endiayebrule');
    d.prepare('handOffActivation');
    d.action!.reason = 'activation_help';
    await d.act();
    expect(d.action?.problem).toBe('document');
    d.action!.document = 'national_id_card';
    await d.act();
    expect(api['staff.handOff']).toHaveBeenCalledWith({
      identifier: 'endiayebrule',
      purpose: 'activation',
      verification: { document: 'national_id_card' },
      reason: 'activation_help',
    });
    expect(handOffs).toEqual([handOff]);
    expect(d.wiped).toBe(true);
    expect(d.page).toBeNull();
    expect(api['staff.signOut']).not.toHaveBeenCalled(); // main ended it with the hand-off
  });

  it('roles: an agent is not offered the audit view or the diagnostics actions', async () => {
    const { d } = await signedIn();
    expect(d.may('audit_view')).toBe(false);
    expect(d.may('diagnostics_actions')).toBe(false);
    expect(d.may('resend_activation')).toBe(true);
    const sup = desk({ 'staff.signIn': () => ok(SUPERVISOR) });
    sup.d.staffId = 'super01';
    sup.d.pin = '917364';
    await sup.d.signIn();
    expect(sup.d.may('audit_view')).toBe(true);
  });

  it('signOut tells main and forgets; a late answer after it changes nothing', async () => {
    let answer: (v: unknown) => void = () => {};
    const { d, api } = await signedIn({
      'staff.search': () => new Promise((resolve) => (answer = resolve)) as never,
    });
    d.query = 'brule';
    const pending = d.search();
    d.signOut();
    answer({ ok: true, value: { results: [staffPage()], truncated: false, offline: false } });
    await pending;
    expect(api['staff.signOut']).toHaveBeenCalledOnce();
    expect(d.results).toBeNull();
    expect(d.agent).toBeNull();
  });

  it('offline search sends number + birth date and forgets the birth date', async () => {
    const { d, api } = await signedIn({
      'staff.searchOffline': () =>
        ok({ results: [{ ...staffPage() }], truncated: false, offline: true }),
      'staff.student': () => ok(staffPage({ offline: true })),
    });
    d.offlineNumber = '2190 1234';
    d.offlineBirthDate = '14/03/2001';
    await d.searchOffline();
    expect(api['staff.searchOffline']).toHaveBeenCalledWith({
      studentNumber: '21901234',
      birthDate: '14032001',
    });
    expect(d.offlineBirthDate).toBe('');
    expect(d.screen).toBe('student');
  });
});

vi.mock('../password-tools', () => ({ loadPasswordTools: () => new Promise(() => {}) }));
