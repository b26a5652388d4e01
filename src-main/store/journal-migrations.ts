import { OUTBOX_MIGRATION } from '../outbox/migration';
import type { Migration } from './database';

/**
 * The precious journal: what must survive a crash and is never rebuilt from the API
 * (audit trail, lockout counters of migration 2, outbox).
 */
export const JOURNAL_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'audit',
    up(db) {
      db.exec(`
        CREATE TABLE audit (
          id      INTEGER PRIMARY KEY AUTOINCREMENT,
          at      TEXT NOT NULL,
          kind    TEXT NOT NULL,
          outcome TEXT NOT NULL,
          detail_json TEXT NOT NULL DEFAULT '{}'
        ) STRICT;
      `);
    },
  },
  {
    version: 2,
    name: 'lockout',
    up(db) {
      // Keys are keyed hashes of the student number (never the number); times are epoch ms.
      db.exec(`
        CREATE TABLE lockout_subject (
          subject_key     TEXT PRIMARY KEY,
          failures        INTEGER NOT NULL,
          locks           INTEGER NOT NULL,
          locked_until    INTEGER NOT NULL,
          last_failure_at INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE lockout_kiosk_failure (
          id INTEGER PRIMARY KEY,
          at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX lockout_kiosk_failure_at ON lockout_kiosk_failure (at);
      `);
    },
  },
  // The outbox of writes to the central API (src-main/outbox/migration.ts).
  OUTBOX_MIGRATION,
  {
    version: 4,
    name: 'limits',
    up(db) {
      // Credential checks are limited like identification, with their own kiosk allowance:
      // each kiosk failure says which limit it counts for. The e-mail cooldown is per account
      // (keyed hash of the identifier), so that codes cannot be re-sent in a loop. The outbox
      // counts the 429s of each row, so that replay stops trying a limited credential.
      db.exec(`
        ALTER TABLE lockout_kiosk_failure ADD COLUMN scope TEXT NOT NULL DEFAULT 'identify';
        DROP INDEX lockout_kiosk_failure_at;
        CREATE INDEX lockout_kiosk_failure_scope_at ON lockout_kiosk_failure (scope, at);
        -- 429s met by an outbox row: a credential the API keeps limiting is given up.
        ALTER TABLE outbox ADD COLUMN limited_attempts INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE email_cooldown (
          subject_key     TEXT PRIMARY KEY,
          sends           INTEGER NOT NULL,
          last_sent_at    INTEGER NOT NULL,
          next_allowed_at INTEGER NOT NULL
        ) STRICT;
      `);
    },
  },
];
