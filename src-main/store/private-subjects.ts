/**
 * The audit chain's account subjects an older build kept in clear (before issue 16's sealed
 * subjects): rewritten at start into their keyed and sealed form (core/audit-subject.ts), then
 * the journal is scrubbed so that the clear text survives nowhere in journal.db or its WAL.
 *
 * A subject is part of each line's hash, so the chain is linked again from the first rewritten
 * line on (same sequence numbers, same eventIds, new hashes), and each rewritten line is sealed
 * again with the audit key (store/audit-chain.ts); the caller moves the keychain's anchor, the
 * kept head and the key's own mark with it. Only a line whose seal holds is rewritten: one
 * edited on disk is left exactly as it is (its subject too), for audit:verify to report, and so
 * is its link to the line before. What the central copy received before keeps the old links: it
 * refuses the next upload that continues the rewritten chain (docs/security.md says so).
 */
import { parseSubject } from '../core/audit-subject';
import { chainEntry, type AuditDraft, type AuditEntry } from '../core/staff-audit-chain';
import { rewriteSealed, sha256Hex, type AuditRow } from './audit-chain';
import type { Db } from './database';

type Row = Pick<
  AuditRow,
  | 'id'
  | 'seq'
  | 'prev_hash'
  | 'hash'
  | 'at'
  | 'actor'
  | 'kind'
  | 'subject'
  | 'reason'
  | 'chain_outcome'
  | 'detail_json'
>;

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

/** What a conversion did: the lines it linked again, and those it left (seal not holding). */
export interface ProtectedSubjects {
  /** Each re-linked line's hash before and after, by seq. */
  moved: Map<number, { from: string; to: string }>;
  /**
   * Lines due a rewrite (an account in clear, or linked to a line that was) left as they are:
   * their seal does not hold (edited on disk, or added outside the kiosk).
   */
  leftAsTheyAre: number[];
}

/**
 * Rewrites every clear account subject with `protect` and links the chain again from the first
 * one, sealing each rewritten line again with `auditKey`, in one IMMEDIATE transaction. A line
 * whose seal does not hold is never rewritten (an edit is never sealed in); the line after it
 * keeps its own link to it. Returns null when nothing was in clear.
 */
export function protectLegacySubjects(
  db: Db,
  protect: (identifier: string) => string,
  auditKey: Buffer,
): ProtectedSubjects | null {
  const rows = db.prepare<[], Row>(
    `SELECT id, seq, prev_hash, hash, at, actor, kind, subject, reason, chain_outcome, detail_json
     FROM audit WHERE seq IS NOT NULL ORDER BY seq`,
  );
  return db
    .transaction(() => {
      const moved = new Map<number, { from: string; to: string }>();
      const leftAsTheyAre: number[] = [];
      let seen = false;
      // The line before, as it was and as it is now (the same unless it was re-linked).
      let before: { from: string; to: string } | null = null;
      for (const row of rows.all()) {
        const clear = isClearAccount(row);
        seen ||= clear;
        const relink =
          before !== null && before.from !== before.to && row.prev_hash === before.from;
        if (!clear && !relink) {
          before = { from: row.hash, to: row.hash };
          continue;
        }
        const draft: AuditDraft = {
          at: row.at,
          actor: row.actor,
          action: row.kind,
          subject: clear ? protect(row.subject!) : row.subject,
          reason: row.reason,
          outcome: row.chain_outcome,
        };
        // Linked to the line before as it is now, or as this line was if that one was not moved.
        const prevHash = relink ? before!.to : row.prev_hash;
        const previous = { seq: row.seq - 1, hash: prevHash } as AuditEntry;
        const entry = chainEntry(previous, draft, sha256Hex);
        if (rewriteSealed(db, auditKey, row.id, entry)) {
          moved.set(row.seq, { from: row.hash, to: entry.hash });
          before = { from: row.hash, to: entry.hash };
        } else {
          leftAsTheyAre.push(row.seq);
          before = { from: row.hash, to: row.hash };
        }
      }
      return seen ? { moved, leftAsTheyAre } : null;
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
