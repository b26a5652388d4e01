/**
 * The on-screen keyboard's layouts: AZERTY in French, QWERTY in English (what students find on
 * the machines of each country), a symbols layer for passwords and addresses, and a numeric pad
 * for the student number and the birth date.
 */
import type { Lang } from '../../i18n/i18n.svelte';
import { EMAIL_SUGGESTIONS } from './editing';

/** A key that types its own character, or one that does something. */
export type Key =
  | { type: 'char'; char: string }
  /** Types a whole piece of text: a domain on the e-mail keyboard ("@gmail.com"). */
  | { type: 'text'; text: string }
  | { type: 'shift' }
  | { type: 'layer'; to: Layer }
  | { type: 'space' }
  | { type: 'backspace' }
  | { type: 'enter' };

export type Layer = 'letters' | 'symbols';
/** What the focused field accepts, from its `data-osk` attribute. */
export type FieldKind = 'numeric' | 'text' | 'password' | 'email';

const chars = (row: string): Key[] => Array.from(row, (char) => ({ type: 'char', char }));

const LETTER_ROWS: Record<Lang, [string, string, string]> = {
  fr: ['azertyuiop', 'qsdfghjklm', 'wxcvbn'],
  en: ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'],
};

// Every printable ASCII symbol is reachable, so any password the policy allows can be typed, and
// the accented letters of French names and words too.
const SYMBOL_ROWS = ['!?#%&*()+=', '/\\:;,~^|[]', '{}<>"\'$`€£', 'éèêàçùâîôë'];

/** The rows of a layer for a field kind; `upper` turns letters to capitals. */
export function keyRows(kind: FieldKind, lang: Lang, layer: Layer, upper: boolean): Key[][] {
  if (kind === 'numeric') {
    return [
      chars('123'),
      chars('456'),
      chars('789'),
      [{ type: 'backspace' }, ...chars('0'), { type: 'enter' }],
    ];
  }
  const bottom: Key[] = [
    { type: 'layer', to: layer === 'letters' ? 'symbols' : 'letters' },
    ...chars('@.-_'),
    ...(kind === 'email' ? [] : [{ type: 'space' } as const]),
    { type: 'enter' },
  ];
  // An address mostly ends with one of a few domains: one key each, on both layers.
  const domains: Key[][] =
    kind === 'email' ? [EMAIL_SUGGESTIONS.map((text) => ({ type: 'text', text }))] : [];
  if (layer === 'symbols') {
    const rows = SYMBOL_ROWS.map((row) => chars(upper ? row.toUpperCase() : row));
    rows[rows.length - 1]?.unshift({ type: 'shift' });
    rows[rows.length - 1]?.push({ type: 'backspace' });
    return [...domains, ...rows, bottom];
  }
  const [top, middle, last] = LETTER_ROWS[lang].map((row) => (upper ? row.toUpperCase() : row));
  return [
    ...domains,
    chars('1234567890'),
    chars(top ?? ''),
    chars(middle ?? ''),
    [{ type: 'shift' }, ...chars(last ?? ''), { type: 'backspace' }],
    bottom,
  ];
}

/** The characters a field refuses: the profile's forbidden ones, in password fields only. */
export function refusedCharacters(kind: FieldKind, forbidden: string): Set<string> {
  return new Set(kind === 'password' ? Array.from(forbidden) : []);
}

/** Whether a layer shows a greyed key: the legend explaining them shows only then. */
export function greysOut(rows: Key[][], refused: Set<string>): boolean {
  return rows.some((row) => row.some((key) => key.type === 'char' && refused.has(key.char)));
}

/** Reads a field's kind; fields without `data-osk` get no on-screen keyboard. */
export function fieldKind(element: Element | null): FieldKind | null {
  if (!(element instanceof HTMLInputElement)) return null;
  const kind = element.dataset.osk;
  return kind === 'numeric' || kind === 'text' || kind === 'password' || kind === 'email'
    ? kind
    : null;
}
