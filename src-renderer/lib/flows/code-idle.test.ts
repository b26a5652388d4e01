import { describe, expect, it, vi } from 'vitest';
import { I18n } from '../../i18n/i18n.svelte';
import { fakeApi } from '../../testing/fake-api';
import { NOW, PROFILE, ok, student } from '../../testing/students';
import { KioskSession } from '../session.svelte';
import type { ActivationFlow } from './activation.svelte';

vi.mock('../password-tools', () => ({ loadPasswordTools: () => new Promise(() => {}) }));

const SENT = {
  maskedEmail: 'e*****d@example.org',
  validUntil: '2026-11-26T10:00:00Z',
  sentAt: '2026-11-25T10:00:00Z',
  cancelled: false,
};

// A student who walks away to read the code on their phone: the code step waits longer than
// the other screens before asking "still there?" and wiping the journey (issue 9).
function session() {
  const api = fakeApi({
    'student.identify': () => ok(student()),
    'activation.recentEmail': () => ok(null),
    'activation.sendEmail': () => ok(SENT),
    'journey.end': () => ok(null),
  });
  let now = 0;
  const s = new KioskSession({
    api,
    profile: PROFILE,
    i18n: new I18n('fr'),
    idle: { warnAfterSeconds: 60, resetAfterSeconds: 90 },
    codeIdle: { warnAfterSeconds: 240, resetAfterSeconds: 300 },
    now: NOW,
    timers: { now: () => now, setInterval: () => 1, clearInterval: () => {} },
  });
  const advance = (seconds: number) => ((now += seconds * 1000), s.idle.tick());
  return { s, api, advance };
}

async function identified(s: KioskSession): Promise<ActivationFlow> {
  s.start('activation');
  const flow = s.journey as ActivationFlow;
  flow.form.studentNumber = '21901234';
  flow.form.birthDate = '14032001';
  await flow.submitIdentity();
  return flow;
}

describe('idle allowance of the code step', () => {
  it('before any e-mail, the normal one: asks at 60 s', async () => {
    const { s, advance } = session();
    const flow = await identified(s);
    expect(flow.step).toBe('status');
    advance(60);
    expect(s.idle.secondsLeft).toBe(30);
  });

  it('once the e-mail is sent, asks only at 240 s and wipes at 300 s', async () => {
    const { s, api, advance } = session();
    const flow = await identified(s);
    await flow.sendEmail();
    expect(flow.step).toBe('code');
    s.idle.activity();
    advance(200);
    expect(s.idle.warning).toBe(false);
    expect(s.journey).toBe(flow);
    advance(40);
    expect(s.idle.secondsLeft).toBe(60);
    advance(60);
    expect(s.journey).toBeNull();
    expect(api['journey.end']).toHaveBeenCalledWith({ journeyId: 'j-1' });
  });

  it('past the code (charter), back to the normal allowance', async () => {
    const { s, advance } = session();
    const flow = await identified(s);
    await flow.sendEmail();
    flow.step = 'charter'; // as after an accepted code
    s.idle.activity();
    advance(90);
    expect(s.journey).toBeNull();
  });
});
