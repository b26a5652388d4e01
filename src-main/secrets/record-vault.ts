/**
 * Seals the directory records the cache keeps: each under its own key, derived from the keychain
 * key and that student's normalised number and ISO birth date (RecordKeys.recordKey), with the
 * lookup hash as AAD so that a sealed record cannot be moved under another student's row. The
 * cache file then holds the lookup hash in clear and nothing readable besides.
 */
import type { StudentRecord } from '../core/student';
import { openBytes, sealBytes } from './aead';
import type { RecordKeys } from './lookup-keys';

/** What a cached record holds: never the API-only fields (masked e-mail, activation time). */
export type CachedRecord = Pick<
  StudentRecord,
  'identifier' | 'firstName' | 'lastName' | 'account' | 'enrollments'
>;

/** Seals and opens one student's record; number and date are normalised by the caller. */
export interface RecordVault {
  /** The keyed hash the record is filed under (in clear in the cache). */
  lookupKey(studentNumber: string, birthDate: string): string;
  seal(
    studentNumber: string,
    birthDate: string,
    record: CachedRecord,
  ): { lookupKey: string; sealed: Buffer };
  /** The record, or null when the blob does not open for this number and date. */
  open(studentNumber: string, birthDate: string, sealed: Uint8Array): StudentRecord | null;
}

/** A vault over the kiosk's record keys. */
export function createRecordVault(keys: RecordKeys): RecordVault {
  return {
    lookupKey: keys.identity,
    seal(studentNumber, birthDate, record) {
      const lookupKey = keys.identity(studentNumber, birthDate);
      const { identifier, firstName, lastName, account, enrollments } = record;
      const text = JSON.stringify({ identifier, firstName, lastName, account, enrollments });
      const sealed = sealBytes(keys.recordKey(studentNumber, birthDate), text, lookupKey);
      return { lookupKey, sealed };
    },
    open(studentNumber, birthDate, sealed) {
      const lookupKey = keys.identity(studentNumber, birthDate);
      const text = openBytes(keys.recordKey(studentNumber, birthDate), sealed, lookupKey);
      return text ? (JSON.parse(text.toString('utf8')) as StudentRecord) : null;
    },
  };
}
