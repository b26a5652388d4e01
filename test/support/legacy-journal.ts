import { randomUUID } from 'node:crypto';
import {
  chainEntry,
  type AuditDraft,
  type AuditEntry,
} from '../../src-main/core/staff-audit-chain';
import { sha256Hex } from '../../src-main/store/audit-chain';
import type { Db } from '../../src-main/store/database';

/**
 * Appends a line as a build before issue 16's sealed subjects wrote it: chained to the journal's
 * last line, its subject as given (an account in clear), and no seal (the audit key is made, and
 * the line sealed, at the next start of the kiosk). Works on a journal at version 5 or later.
 */
export function legacyAuditLine(
  db: Db,
  draft: AuditDraft,
  detailJson = '{}',
): AuditEntry & { eventId: string } {
  const head = db
    .prepare<[], Pick<AuditEntry, 'seq' | 'hash'>>(
      'SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1',
    )
    .get();
  // chainEntry reads the previous line's number and hash only.
  const previous = head ? { ...draft, ...head, prevHash: '' } : null;
  const entry = chainEntry(previous, draft, sha256Hex);
  const eventId = randomUUID();
  db.prepare(
    `INSERT INTO audit (at, kind, outcome, detail_json, seq, prev_hash, hash, actor, subject,
                        reason, chain_outcome, event_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    entry.at,
    entry.action,
    entry.outcome === 'refused' ? 'failure' : entry.outcome,
    detailJson,
    entry.seq,
    entry.prevHash,
    entry.hash,
    entry.actor,
    entry.subject,
    entry.reason,
    entry.outcome,
    eventId,
  );
  return { ...entry, eventId };
}
