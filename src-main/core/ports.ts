import type { IdentityQuery } from './identity-input';
import type { AppError, Result } from './result';
import type { StudentRecord } from './student';

/** The central account API, as the use cases see it. */
export interface AccountDirectory {
  identify(query: IdentityQuery): Promise<Result<StudentRecord, AppError>>;
}

/**
 * The kiosk's private copy of directory records. Each is filed under a keyed hash of the number
 * and birth date and sealed under a key derived from both: only the query that saved a record
 * can find and read it again.
 */
export interface DirectoryCache {
  save(query: IdentityQuery, record: StudentRecord, seenAt: Date): void;
  find(query: IdentityQuery): StudentRecord | null;
}

/** Derives opaque keys (keyed hashes) so that no student number is stored in clear. */
export interface LookupKeys {
  /** The key failed attempts on one (normalised) student number are counted under. */
  attemptKey(studentNumber: string): Promise<string>;
}

/** The time, injected so that tests control it. */
export interface Clock {
  now(): Date;
}

/** Where log lines go. Callers never pass passwords, birth dates or student numbers. */
export interface Logger {
  /** Routine traffic (each request, each health check): hidden unless asked for. */
  debug(message: string, fields?: Record<string, unknown>): void;
  /** Changes of state an operator needs: online/offline, sync done, queue drained. */
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}
