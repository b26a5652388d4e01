import type { Migration } from './database';

/**
 * The disposable cache: what the kiosk needs to answer while the central API is unreachable.
 * Rows are keyed by an HMAC of student number and birth date; neither is stored in clear.
 */
export const CACHE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'directory',
    up(db) {
      db.exec(`
        CREATE TABLE directory (
          lookup_key   TEXT PRIMARY KEY,
          identifier   TEXT NOT NULL,
          first_name   TEXT NOT NULL,
          last_name    TEXT NOT NULL,
          account_json TEXT NOT NULL,
          enrollments_json TEXT NOT NULL,
          seen_at      TEXT NOT NULL
        ) STRICT;
        CREATE INDEX directory_identifier ON directory (identifier);
      `);
    },
  },
];
