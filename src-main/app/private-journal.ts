/**
 * At start, what an older build kept in clear in the journal (issue 16): account identifiers in
 * the outbox (sealed by the outbox as it starts) and in the audit chain's subjects (sealed here,
 * the chain linked again and its keychain anchor moved with it); then the journal is scrubbed,
 * so that the clear text survives neither in journal.db nor in its WAL.
 */
import type { Logger } from '../core/ports';
import type { SubjectKeys } from '../secrets/audit-subjects';
import { SECRET_NAMES, type SecretStore } from '../secrets/secret-store';
import type { Db } from '../store/database';
import { clearSubjectCount, protectLegacySubjects, scrubJournal } from '../store/private-subjects';

/** Outbox rows and audit lines holding an account in clear (read before the outbox starts). */
export function clearTextCount(db: Db): number {
  const outbox = db
    .prepare<[], number>('SELECT count(*) FROM outbox WHERE account_sealed IS NULL')
    .pluck()
    .get()!;
  return outbox + clearSubjectCount(db);
}

/** Seals the audit chain's clear subjects, moves the anchor, scrubs the journal. */
export async function protectLegacyJournal(
  db: Db,
  subjects: Pick<SubjectKeys, 'protect'>,
  secrets: SecretStore,
  logger: Logger,
): Promise<void> {
  const relinked = protectLegacySubjects(db, subjects.protect);
  if (relinked) {
    // The anchor names an entry the API acknowledged: if it was linked again, it moves with it,
    // or audit:verify would take this rewrite for tampering.
    const stored = await secrets.get(SECRET_NAMES.auditAnchor);
    const anchor = stored ? (JSON.parse(stored) as { seq?: unknown }) : null;
    const hash = typeof anchor?.seq === 'number' ? relinked.hashes.get(anchor.seq) : undefined;
    if (hash !== undefined)
      await secrets.set(SECRET_NAMES.auditAnchor, JSON.stringify({ seq: anchor!.seq, hash }));
    logger.warn('journal: audit subjects an older build kept in clear are sealed', {
      fromSeq: relinked.firstSeq,
      relinked: relinked.hashes.size,
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
