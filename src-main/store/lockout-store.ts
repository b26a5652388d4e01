import type { AttemptCounters, SubjectAttempts } from '../core/lockout';
import type { Db } from './database';

interface SubjectRow {
  failures: number;
  locks: number;
  locked_until: number;
  last_failure_at: number;
}

/** What a set of counters limits: identification, or the credential checks (journal migration 4). */
/** `staff`: staff PINs, per keyed hash of the staff identifier (journal migration 5). */
export type LockoutScope = 'identify' | 'credential' | 'staff';

/**
 * The lockout counters in the journal (migrations 2 and 4). `atomically` is an IMMEDIATE
 * transaction: it takes the write lock before reading, so that even another process sharing
 * the file cannot read the same counters between a check and its reservation.
 */
export function createLockoutStore(db: Db, scope: LockoutScope = 'identify'): AttemptCounters {
  // Identification keys predate scopes and stay as they were; other scopes are prefixed.
  const keyOf = (key: string) => (scope === 'identify' ? key : `${scope}:${key}`);
  const select = db.prepare<[string], SubjectRow>(
    'SELECT failures, locks, locked_until, last_failure_at FROM lockout_subject WHERE subject_key = ?',
  );
  const upsert = db.prepare(`
    INSERT INTO lockout_subject (subject_key, failures, locks, locked_until, last_failure_at)
    VALUES (@key, @failures, @locks, @lockedUntil, @lastFailureAt)
    ON CONFLICT (subject_key) DO UPDATE SET
      failures = excluded.failures, locks = excluded.locks,
      locked_until = excluded.locked_until, last_failure_at = excluded.last_failure_at
  `);
  const remove = db.prepare('DELETE FROM lockout_subject WHERE subject_key = ?');
  const removeAll = db.prepare('DELETE FROM lockout_subject WHERE subject_key LIKE ?');
  const failuresSince = db
    .prepare<[string, number], number>(
      'SELECT at FROM lockout_kiosk_failure WHERE scope = ? AND at >= ? ORDER BY at, id',
    )
    .pluck();
  const insertFailure = db.prepare('INSERT INTO lockout_kiosk_failure (at, scope) VALUES (?, ?)');
  const pruneFailures = db.prepare('DELETE FROM lockout_kiosk_failure WHERE scope = ? AND at < ?');
  const removeFailure = db.prepare('DELETE FROM lockout_kiosk_failure WHERE id = ?');
  const clearFailures = db.prepare('DELETE FROM lockout_kiosk_failure WHERE scope = ?');

  return {
    atomically<T>(work: () => T): T {
      return db.transaction(work).immediate();
    },
    subject(key): SubjectAttempts | null {
      const row = select.get(keyOf(key));
      if (!row) return null;
      return {
        failures: row.failures,
        locks: row.locks,
        lockedUntil: row.locked_until,
        lastFailureAt: row.last_failure_at,
      };
    },
    saveSubject(key, attempts) {
      upsert.run({ key: keyOf(key), ...attempts });
    },
    forgetSubject(key) {
      remove.run(keyOf(key));
    },
    forgetAllSubjects() {
      // Identification's keys carry no prefix: only the prefixed scopes can be told apart.
      if (scope === 'identify') throw new Error('identification lockouts are lifted one by one');
      removeAll.run(`${scope}:%`);
    },
    kioskFailuresSince: (since) => failuresSince.all(scope, since),
    addKioskFailure(at, forgetBefore) {
      pruneFailures.run(scope, forgetBefore);
      return Number(insertFailure.run(at, scope).lastInsertRowid);
    },
    removeKioskFailure(id) {
      removeFailure.run(id);
    },
    clearKioskFailures() {
      clearFailures.run(scope);
    },
  };
}
