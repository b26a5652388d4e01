import type { Migration } from '../store/database';

/**
 * Journal migration 3: the outbox of writes to the central API. A row is committed, with its
 * Idempotency-Key, before the first send, so that a crash can only ever lead to the same
 * request being sent again (which the API answers with its first result), never to a lost one.
 * Passwords in `payload_json` are sealed to the API's key: the kiosk cannot read them back.
 * Times are epoch milliseconds.
 */
export const OUTBOX_MIGRATION: Migration = {
  version: 3,
  name: 'outbox',
  up(db) {
    db.exec(`
      CREATE TABLE outbox (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        reference       TEXT NOT NULL UNIQUE,
        account         TEXT NOT NULL,
        kind            TEXT NOT NULL,
        method          TEXT NOT NULL CHECK (method IN ('post', 'put', 'delete')),
        path            TEXT NOT NULL,
        payload_json    TEXT NOT NULL,
        idempotency_key TEXT NOT NULL UNIQUE,
        state           TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'dead')),
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        last_error      TEXT,
        created_at      INTEGER NOT NULL,
        settled_at      INTEGER,
        result_json     TEXT
      ) STRICT;
      -- Per account, in order: finds the head of each account's queue.
      CREATE INDEX outbox_pending ON outbox (account, id) WHERE state = 'pending';
      -- By due time: the replayer stops reading at the first rows it can send.
      CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE state = 'pending';
      -- Dead letters, counted on every change for the staff screens and the renderer.
      CREATE INDEX outbox_dead ON outbox (id) WHERE state = 'dead';
    `);
  },
};
