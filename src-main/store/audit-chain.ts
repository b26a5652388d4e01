/**
 * The journal's audit table as a hash-chained log (journal migration 5): every line, the
 * students' journeys' as well as staff actions, is linked to the one before by its SHA-256
 * (core/staff-audit-chain.ts), so an edited, removed or reordered line shows. Queries take the
 * database first; appends are IMMEDIATE transactions, so two writers never chain to one head.
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  chainEntry,
  verifyChain,
  type AuditDraft,
  type AuditEntry,
  type ChainVerdict,
} from '../core/staff-audit-chain';
import { tagRange } from '../core/audit-subject';
import type { Db } from './database';

/** SHA-256 of a UTF-8 text, lowercase hex: the chain's digest. */
export const sha256Hex = (text: string): string =>
  createHash('sha256').update(text, 'utf8').digest('hex');

/** A chained line with what the journal adds: its upload id and the legacy columns. */
export type StoredAuditEntry = AuditEntry & { eventId: string };

interface Row {
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
}

const COLUMNS = 'seq, prev_hash, hash, at, actor, kind, subject, reason, chain_outcome, event_id';

const fromRow = (r: Row): StoredAuditEntry => ({
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

/** Links `draft` to the current head and writes it; used by migration 5 and by the log. */
export function appendChained(
  db: Db,
  draft: AuditDraft,
  legacy: LegacyColumns,
  rowId?: number,
): StoredAuditEntry {
  const headRow = db
    .prepare<[], Row>(
      `SELECT ${COLUMNS} FROM audit WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1`,
    )
    .get();
  const entry = chainEntry(headRow ? fromRow(headRow) : null, draft, sha256Hex);
  const eventId = randomUUID();
  const values = {
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
  };
  if (rowId === undefined) {
    db.prepare(
      `INSERT INTO audit (at, kind, outcome, detail_json, seq, prev_hash, hash, actor, subject,
                          reason, chain_outcome, event_id)
       VALUES (@at, @kind, @outcome, @detailJson, @seq, @prevHash, @hash, @actor, @subject,
               @reason, @chainOutcome, @eventId)`,
    ).run(values);
  } else {
    db.prepare(
      `UPDATE audit SET seq = @seq, prev_hash = @prevHash, hash = @hash, actor = @actor,
              subject = @subject, reason = @reason, chain_outcome = @chainOutcome,
              event_id = @eventId
       WHERE id = @id`,
    ).run({ ...values, id: rowId });
  }
  return { ...entry, eventId };
}

/** The chain's queries over one journal. */
export function createAuditChainStore(db: Db) {
  const append = db.transaction((draft: AuditDraft, legacy: LegacyColumns) =>
    appendChained(db, draft, legacy),
  );
  const all = db.prepare<[], Row>(`SELECT ${COLUMNS} FROM audit ORDER BY seq`);
  const latest = db.prepare<[number], Row>(
    `SELECT ${COLUMNS} FROM audit ORDER BY seq DESC LIMIT ?`,
  );
  const byEventId = db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM audit WHERE event_id = ?`);
  // A subject is `@tag` or `@tag:jwe` (core/audit-subject.ts): one index range per account.
  const byTag = db.prepare<[string, string], Row>(
    `SELECT ${COLUMNS} FROM audit WHERE subject >= ? AND subject < ? ORDER BY seq`,
  );
  const notUploaded = db.prepare<[number], Row>(
    `SELECT ${COLUMNS} FROM audit WHERE uploaded_at IS NULL ORDER BY seq LIMIT ?`,
  );
  const markUploaded = db.prepare(
    'UPDATE audit SET uploaded_at = ? WHERE seq BETWEEN ? AND ? AND uploaded_at IS NULL',
  );
  return {
    /** Appends one line, chained to the head, in one IMMEDIATE transaction. */
    append: (draft: AuditDraft, legacy?: Partial<LegacyColumns>): StoredAuditEntry =>
      append.immediate(draft, {
        outcome: legacy?.outcome ?? draft.outcome,
        detailJson: legacy?.detailJson ?? '{}',
      }),
    /** Checks the whole chain, oldest first; names the first line that does not hold. */
    verify: (): ChainVerdict => verifyChain(mapRows(all.iterate()), sha256Hex),
    /** The newest `limit` lines, oldest first. */
    latest: (limit: number) => latest.all(limit).map(fromRow).reverse(),
    /** Every line about one account, by its keyed tag (secrets/audit-subjects.ts), oldest first. */
    byTag: (tag: string) => byTag.all(...tagRange(tag)).map(fromRow),
    byEventId: (eventId: string) => {
      const row = byEventId.get(eventId);
      return row ? fromRow(row) : null;
    },
    /** Lines not uploaded to the central API yet, oldest first. */
    notUploaded: (limit: number) => notUploaded.all(limit).map(fromRow),
    markUploaded: (fromSeq: number, toSeq: number, at: number) =>
      markUploaded.run(at, fromSeq, toSeq).changes,
  };
}
export type AuditChainStore = ReturnType<typeof createAuditChainStore>;

function* mapRows(rows: Iterable<Row>): Iterable<AuditEntry> {
  for (const row of rows) yield fromRow(row);
}
