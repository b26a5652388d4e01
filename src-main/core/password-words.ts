// The two rules that compare the password with words: the dictionary and the student's own data.
import {
  MIN_DICTIONARY_WORD_LENGTH,
  codePointLength,
  fold,
  removeDiacritics,
  stripNonLetterEnds,
  unleetVariants,
} from './password-text';
import type { Dictionary, PersonalData } from './password-policy';

/**
 * The strings the dictionary rule looks up. From the lower-cased password P:
 *   1. P itself (catches list entries with digits, such as "azerty123" in the common passwords);
 *   2. P with its leading/trailing non-letters stripped ("Soleil2024!" → "soleil");
 *   3. every leet reading of 1 and 2 (0→o, 1→i|l, 3→e, 4→a, 5→s, 7→t, @→a, $→s), each stripped
 *      again, so substitutions both inside ("s0leil") and at the ends ("@mour") are undone;
 *   4. for each of these, the repeated unit when it is one word said two times or more, glued or
 *      separated by non-letters ("soleilsoleil", "soleil-soleil!" → "soleil").
 * Each is also tried without diacritics. Only strings of MIN_DICTIONARY_WORD_LENGTH code points or
 * more are looked up: the rule refuses a password that IS a word, not one that contains a word.
 */
export function dictionaryCandidates(password: string): string[] {
  const lower = password.normalize('NFC').toLowerCase();
  const bases = new Set([lower, stripNonLetterEnds(lower)]);
  const readings = new Set<string>();
  for (const base of bases) {
    readings.add(base);
    for (const variant of unleetVariants(base)) {
      readings.add(variant);
      readings.add(stripNonLetterEnds(variant));
    }
  }
  const candidates = new Set<string>();
  for (const reading of readings) {
    for (const text of [reading, ...repeatedUnits(reading)]) {
      candidates.add(text);
      candidates.add(removeDiacritics(text));
    }
  }
  return [...candidates].filter((c) => codePointLength(c) >= MIN_DICTIONARY_WORD_LENGTH);
}

/** The units a text repeats: "abcabc" → ["abc"], "mamamama" → ["ma", "mama"], "ab-ab" → ["ab"]. */
export function repeatedUnits(text: string): string[] {
  const units = new Set<string>();
  const parts = text.split(/[^\p{L}\p{M}]+/u).filter((p) => p !== '');
  if (parts.length >= 2 && parts.every((p) => p === parts[0])) units.add(parts[0] ?? '');
  for (const letters of parts.length === 1 ? parts : []) {
    const chars = Array.from(letters);
    for (let size = 1; size <= chars.length / 2; size += 1) {
      if (chars.length % size !== 0) continue;
      const unit = chars.slice(0, size).join('');
      if (unit.repeat(chars.length / size) === letters) units.add(unit);
    }
  }
  return [...units];
}

/** True when the password, read as above, is a dictionary word. */
export function isDictionaryWord(password: string, dictionary: Dictionary): boolean {
  return dictionaryCandidates(password).some((c) => dictionary.has(c));
}

// Names are compared part by part; parts shorter than this ("N'" in N'Diaye, "Li") would refuse
// far too many passwords for the little they protect.
const MIN_NAME_PART_LENGTH = 3;
// Identifiers shorter than this are not compared, for the same reason.
const MIN_IDENTIFIER_LENGTH = 3;

/** The folded fragments of a student's data the password may not contain. */
export function personalFragments(personal: PersonalData): string[] {
  const fragments: string[] = [];
  const identifier = fold(personal.identifier.trim());
  if (codePointLength(identifier) >= MIN_IDENTIFIER_LENGTH) fragments.push(identifier);
  for (const name of [personal.firstName, personal.lastName]) {
    for (const part of fold(name).split(/[\s'’‘ʼ`\-‐‑–.]+/u)) {
      if (codePointLength(part) >= MIN_NAME_PART_LENGTH) fragments.push(part);
    }
  }
  fragments.push(...birthDateForms(personal.birthDate));
  return [...new Set(fragments)];
}

/** The birth date as a student would type it: jjmmaaaa, jjmmaa, aaaammjj, aaaa-mm-jj, jj/mm/aaaa. */
export function birthDateForms(isoDate: string | null): string[] {
  const match = isoDate === null ? null : /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return [];
  const [, yyyy = '', mm = '', dd = ''] = match;
  return [
    `${dd}${mm}${yyyy}`,
    `${dd}${mm}${yyyy.slice(2)}`,
    `${yyyy}${mm}${dd}`,
    isoDate ?? '',
    `${dd}/${mm}/${yyyy}`,
  ];
}

/**
 * True when the password contains the identifier, a name part or the birth date. The password is
 * folded (lower case, no diacritics) and also read with leet substitutions undone ("D1aye"); a
 * date can only match the plain folded reading, since undoing leet turns its digits into letters.
 */
export function containsPersonalData(password: string, personal: PersonalData): boolean {
  const folded = fold(password);
  const readings = [folded, ...unleetVariants(folded)];
  return personalFragments(personal).some((fragment) =>
    readings.some((reading) => reading.includes(fragment)),
  );
}
