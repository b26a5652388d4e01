import { randomUUID } from 'node:crypto';
import { chainEntry, type AuditEntry } from '../core/staff-audit-chain';
import { OUTBOX_MIGRATION } from '../outbox/migration';
import { sha256Hex } from './audit-chain';
import type { Db, Migration } from './database';
import { auditDraftOf, type AuditOutcome } from './journal';

/**
 * Migration 5's chaining of the lines written before it, frozen here (the store's append seals
 * since migration 6, on columns this version does not have yet).
 */
function chainLine(db: Db, id: number, entry: AuditEntry): void {
  db.prepare(
    `UPDATE audit SET seq = @seq, prev_hash = @prevHash, hash = @hash, actor = @actor,
            subject = @subject, reason = @reason, chain_outcome = @outcome, event_id = @eventId
     WHERE id = @id`,
  ).run({
    id,
    seq: entry.seq,
    prevHash: entry.prevHash,
    hash: entry.hash,
    actor: entry.actor,
    subject: entry.subject,
    reason: entry.reason,
    outcome: entry.outcome,
    eventId: randomUUID(),
  });
}

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
  {
    version: 5,
    name: 'staff',
    up(db) {
      // The audit table becomes a hash chain (store/audit-chain.ts): each line keeps its
      // sequence number, the hash of the line before and its own, who, about whom and why,
      // and when it was uploaded to the central API. Offline staff sign-in keeps a keyed scrypt
      // verifier per agent seen online (secrets/staff-verifier.ts), under a keyed hash of the
      // staff identifier; never the PIN.
      db.exec(`
        ALTER TABLE audit ADD COLUMN seq INTEGER;
        ALTER TABLE audit ADD COLUMN prev_hash TEXT;
        ALTER TABLE audit ADD COLUMN hash TEXT;
        ALTER TABLE audit ADD COLUMN actor TEXT NOT NULL DEFAULT 'kiosk';
        ALTER TABLE audit ADD COLUMN subject TEXT;
        ALTER TABLE audit ADD COLUMN reason TEXT;
        ALTER TABLE audit ADD COLUMN chain_outcome TEXT;
        ALTER TABLE audit ADD COLUMN event_id TEXT;
        ALTER TABLE audit ADD COLUMN uploaded_at INTEGER;
        CREATE TABLE staff_verifier (
          staff_key    TEXT PRIMARY KEY,
          display_name TEXT NOT NULL,
          role         TEXT NOT NULL,
          salt         TEXT NOT NULL,
          verifier     TEXT NOT NULL,
          seen_at      INTEGER NOT NULL
        ) STRICT;
      `);
      // The lines written before are chained now, in the order they were written.
      const rows = db
        .prepare('SELECT id, at, kind, outcome, detail_json FROM audit ORDER BY id')
        .all() as { id: number; at: string; kind: string; outcome: string; detail_json: string }[];
      let previous: AuditEntry | null = null;
      for (const row of rows) {
        const detail = JSON.parse(row.detail_json) as Record<string, string | number | boolean>;
        const event = { kind: row.kind, outcome: row.outcome as AuditOutcome, detail };
        const entry = chainEntry(previous, auditDraftOf(event, row.at), sha256Hex);
        chainLine(db, row.id, entry);
        previous = entry;
      }
      db.exec(`
        CREATE UNIQUE INDEX audit_seq ON audit (seq);
        CREATE INDEX audit_subject ON audit (subject);
        CREATE INDEX audit_not_uploaded ON audit (seq) WHERE uploaded_at IS NULL;
      `);
    },
  },
  {
    version: 6,
    name: 'audit seal',
    up(db) {
      // Each audit line gets a seal (store/audit-chain.ts): an HMAC-SHA256 of all its other
      // columns under a key kept in the keychain, so a line edited, or the chain redone with
      // plain SHA-256, shows to someone without the key. The key is not known here: the lines
      // written before it are sealed when the kiosk makes it, at the start that follows
      // (app/audit-key.ts), and audit:verify names them as written before the key.
      db.exec('ALTER TABLE audit ADD COLUMN mac TEXT;');
    },
  },
  {
    version: 7,
    name: 'private-accounts',
    up(db) {
      // The outbox no longer keeps the account in clear: `account` becomes a keyed tag (replay
      // stays first in, first out per account), the identifier is sealed in `account_sealed`
      // and the path (it names the account) is sealed too (outbox/store.ts). Rows written
      // before are converted at start, with the keychain's key (outbox/at-rest.ts), as are the
      // audit chain's clear subjects (store/private-subjects.ts).
      db.exec('ALTER TABLE outbox ADD COLUMN account_sealed TEXT;');
    },
  },
];
