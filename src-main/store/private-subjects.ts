/**
 * The audit chain's account subjects an older build kept in clear (before issue 16's sealed
 * subjects): rewritten at start into their keyed and sealed form (core/audit-subject.ts), then
 * the journal is scrubbed so that the clear text survives nowhere in journal.db or its WAL.
 *
 * A subject is part of each line's hash, so the chain is linked again from the first rewritten
 * line on (same sequence numbers, same eventIds, new hashes); the caller moves the keychain's
 * anchor with it. What the central copy received before keeps the old links: it refuses the
 * next upload that continues the rewritten chain (docs/security.md says so).
 */
import { parseSubject } from '../core/audit-subject';
import { chainEntry, type AuditDraft, type AuditEntry } from '../core/staff-audit-chain';
import { sha256Hex } from './audit-chain';
import type { Db } from './database';

interface Row {
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
  detail_json: string;
}

/** A subject in clear that names an account (not a protected one, not the line's reference). */
function isClearAccount(row: Pick<Row, 'subject' | 'detail_json'>): boolean {
  if (row.subject === null || parseSubject(row.subject)) return false;
  try {
    const detail = JSON.parse(row.detail_json) as { reference?: unknown };
    return detail.reference !== row.subject;
  } catch {
    return true;
  }
}

/** How many lines hold an account in clear (cheap: run at every start). */
export function clearSubjectCount(db: Db): number {
  const rows = db
    .prepare<[], Pick<Row, 'subject' | 'detail_json'>>(
      "SELECT subject, detail_json FROM audit WHERE subject IS NOT NULL AND subject NOT LIKE '@%'",
    )
    .all();
  return rows.filter(isClearAccount).length;
}

/**
 * Rewrites every clear account subject with `protect` and links the chain again from the first
 * one, in one IMMEDIATE transaction. Returns the rewritten head of the lines it re-linked
 * (`firstSeq` and each new hash by seq), or null when nothing was in clear.
 */
export function protectLegacySubjects(
  db: Db,
  protect: (identifier: string) => string,
): { firstSeq: number; hashes: Map<number, string> } | null {
  const rows = db.prepare<[], Row>(
    `SELECT id, seq, prev_hash, hash, at, actor, kind, subject, reason, chain_outcome, detail_json
     FROM audit WHERE seq IS NOT NULL ORDER BY seq`,
  );
  const update = db.prepare('UPDATE audit SET subject = ?, prev_hash = ?, hash = ? WHERE id = ?');
  return db
    .transaction(() => {
      let previous: AuditEntry | null = null;
      let firstSeq: number | null = null;
      const hashes = new Map<number, string>();
      for (const row of rows.all()) {
        const clear = isClearAccount(row);
        if (firstSeq === null && clear) firstSeq = row.seq;
        const subject = clear ? protect(row.subject!) : row.subject;
        const draft: AuditDraft = {
          at: row.at,
          actor: row.actor,
          action: row.kind,
          subject,
          reason: row.reason,
          outcome: row.chain_outcome,
        };
        if (firstSeq === null) {
          previous = { ...draft, seq: row.seq, prevHash: row.prev_hash, hash: row.hash };
          continue;
        }
        const entry = chainEntry(previous, draft, sha256Hex);
        update.run(entry.subject, entry.prevHash, entry.hash, row.id);
        hashes.set(entry.seq, entry.hash);
        previous = entry;
      }
      return firstSeq === null ? null : { firstSeq, hashes };
    })
    .immediate();
}

/**
 * Leaves no copy of rewritten text on disk: secure_delete (on for the journal) zeroed the old
 * cells; VACUUM writes every page again, without free pages; the WAL, which still holds the old
 * page images, is checkpointed and truncated to zero bytes. What the file system or the drive
 * keeps of blocks freed earlier is out of SQLite's reach (docs/security.md).
 */
export function scrubJournal(db: Db): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('VACUUM');
  db.pragma('wal_checkpoint(TRUNCATE)');
}
