/** Receipt references: short, easy to read aloud at the desk, never mistaken for one another. */
import { randomInt } from 'node:crypto';

// No 0/O, 1/I/L or U/V pairs a tired student or agent could confuse.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTWXYZ';

/** A reference like "K7QM-3XWA" (29^8 ≈ 5·10^11 possibilities). */
export function newReference(): string {
  let text = '';
  for (let i = 0; i < 8; i += 1) text += ALPHABET[randomInt(ALPHABET.length)];
  return `${text.slice(0, 4)}-${text.slice(4)}`;
}

/** True for a string shaped like a reference (e.g. typed in by an agent). */
export function isReference(text: string): boolean {
  return new RegExp(`^[${ALPHABET}]{4}-[${ALPHABET}]{4}$`).test(text);
}
