import type { CooldownCounters, EmailSends } from '../core/email-cooldown';
import type { Db } from './database';

interface Row {
  sends: number;
  last_sent_at: number;
  next_allowed_at: number;
}

/** The e-mail cooldown in the journal (migration 4); `atomically` is an IMMEDIATE transaction. */
export function createCooldownStore(db: Db): CooldownCounters {
  const select = db.prepare<[string], Row>(
    'SELECT sends, last_sent_at, next_allowed_at FROM email_cooldown WHERE subject_key = ?',
  );
  const upsert = db.prepare(`
    INSERT INTO email_cooldown (subject_key, sends, last_sent_at, next_allowed_at)
    VALUES (@key, @sends, @lastSentAt, @nextAllowedAt)
    ON CONFLICT (subject_key) DO UPDATE SET
      sends = excluded.sends, last_sent_at = excluded.last_sent_at,
      next_allowed_at = excluded.next_allowed_at
  `);
  const remove = db.prepare('DELETE FROM email_cooldown WHERE subject_key = ?');
  return {
    atomically<T>(work: () => T): T {
      return db.transaction(work).immediate();
    },
    get(key): EmailSends | null {
      const row = select.get(key);
      return row
        ? { sends: row.sends, lastSentAt: row.last_sent_at, nextAllowedAt: row.next_allowed_at }
        : null;
    },
    save(key, sends) {
      upsert.run({ key, ...sends });
    },
    forget(key) {
      remove.run(key);
    },
  };
}
