/**
 * What the audit chain keeps of the account a line is about (issue 16): never the identifier in
 * clear. A line's subject is `@<tag>` (a keyed hash of the identifier, the keychain holding the
 * key: the kiosk finds an account's lines by it, a supervisor matches two lines by it) followed,
 * when the central API's sealing key is pinned, by `:<jwe>` (the identifier sealed to that key:
 * only the central copy can read it). Subjects that are no account (an outbox reference) stay
 * as they are.
 */

/** The JWE content type of a sealed subject: the API opens a subject only with it, and never
 * takes such a JWE for a password (nor a sealed password for a subject). */
export const SEALED_SUBJECT_CTY = 'guichet-audit-subject';

/** Hex characters of a subject's tag (64 bits: no two accounts of a university share one). */
export const SUBJECT_TAG_LENGTH = 16;

/**
 * The longest subject (the wire's bound too): a tag and a JWE sealed to an RSA key of up to
 * 4096 bits (about 1000 characters for a 64-character identifier).
 */
export const MAX_SUBJECT_LENGTH = 2048;

/** How many characters of the tag the staff screens show. */
export const SUBJECT_TAG_SHOWN = 8;

const PROTECTED = new RegExp(`^@([0-9a-f]{${SUBJECT_TAG_LENGTH}})(?::([A-Za-z0-9_.-]+))?$`);

/** The stored form of an account subject: its tag, and its sealed identifier when there is one. */
export function protectedSubject(tag: string, sealed: string | null): string {
  return sealed === null ? `@${tag}` : `@${tag}:${sealed}`;
}

/** The parts of a protected subject; null for anything else (a reference, a legacy clear one). */
export function parseSubject(subject: string): { tag: string; sealed: string | null } | null {
  const match = PROTECTED.exec(subject);
  return match ? { tag: match[1]!, sealed: match[2] ?? null } : null;
}

/** Bounds of the subjects of one tag, in text order (an index range in SQL). */
export function tagRange(tag: string): [from: string, to: string] {
  return [`@${tag}`, `@${tag};`];
}
