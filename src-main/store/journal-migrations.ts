import type { Migration } from './database';

/**
 * The precious journal: what must survive a crash and is never rebuilt from the API
 * (audit trail now; the outbox and lockout counters come with the offline work).
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
];
