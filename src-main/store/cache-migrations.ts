import type { Migration } from './database';

/**
 * The disposable cache: what the kiosk needs to answer while the central API is unreachable.
 * Rows are keyed by an HMAC of student number and birth date; neither is stored in clear, and
 * since migration 3 the record itself is sealed under a key derived from both.
 * `sync_state.cursor` is where the next delta of the directory feed starts (NULL: full sync
 * needed); a full sync fills `directory_shadow` (shadow_active, shadow_cursor) and swaps it in.
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
  {
    version: 2,
    name: 'directory-sync',
    up(db) {
      // Rows from the change feed carry the API's record id (tombstones name it) and a keyed
      // hash of the student number alone, for staff lookups. Rows saved by an online
      // identification have neither until the feed brings them.
      db.exec(`
        CREATE TABLE directory_v2 (
          lookup_key   TEXT PRIMARY KEY,
          record_id    TEXT UNIQUE,
          staff_key    TEXT,
          identifier   TEXT NOT NULL,
          first_name   TEXT NOT NULL,
          last_name    TEXT NOT NULL,
          account_json TEXT NOT NULL,
          enrollments_json TEXT NOT NULL,
          seen_at      TEXT NOT NULL
        ) STRICT;
        INSERT INTO directory_v2
          (lookup_key, identifier, first_name, last_name, account_json, enrollments_json, seen_at)
          SELECT lookup_key, identifier, first_name, last_name, account_json, enrollments_json, seen_at
          FROM directory;
        DROP TABLE directory;
        ALTER TABLE directory_v2 RENAME TO directory;
        CREATE INDEX directory_identifier ON directory (identifier);
        CREATE INDEX directory_staff_key ON directory (staff_key);
        CREATE TABLE sync_state (
          id            INTEGER PRIMARY KEY CHECK (id = 1),
          cursor        TEXT,
          shadow_active INTEGER NOT NULL DEFAULT 0,
          shadow_cursor TEXT,
          full_sync_at  TEXT,
          delta_sync_at TEXT
        ) STRICT;
        INSERT INTO sync_state (id) VALUES (1);
      `);
    },
  },
  {
    version: 3,
    name: 'sealed-records',
    up(db) {
      // Names, identifiers and programmes were in clear: the rows cannot be sealed without the
      // birth dates the cache never had, so they are dropped and the next sync is a full one
      // (the cache is disposable; online identification works meanwhile). secure_delete zeroes
      // the freed pages, so the old text does not linger in the file's free list.
      db.pragma('secure_delete = ON');
      db.exec(`
        DROP TABLE IF EXISTS directory_shadow;
        DROP TABLE directory;
        CREATE TABLE directory (
          lookup_key TEXT PRIMARY KEY,
          record_id  TEXT UNIQUE,
          staff_key  TEXT,
          sealed     BLOB NOT NULL,
          seen_at    TEXT NOT NULL
        ) STRICT;
        CREATE INDEX directory_staff_key ON directory (staff_key);
        UPDATE sync_state SET cursor = NULL, shadow_active = 0, shadow_cursor = NULL,
          full_sync_at = NULL, delta_sync_at = NULL;
      `);
      db.pragma('secure_delete = OFF');
    },
  },
];
