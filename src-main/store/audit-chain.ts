/**
 * The journal's audit table as a hash-chained, sealed log. Every line, the students' journeys'
 * as well as staff actions, is linked to the one before by its SHA-256 (journal migration 5,
 * core/staff-audit-chain.ts): that hash is public, the central copy recomputes it. Each line is
 * also sealed (journal migration 6): `mac` is an HMAC-SHA256, under the keychain's audit key,
 * of every other column of the row (the chained fields, the upload id, the legacy `outcome` and
 * `detail_json`, the row id, when it was uploaded), so an edit anywhere, or a chain redone with
 * plain SHA-256, shows without the key. Queries take the database first; appends are IMMEDIATE
 * transactions, so two writers never chain to one head.
 */
import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import {
  chainEntry,
  verifyChain,
  type AuditDraft,
  type AuditEntry,
  type ChainVerdict,
} from '../core/staff-audit-chain';
import { tagRange } from '../core/audit-subject';
import type { AuditKey } from '../secrets/audit-key';
import type { Db } from './database';

/** SHA-256 of a UTF-8 text, lowercase hex: the chain's digest. */
export const sha256Hex = (text: string): string =>
  createHash('sha256').update(text, 'utf8').digest('hex');

/** A chained line with what the journal adds: its upload id and the legacy columns. */
export type StoredAuditEntry = AuditEntry & { eventId: string };

/** An audit row as SQLite returns it. */
export interface AuditRow {
  id: number;
  seq: number;
  prev_hash: string;
  hash: string;
  at: string;
  actor: string;
  kind: string;
  subject: string | null;
  reason: string | null;
  chain_outcome: AuditDraft['outcome'];
  event_id: string;
  /** The legacy columns. */
  outcome: string;
  detail_json: string;
  uploaded_at: number | null;
  /** The seal (sealOf), under the audit key; null (or absent, before migration 6) if none. */
  mac?: string | null;
  /** A column a later migration adds: sealed like the others. */
  [column: string]: unknown;
}

/** Every column: the seal covers them all, those a later migration adds included. */
const COLUMNS = '*';

/** Labels the seal, so that no other HMAC under any key is ever taken for one. */
const SEAL_LABEL = 'guichet audit seal v1';

/**
 * The seal of a row: an HMAC-SHA256 of every column but the seal itself, each with its name, in
 * name order; a column that is NULL is left out, so one added later (NULL in the rows written
 * before it) keeps their seals valid, and covers what is written into it from then on.
 */
export function sealOf(key: Buffer, row: Omit<AuditRow, 'mac'> & { mac?: unknown }): string {
  const columns = Object.entries(row)
    .filter(([name, value]) => name !== 'mac' && value !== null)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return createHmac('sha256', key)
    .update(JSON.stringify([SEAL_LABEL, ...columns]), 'utf8')
    .digest('hex');
}

/** Whether a row's seal is the key's for its columns. */
function sealCheck(key: Buffer, row: AuditRow): 'ok' | 'missing' | 'wrong' {
  if (row.mac === null || row.mac === undefined) return 'missing';
  const expected = Buffer.from(sealOf(key, row), 'hex');
  const actual = Buffer.from(row.mac, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected) ? 'ok' : 'wrong';
}

const fromRow = (r: AuditRow): StoredAuditEntry => ({
  seq: r.seq,
  prevHash: r.prev_hash,
  hash: r.hash,
  at: r.at,
  actor: r.actor,
  action: r.kind,
  subject: r.subject,
  reason: r.reason,
  outcome: r.chain_outcome,
  eventId: r.event_id,
});

/** Legacy columns kept for the older readers (kind = action, outcome, detail_json). */
export interface LegacyColumns {
  outcome: string;
  detailJson: string;
}

