/**
 * The audit chain's key at start: loaded from the keychain, or made there on the kiosk's first
 * start (or the first of the version that brought it), when the entries already in the journal
 * are sealed with it, once. They are reported as written before the key (audit:verify).
 */
import type { Clock, Logger } from '../core/ports';
import { loadOrCreateAuditKey, type AuditKey } from '../secrets/audit-key';
import type { SecretStore } from '../secrets/secret-store';
import { auditHead, sealBeforeKeying } from '../store/audit-chain';
import type { Db } from '../store/database';

/** The audit key for a journal already migrated; seals its earlier entries when it is new. */
export async function startAuditKey(
  secrets: SecretStore,
  journal: Db,
  clock: Clock,
  logger: Logger,
): Promise<AuditKey> {
  const head = auditHead(journal);
  const { auditKey, created } = await loadOrCreateAuditKey(
    secrets,
    head && { seq: head.seq, hash: head.hash },
    clock.now(),
  );
  if (created) {
    const sealed = sealBeforeKeying(journal, auditKey);
    logger.info('audit: key made', { sealedBefore: sealed });
  }
  return auditKey;
}
