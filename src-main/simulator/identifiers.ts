/**
 * Account identifiers as the institution derives them: first letter of the first name, then
 * the last name, lowercased, without diacritics or anything outside a-z ("Éloïse N'Diaye-Brûlé"
 * → "endiayebrule"), with a number appended when the identifier is already taken.
 */

// Letters that Unicode does not decompose into a base letter plus a combining mark.
const TRANSLITERATIONS: Readonly<Record<string, string>> = {
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
};

const MAX_BASE_LENGTH = 20;
/** Used when a name has no Latin letter at all, so that every student still gets an identifier. */
const FALLBACK_BASE = 'etu';

/** Lowercases and reduces a name to the letters a-z. */
export function asciiLetters(name: string): string {
  return name
    .toLowerCase()
    .replace(/[øæœßłđðþıħ]/g, (c) => TRANSLITERATIONS[c] ?? '')
    .normalize('NFD')
    .replace(/[^a-z]/g, '');
}

/** The identifier a student would get if nobody else had it yet. */
export function baseIdentifier(firstName: string, lastName: string): string {
  const base = (asciiLetters(firstName).slice(0, 1) + asciiLetters(lastName)).slice(
    0,
    MAX_BASE_LENGTH,
  );
  return base === '' ? FALLBACK_BASE : base;
}

/** Hands out identifiers, appending 2, 3… to a base that is already taken. */
export function createIdentifierAllocator(taken: Iterable<string> = []) {
  const used = new Set(taken);
  return function allocate(firstName: string, lastName: string): string {
    const base = baseIdentifier(firstName, lastName);
    let candidate = base;
    for (let n = 2; used.has(candidate); n += 1) candidate = `${base}${n}`;
    used.add(candidate);
    return candidate;
  };
}
