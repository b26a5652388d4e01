import { describe, expect, it, vi } from 'vitest';
import { I18n } from '../../i18n/i18n.svelte';
import { fakeApi } from '../../testing/fake-api';
import { AGENT, staffPage } from '../../testing/staff';
import { NOW, PROFILE, ok, student } from '../../testing/students';
import type { ActivationFlow } from '../flows/activation.svelte';
import { KioskSession } from '../session.svelte';
import { currentStateSentence, staffTime, staffWhen } from './staff-format';

vi.mock('../password-tools', () => ({ loadPasswordTools: () => new Promise(() => {}) }));

function session() {
  const api = fakeApi({
    'staff.signIn': () => ok(AGENT),
    'staff.signOut': () => ok(null),
    'staff.student': () => ok(staffPage()),
    'staff.handOff': () =>
      ok({
        journeyId: 'j-9',
        purpose: 'activation' as const,
        student: student({ journeyId: 'j-9' }),
      }),
    'charter.get': () =>
      ok({
        version: '2026-1',
        title: { fr: 'Charte', en: 'Charter' },
        paragraphs: { fr: [], en: [] },
      }),
    'journey.end': () => ok(null),
  });
  let now = 0;
  const s = new KioskSession({
    api,
    profile: PROFILE,
    i18n: new I18n('fr'),
    idle: { warnAfterSeconds: 60, resetAfterSeconds: 90 },
    now: NOW,
    timers: { now: () => now, setInterval: () => 1, clearInterval: () => {} },
  });
  const advance = (seconds: number) => ((now += seconds * 1000), s.activeIdle.tick());
  return { s, api, advance };
}

async function signIn(s: KioskSession) {
  s.openStaff();
  s.staff!.staffId = 'agent01';
  s.staff!.pin = '482913';
  await s.staff!.signIn();
}

describe('staff mode in the session', () => {
  it("idle: warns before the agent's idle time, then signs out and wipes", async () => {
    const { s, api, advance } = session();
    await signIn(s);
    await s.staff!.open('endiayebrule');
    advance(89);
    expect(s.activeIdle.secondsLeft).toBeNull();
    advance(2);
    expect(s.activeIdle.secondsLeft).toBe(29);
    advance(29);
    expect(s.staff).toBeNull();
    expect(api['staff.signOut']).toHaveBeenCalledOnce();
    expect(s.activeIdle).toBe(s.idle);
  });

  it('hand-off: the student continues activation at the charter, on the grant, no code', async () => {
    const { s, api } = await (async () => {
      const t = session();
      await signIn(t.s);
      return t;
    })();
    const desk = s.staff!;
    await desk.open('endiayebrule');
    desk.prepare('handOffActivation');
    desk.action!.reason = 'activation_help';
    desk.action!.document = 'passport';
    await desk.act();
    expect(s.staff).toBeNull();
    const flow = s.journey as ActivationFlow;
    expect(flow.kind).toBe('activation');
    expect(flow.granted).toBe(true);
    expect(flow.step).toBe('charter');
    expect(api['staff.signOut']).not.toHaveBeenCalled();
  });

  it('"Terminer" from the sign-in screen just goes home', () => {
    const { s, api } = session();
    s.openStaff();
    s.end();
    expect(s.staff).toBeNull();
    expect(api['staff.signOut']).not.toHaveBeenCalled();
  });
});

describe('staff formatting', () => {
  const fr = new I18n('fr');
  const en = new I18n('en');
  const tz = 'Europe/Paris';
  const now = new Date('2026-11-25T13:40:00Z');
  /** Spaces as the kiosk writes them in a time: no-break, so "14 h 33" never wraps. */
  const nb = (text: string) => text.replace(/(\d) h (\d)/g, '$1\u00a0h\u00a0$2');
  it('writes times with French typography', () => {
    expect(staffTime('2026-11-25T17:55:00Z', fr, tz)).toBe(nb('18 h 55'));
    expect(staffTime('2026-11-25T17:55:00Z', en, tz)).toBe('18:55');
    expect(staffWhen('2026-11-26T13:33:00Z', fr, tz, now)).toBe(nb('demain 14 h 33'));
  });
  it('says the current state in one sentence', () => {
    const state = {
      state: 'email_sent' as const,
      sentAt: '2026-11-25T13:33:00Z',
      validUntil: '2026-11-26T13:33:00Z',
    };
    expect(currentStateSentence(state, fr, tz, now)).toBe(
      nb('Activation possible ; e-mail envoyé à 14 h 33, valable jusqu’à demain, 14 h 33.'),
    );
    expect(currentStateSentence(state, en, tz, now)).toBe(
      'Activation possible; e-mail sent at 14:33, valid until tomorrow at 14:33.',
    );
  });
  it('writes a later day as a sentence does, not "08/07/2026 10 h 30"', () => {
    const tooEarly = { state: 'too_early' as const, possibleAt: '2027-07-08T08:30:00Z' };
    expect(currentStateSentence(tooEarly, fr, tz, now)).toBe(
      'Activation possible à partir du 8\u00a0juillet\u00a02027 à 10\u00a0h\u00a030.',
    );
    expect(currentStateSentence(tooEarly, en, tz, now)).toBe(
      'Activation possible from 8\u00a0July\u00a02027 at 10:30.',
    );
    const locked = { state: 'locked' as const, since: '2026-11-24T08:10:00Z' };
    expect(currentStateSentence(locked, fr, tz, now)).toBe(
      'Compte verrouillé depuis hier, 9\u00a0h\u00a010.',
    );
  });
});