/** Links `draft` to the current head, writes it and seals the row. */
function appendSealed(
  db: Db,
  key: Buffer,
  draft: AuditDraft,
  legacy: LegacyColumns,
): StoredAuditEntry {
  const headRow = db
    .prepare<[], AuditRow>(`SELECT ${COLUMNS} FROM audit ORDER BY seq DESC LIMIT 1`)
    .get();
  const entry = chainEntry(headRow ? fromRow(headRow) : null, draft, sha256Hex);
  const eventId = randomUUID();
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO audit (at, kind, outcome, detail_json, seq, prev_hash, hash, actor, subject,
                          reason, chain_outcome, event_id)
       VALUES (@at, @kind, @outcome, @detailJson, @seq, @prevHash, @hash, @actor, @subject,
               @reason, @chainOutcome, @eventId)`,
    )
    .run({
      seq: entry.seq,
      prevHash: entry.prevHash,
      hash: entry.hash,
      at: entry.at,
      actor: entry.actor,
      kind: entry.action,
      subject: entry.subject,
      reason: entry.reason,
      chainOutcome: entry.outcome,
      eventId,
      outcome: legacy.outcome,
      detailJson: legacy.detailJson,
    });
  // Sealed as stored, read back: the seal covers the row id SQLite gave it.
  seal(db, key, Number(lastInsertRowid));
  return { ...entry, eventId };
}

/** Seals one row as it stands now. */
function seal(db: Db, key: Buffer, id: number): void {
  const row = db.prepare<[number], AuditRow>(`SELECT ${COLUMNS} FROM audit WHERE id = ?`).get(id)!;
  db.prepare('UPDATE audit SET mac = ? WHERE id = ?').run(sealOf(key, row), id);
}

/**
 * Seals the entries written before the audit key existed (up to `sealedThrough`), once, when the
 * key is made (app/audit-key.ts): from then on a change to them shows like any other. Entries
 * already sealed are left as they are. Returns how many were sealed.
 */
export function sealBeforeKeying(db: Db, auditKey: AuditKey): number {
  return db
    .transaction(() => {
      const ids = db
        .prepare<[number], number>(
          'SELECT id FROM audit WHERE mac IS NULL AND seq <= ? ORDER BY seq',
        )
        .pluck()
        .all(auditKey.sealedThrough);
      for (const id of ids) seal(db, auditKey.key, id);
      return ids.length;
    })
    .immediate();
}

/** The chained fields a rewrite may change (store/private-subjects.ts). */
export interface ChainedRewrite {
  subject: string | null;
  prevHash: string;
  hash: string;
}

/**
 * Rewrites one line's chained fields and seals it again, in the caller's transaction, but only
 * when its seal holds as it stands: an edit made on disk is never sealed in. Returns whether it
 * was rewritten.
 */
export function rewriteSealed(db: Db, key: Buffer, id: number, change: ChainedRewrite): boolean {
  const row = db.prepare<[number], AuditRow>(`SELECT ${COLUMNS} FROM audit WHERE id = ?`).get(id);
  if (!row || sealCheck(key, row) !== 'ok') return false;
  db.prepare('UPDATE audit SET subject = ?, prev_hash = ?, hash = ? WHERE id = ?').run(
    change.subject,
    change.prevHash,
    change.hash,
    id,
  );
  seal(db, key, id);
  return true;
}

/** The journal's last entry, or null; for the readers that hold no key (support bundle). */
export function auditHead(db: Db): StoredAuditEntry | null {
  const row = db
    .prepare<[], AuditRow>(`SELECT ${COLUMNS} FROM audit ORDER BY seq DESC LIMIT 1`)
    .get();
  return row ? fromRow(row) : null;
}

/** A stored entry with its row, for the seal check. */
type Checked = StoredAuditEntry & { row: AuditRow };

/**
 * Checks the whole chain, oldest first, and names the first line that does not hold: its hash
 * chain, and with the audit key each line's seal. Without the key (a reader whose keychain did
 * not give it) only the public hash chain is checked, which someone with the disk can redo.
 */
export function verifyAuditJournal(db: Db, key: Buffer | null): ChainVerdict {
  const rows = db.prepare<[], AuditRow>(`SELECT ${COLUMNS} FROM audit ORDER BY seq`).iterate();
  return verifyChain(
    checkedRows(rows),
    sha256Hex,
    key ? (entry: Checked) => sealCheck(key, entry.row) : undefined,
  );
}

/** The chain's queries over one journal; its writes are sealed with the audit key. */
export function createAuditChainStore(db: Db, auditKey: AuditKey) {
  const { key } = auditKey;
  const append = db.transaction((draft: AuditDraft, legacy: LegacyColumns) =>
    appendSealed(db, key, draft, legacy),
  );
  const latest = db.prepare<[number], AuditRow>(
    `SELECT ${COLUMNS} FROM audit ORDER BY seq DESC LIMIT ?`,
  );
  const byEventId = db.prepare<[string], AuditRow>(
    `SELECT ${COLUMNS} FROM audit WHERE event_id = ?`,
  );
  // A subject is `@tag` or `@tag:jwe` (core/audit-subject.ts): one index range per account.
  const byTag = db.prepare<[string, string], AuditRow>(
    `SELECT ${COLUMNS} FROM audit WHERE subject >= ? AND subject < ? ORDER BY seq`,
  );
  const notUploaded = db.prepare<[number], AuditRow>(
    `SELECT ${COLUMNS} FROM audit WHERE uploaded_at IS NULL ORDER BY seq LIMIT ?`,
  );
  const toMark = db.prepare<[number, number], AuditRow>(
    `SELECT ${COLUMNS} FROM audit WHERE seq BETWEEN ? AND ? AND uploaded_at IS NULL`,
  );
  const setUploaded = db.prepare('UPDATE audit SET uploaded_at = ?, mac = ? WHERE id = ?');
  // The upload time is sealed too, so the seal is redone; but only over a seal that holds, so
  // an edit made on disk before the upload is never sealed in.
  const markUploaded = db.transaction((fromSeq: number, toSeq: number, at: number) => {
    let changes = 0;
    for (const row of toMark.all(fromSeq, toSeq)) {
      if (sealCheck(key, row) !== 'ok') continue;
      setUploaded.run(at, sealOf(key, { ...row, uploaded_at: at }), row.id);
      changes += 1;
    }
    return changes;
  });
  return {
    /** Appends one line, chained to the head and sealed, in one IMMEDIATE transaction. */
    append: (draft: AuditDraft, legacy?: Partial<LegacyColumns>): StoredAuditEntry =>
      append.immediate(draft, {
        outcome: legacy?.outcome ?? draft.outcome,
        detailJson: legacy?.detailJson ?? '{}',
      }),
    /** Checks the whole chain and every seal, oldest first; names the first line that fails. */
    verify: (): ChainVerdict => verifyAuditJournal(db, key),
    /** The newest `limit` lines, oldest first. */
    latest: (limit: number) => latest.all(limit).map(fromRow).reverse(),
    /** Every line about one account, by its keyed tag (secrets/audit-subjects.ts), oldest first. */
    byTag: (tag: string) => byTag.all(...tagRange(tag)).map(fromRow),
    byEventId: (eventId: string) => {
      const row = byEventId.get(eventId);
      return row ? fromRow(row) : null;
    },
    /**
     * Lines not uploaded to the central API yet, oldest first, up to the first whose seal does
     * not hold (edited on disk): the central copy is never handed a line the kiosk did not write
     * as it stands; `blockedAt` names that line (null when none).
     */
    notUploaded(limit: number): { lines: StoredAuditEntry[]; blockedAt: number | null } {
      const lines: StoredAuditEntry[] = [];
      let blockedAt: number | null = null;
      for (const row of notUploaded.all(limit)) {
        if (sealCheck(key, row) !== 'ok') {
          blockedAt = row.seq;
          break;
        }
        lines.push(fromRow(row));
      }
      return { lines, blockedAt };
    },
    markUploaded: (fromSeq: number, toSeq: number, at: number): number =>
      markUploaded.immediate(fromSeq, toSeq, at),
  };
}
export type AuditChainStore = ReturnType<typeof createAuditChainStore>;

function* checkedRows(rows: Iterable<AuditRow>): Iterable<Checked> {
  for (const row of rows) yield { ...fromRow(row), row };
}
