/**
 * At start, what an older build kept in clear in the journal (issue 16): account identifiers in
 * the outbox (sealed by the outbox as it starts) and in the audit chain's subjects (sealed here,
 * the chain linked again and sealed again with the audit key, and what the keychain keeps of it
 * moved with it); then the journal is scrubbed, so that the clear text survives neither in
 * journal.db nor in its WAL. A line whose seal does not hold (edited on disk) is never
 * rewritten: it stays as it is, and is logged, for audit:verify to report.
 */
import type { Logger } from '../core/ports';
import { storeAuditKey, type AuditKey } from '../secrets/audit-key';
import type { SubjectKeys } from '../secrets/audit-subjects';
import { SECRET_NAMES, type SecretStore } from '../secrets/secret-store';
import type { Db } from '../store/database';
import { clearSubjectCount, protectLegacySubjects, scrubJournal } from '../store/private-subjects';
import { parseAuditHead, type AuditHeadKeeper } from './audit-head';

/** Outbox rows and audit lines holding an account in clear (read before the outbox starts). */
export function clearTextCount(db: Db): number {
  const outbox = db
    .prepare<[], number>('SELECT count(*) FROM outbox WHERE account_sealed IS NULL')
    .pluck()
    .get()!;
  return outbox + clearSubjectCount(db);
}

export interface LegacyJournal {
  db: Db;
  subjects: Pick<SubjectKeys, 'protect'>;
  /** The chain's key: each rewritten line is sealed again with it, only over a seal that holds. */
  auditKey: AuditKey;
  /** Keeps the last entry written in the keychain: it follows the re-linked chain. */
  auditHead: Pick<AuditHeadKeeper, 'relinked'>;
  secrets: SecretStore;
  logger: Logger;
}

/**
 * Seals the audit chain's clear subjects, moves what the keychain keeps of the chain (the
 * acknowledged anchor, the last entry written, the key's mark of the entries sealed when it was
 * made) where it named a re-linked entry as it was, scrubs the journal.
 */
export async function protectLegacyJournal(o: LegacyJournal): Promise<void> {
  const { db, secrets, logger } = o;
  const result = protectLegacySubjects(db, o.subjects.protect, o.auditKey.key);
  if (result && result.leftAsTheyAre.length > 0) {
    // Never sealed in: audit:verify reports these (their account stays in clear until then).
    logger.error('audit: entries whose seal does not hold were left as they are', {
      seqs: result.leftAsTheyAre.slice(0, 20),
      count: result.leftAsTheyAre.length,
      check: 'npm run audit:verify',
    });
  }
  if (result && result.moved.size > 0) {
    const { moved } = result;
    // Each mark moves only from the very entry it named: one that did not match before (the
    // journal cut or rewritten while the kiosk was off) is left for audit:verify to report.
    const anchor = parseAuditHead(await secrets.get(SECRET_NAMES.auditAnchor));
    const anchorMove = anchor && moved.get(anchor.seq);
    if (anchorMove && anchorMove.from === anchor.hash)
      await secrets.set(
        SECRET_NAMES.auditAnchor,
        JSON.stringify({ seq: anchor.seq, hash: anchorMove.to }),
      );
    o.auditHead.relinked(moved);
    const keyMove = moved.get(o.auditKey.sealedThrough);
    if (keyMove && keyMove.from === o.auditKey.sealedHash)
      await storeAuditKey(secrets, { ...o.auditKey, sealedHash: keyMove.to });
    logger.warn('journal: audit subjects an older build kept in clear are sealed', {
      fromSeq: moved.keys().next().value, // in seq order
      relinked: moved.size,
    });
  }
  try {
    scrubJournal(db);
    logger.info('journal: scrubbed of what an older build kept in clear');
  } catch (error) {
    // The kiosk still starts: the old text is sealed in every row; only freed pages may keep it.
    logger.warn('journal: the scrub after sealing failed', { error: (error as Error).message });
  }
}
