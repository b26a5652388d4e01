import { describe, expect, it, vi } from 'vitest';
import { I18n } from '../i18n/i18n.svelte';
import { fakeApi } from '../testing/fake-api';
import { NOW, PROFILE, ok, student } from '../testing/students';
import type { ActivationFlow } from './flows/activation.svelte';
import type { FindIdentifierFlow } from './flows/find-identifier.svelte';
import { KioskSession } from './session.svelte';

vi.mock('./password-tools', () => ({ loadPasswordTools: () => new Promise(() => {}) }));

function session() {
  const api = fakeApi({ 'student.identify': () => ok(student()), 'journey.end': () => ok(null) });
  const i18n = new I18n('fr');
  let now = 0;
  const s = new KioskSession({
    api,
    profile: PROFILE,
    i18n,
    idle: { warnAfterSeconds: 60, resetAfterSeconds: 90 },
    now: NOW,
    timers: { now: () => now, setInterval: () => 1, clearInterval: () => {} },
  });
  return { s, api, i18n, advance: (seconds: number) => ((now += seconds * 1000), s.idle.tick()) };
}

async function identify(flow: FindIdentifierFlow) {
  flow.form.studentNumber = '21901234';
  flow.form.birthDate = '14032001';
  await flow.submitIdentity();
}

describe('KioskSession', () => {
  it('end() wipes the journey, tells main, and resets the language and reading aids', async () => {
    const { s, api, i18n } = session();
    s.start('findIdentifier');
    await identify(s.journey as FindIdentifierFlow);
    s.toggleLanguage();
    s.toggleLargeText();
    s.toggleHighContrast();
    const flow = s.journey as FindIdentifierFlow;
    s.end();
    expect(s.journey).toBeNull();
    expect(flow.student).toBeNull();
    expect(api['journey.end']).toHaveBeenCalledWith({ journeyId: 'j-1' });
    expect(i18n.lang).toBe('fr');
    expect(s.display.pristine).toBe(true);
    expect(s.idle.armed).toBe(false);
  });

  it('leave() ("Accueil") wipes the journey in main too, but the visit keeps its language', async () => {
    const { s, api, i18n, advance } = session();
    s.start('findIdentifier');
    await identify(s.journey as FindIdentifierFlow);
    s.toggleLanguage();
    const flow = s.journey as FindIdentifierFlow;
    s.leave();
    expect(s.journey).toBeNull();
    expect(flow.student).toBeNull();
    expect(api['journey.end']).toHaveBeenCalledWith({ journeyId: 'j-1' });
    expect(i18n.lang).toBe('en');
    // The idle wipe still ends the visit, language included.
    advance(90);
    expect(i18n.lang).toBe('fr');
  });

  it('idle timeout does the same wipe', async () => {
    const { s, api, advance } = session();
    s.start('findIdentifier');
    await identify(s.journey as FindIdentifierFlow);
    advance(60);
    expect(s.idle.secondsLeft).toBe(30);
    advance(30);
    expect(s.journey).toBeNull();
    expect(api['journey.end']).toHaveBeenCalledWith({ journeyId: 'j-1' });
  });

  it('switchTo hands the identified student over without ending their journey in main', async () => {
    const { s, api } = session();
    s.start('findIdentifier');
    await identify(s.journey as FindIdentifierFlow);
    s.switchTo('activation');
    const next = s.journey as ActivationFlow;
    expect(next.kind).toBe('activation');
    expect(next.step).toBe('status');
    expect(next.student?.identifier).toBe('endiayebrule');
    expect(api['journey.end']).not.toHaveBeenCalled();
    s.end();
    expect(api['journey.end']).toHaveBeenCalledWith({ journeyId: 'j-1' });
  });

  it('keeps the language for the journey when switched mid-way', () => {
    const { s, i18n } = session();
    s.start('mail');
    s.toggleLanguage();
    expect(i18n.lang).toBe('en');
    expect(s.journey?.kind).toBe('mail');
  });
});
