import { describe, expect, it } from 'vitest';
import { greysOut, keyRows, refusedCharacters, type Key } from './layouts';

const text = (row: Key[]) =>
  row
    .map((k) => (k.type === 'char' ? k.char : k.type === 'text' ? `[${k.text}]` : `[${k.type}]`))
    .join('');

describe('keyboard layouts', () => {
  it('is AZERTY in French and QWERTY in English', () => {
    expect(text(keyRows('text', 'fr', 'letters', false)[1]!)).toBe('azertyuiop');
    expect(text(keyRows('text', 'en', 'letters', false)[1]!)).toBe('qwertyuiop');
    expect(text(keyRows('password', 'fr', 'letters', true)[2]!)).toBe('QSDFGHJKLM');
  });

  it('gives numbers a keypad with no letters', () => {
    const keys = keyRows('numeric', 'fr', 'letters', false).flat();
    expect(
      keys
        .filter((k) => k.type === 'char')
        .map((k) => (k as { char: string }).char)
        .sort(),
    ).toEqual([...'0123456789']);
  });

  it('reaches every printable ASCII symbol, so any allowed password can be typed', () => {
    const chars = new Set(
      (['letters', 'symbols'] as const).flatMap((layer) =>
        keyRows('password', 'fr', layer, false)
          .flat()
          .flatMap((k) => (k.type === 'char' ? [k.char] : k.type === 'space' ? [' '] : [])),
      ),
    );
    for (let code = 0x21; code < 0x7f; code += 1) {
      const c = String.fromCharCode(code);
      if (/[A-Z]/.test(c)) continue; // through Shift
      expect(chars.has(c), c).toBe(true);
    }
  });

  it('greys out the forbidden characters in password fields only', () => {
    expect([...refusedCharacters('password', '<>"\'$')]).toEqual(['<', '>', '"', "'", '$']);
    expect(refusedCharacters('email', '<>"\'$').size).toBe(0);
  });

  it('explains greyed keys only on a layer that has some', () => {
    const refused = refusedCharacters('password', '<>"\'$');
    expect(greysOut(keyRows('password', 'fr', 'letters', false), refused)).toBe(false);
    expect(greysOut(keyRows('password', 'fr', 'symbols', false), refused)).toBe(true);
    expect(greysOut(keyRows('text', 'fr', 'symbols', false), new Set())).toBe(false);
  });

  it('offers the common domains on the e-mail keyboard only, on both layers', () => {
    for (const layer of ['letters', 'symbols'] as const) {
      expect(text(keyRows('email', 'en', layer, false)[0]!)).toBe(
        '[@gmail.com][@outlook.fr][.fr][.com]',
      );
      expect(
        keyRows('text', 'en', layer, false)
          .flat()
          .some((k) => k.type === 'text'),
      ).toBe(false);
    }
  });
});
