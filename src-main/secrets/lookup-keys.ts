import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { LookupKeys } from '../core/ports';
import { SECRET_NAMES, type SecretStore } from './secret-store';

/** Loads the HMAC key from the keychain, creating it on first use. */
export async function loadOrCreateLookupKey(secrets: SecretStore): Promise<Buffer> {
  const existing = await secrets.get(SECRET_NAMES.lookupKey);
  if (existing) return Buffer.from(existing, 'base64');
  const key = randomBytes(32);
  await secrets.set(SECRET_NAMES.lookupKey, key.toString('base64'));
  return key;
}

/** The keyed hashes the cache and the journal are keyed by; synchronous, for bulk sync. */
export interface RecordKeys {
  /** Identification: normalised student number and ISO birth date together. */
  identity(studentNumber: string, birthDate: string): string;
  /** Staff lookup of a student by number alone, at the desk after an in-person check. */
  staffLookup(studentNumber: string): string;
  /** Failed identification attempts are counted per number under this key (journal). */
  attempts(studentNumber: string): string;
  /**
   * The AES-256 key of one student's cached record: only someone who knows both the number and
   * the birth date (and holds the keychain key) can derive it. A staff lookup by number alone
   * finds the row (staffLookup) but cannot open it: a future staff mode must ask the API, or the
   * student's birth date, to read it.
   */
  recordKey(studentNumber: string, birthDate: string): Buffer;
  /** Failed password checks are counted per account identifier under this key (journal). */
  credentialAttempts(identifier: string): string;
  /** Activation and reset e-mails are spaced per account under this key (journal). */
  emailSends(identifier: string): string;
}

/** HKDF labels: each derived key has its own, so no two uses ever share a key. */
const RECORD_KEY_INFO = 'guichet cache record v1';
const JOURNAL_KEY_INFO = 'guichet journal payload v1';

/**
 * The key queued request bodies are sealed under in the journal (activation and reset codes,
 * redirect addresses): derived from the keychain key, so the disk alone does not open them.
 */
export function deriveJournalKey(key: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), JOURNAL_KEY_INFO, 32));
}

/**
 * Keyed hashes (HMAC-SHA256) of the student number and birth date: the cache can find a student
 * again without ever holding either in clear, and without the key (kept in the keychain) a
 * stolen cache file cannot be searched by trying birth dates. Each use has its own label, so a
 * key from one table says nothing about another.
 */
export function createRecordKeys(key: Buffer): RecordKeys {
  const hmac = (text: string) => createHmac('sha256', key).update(text).digest('base64url');
  return {
    identity: (studentNumber, birthDate) =>
      hmac(`identity\u0000${studentNumber}\u0000${birthDate}`),
    staffLookup: (studentNumber) => hmac(`staff\u0000${studentNumber}`),
    attempts: (studentNumber) => hmac(`attempts\u0000${studentNumber}`),
    recordKey: (studentNumber, birthDate) =>
      Buffer.from(
        hkdfSync(
          'sha256',
          key,
          Buffer.alloc(0),
          `${RECORD_KEY_INFO}\u0000${studentNumber}\u0000${birthDate}`,
          32,
        ),
      ),
    credentialAttempts: (identifier) => hmac(`credential\u0000${identifier}`),
    emailSends: (identifier) => hmac(`email\u0000${identifier}`),
  };
}

/** The same hashes behind the core's LookupKeys port. */
export function createLookupKeys(key: Buffer): LookupKeys {
  const keys = createRecordKeys(key);
  return {
    attemptKey: async (studentNumber: string) => keys.attempts(studentNumber),
  };
}
