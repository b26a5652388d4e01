import { describe, expect, it } from 'vitest';
import { describeStartupFailure, newReference } from './startup-failure';

describe('start-up failure', () => {
  const raw = new Error(
    'The OS keychain is not available (org.freedesktop.secrets at /run/user/1000/bus); ' +
      'a live kiosk cannot start without it.',
  );

  it('shows a calm text in French and English with the reference, and none of the detail', () => {
    const failure = describeStartupFailure(raw, 'K7Q2-9XPA');
    expect(failure.screen.fr).toMatch(/^Cette borne n’est pas disponible .*référence K7Q2-9XPA\.$/);
    expect(failure.screen.en).toMatch(/^This kiosk is not available .*reference K7Q2-9XPA\.$/);
    for (const text of Object.values(failure.screen)) {
      expect(text).not.toMatch(/keychain|freedesktop|\/run\/|kiosk cannot/i);
    }
  });

  it('logs the whole detail under the same reference', () => {
    const failure = describeStartupFailure(raw, 'K7Q2-9XPA');
    expect(failure.log).toMatchObject({ reference: 'K7Q2-9XPA', error: raw.message });
    expect(failure.log.stack).toContain('startup-failure.test.ts');
    expect(describeStartupFailure('plain text', 'R').log).toEqual({
      reference: 'R',
      error: 'plain text',
    });
  });

  it('makes short references that read aloud without ambiguity', () => {
    const seen = new Set(Array.from({ length: 200 }, () => newReference()));
    expect(seen.size).toBe(200);
    for (const reference of seen)
      expect(reference).toMatch(/^[A-HJKMNP-TW-Z2-9]{4}-[A-HJKMNP-TW-Z2-9]{4}$/);
    expect(newReference(() => 0)).toBe('AAAA-AAAA');
  });
});
