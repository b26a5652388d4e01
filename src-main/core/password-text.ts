// Text helpers shared by the password rules and the dictionary loader. Pure string work only:
// the renderer, main and the simulator must all fold a password the same way.

/** Dictionary words (and dictionary candidates) shorter than this never count. */
export const MIN_DICTIONARY_WORD_LENGTH = 4;

/** NFC-normalises a password, so "é" typed as e + U+0301 and as U+00E9 count the same. */
export function normalisePassword(password: string): string {
  return password.normalize('NFC');
}

/** Number of Unicode code points (an astral emoji is one, not two UTF-16 units). */
export function codePointLength(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

// Ligatures and letters that NFD does not decompose but that people type as two ASCII letters.
const FOLDED_LETTERS: Record<string, string> = {
  œ: 'oe',
  Œ: 'OE',
  æ: 'ae',
  Æ: 'AE',
  ß: 'ss',
  ø: 'o',
  Ø: 'O',
  ł: 'l',
  Ł: 'L',
};

/** Printable ASCII only: nothing to normalise, fold or strip. */
export const PLAIN_ASCII = /^[\x20-\x7e]*$/;

/** Removes diacritics ("Brûlé" → "Brule", "œuf" → "oeuf"); other scripts keep their letters. */
export function removeDiacritics(text: string): string {
  if (PLAIN_ASCII.test(text)) return text;
  return text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/[œŒæÆßøØłŁ]/g, (c) => FOLDED_LETTERS[c] ?? c)
    .normalize('NFC');
}

/** Lower-cases without locale (the kiosk's locale must not change the verdict) and removes diacritics. */
export function fold(text: string): string {
  return removeDiacritics(text.normalize('NFC').toLowerCase());
}

// Substitutions undone before the dictionary and personal-data checks. '1' is ambiguous (i or l),
// so it expands into both; every other character has one reading.
const LEET: Record<string, readonly string[]> = {
  '0': ['o'],
  '1': ['i', 'l'],
  '3': ['e'],
  '4': ['a'],
  '5': ['s'],
  '7': ['t'],
  '@': ['a'],
  $: ['s'],
};

// Each ambiguous character doubles the readings: past this many, only the uniform readings
// (all '1' → i, all '1' → l) are tried, which keeps the check instant on long inputs.
const MAX_AMBIGUOUS_EXPANSIONS = 4;

/** Every reading of a (lower-cased) text with leet substitutions undone; the text itself excluded. */
export function unleetVariants(text: string): string[] {
  const chars = Array.from(text);
  if (!chars.some((c) => c in LEET)) return [];
  const ambiguous = chars.filter((c) => (LEET[c]?.length ?? 0) > 1).length;
  let readings: string[] = [''];
  if (ambiguous <= MAX_AMBIGUOUS_EXPANSIONS) {
    for (const c of chars) {
      const options = LEET[c] ?? [c];
      readings = readings.flatMap((prefix) => options.map((o) => prefix + o));
    }
  } else {
    readings = [0, 1].map((pick) =>
      chars.map((c) => LEET[c]?.[Math.min(pick, LEET[c].length - 1)] ?? c).join(''),
    );
  }
  return [...new Set(readings)].filter((r) => r !== text);
}

/** Strips leading and trailing characters that are not letters (digits, symbols, spaces). */
export function stripNonLetterEnds(text: string): string {
  return text.replace(/^[^\p{L}\p{M}]+|[^\p{L}\p{M}]+$/gu, '');
}
