import type { AttemptCounters, SubjectAttempts } from '../core/lockout';
import type { Db } from './database';

interface SubjectRow {
  failures: number;
  locks: number;
  locked_until: number;
  last_failure_at: number;
}

/** The lockout counters in the journal (migration 2); each write is committed on its own. */
export function createLockoutStore(db: Db): AttemptCounters {
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
  const failuresSince = db
    .prepare<[number], number>('SELECT at FROM lockout_kiosk_failure WHERE at >= ? ORDER BY at')
    .pluck();
  const insertFailure = db.prepare('INSERT INTO lockout_kiosk_failure (at) VALUES (?)');
  const pruneFailures = db.prepare('DELETE FROM lockout_kiosk_failure WHERE at < ?');
  const addFailure = db.transaction((at: number, forgetBefore: number) => {
    insertFailure.run(at);
    pruneFailures.run(forgetBefore);
  });

  return {
    subject(key): SubjectAttempts | null {
      const row = select.get(key);
      if (!row) return null;
      return {
        failures: row.failures,
        locks: row.locks,
        lockedUntil: row.locked_until,
        lastFailureAt: row.last_failure_at,
      };
    },
    saveSubject(key, attempts) {
      upsert.run({ key, ...attempts });
    },
    forgetSubject(key) {
      remove.run(key);
    },
    kioskFailuresSince: (since) => failuresSince.all(since),
    addKioskFailure(at, forgetBefore) {
      addFailure(at, forgetBefore);
    },
  };
}
