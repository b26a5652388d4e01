/**
 * Keeps the journal's last audit entry ({seq, hash}) in the keychain, off the disk, as the kiosk
 * writes it: the acknowledged anchor (staff/index.ts) only covers what the API took, so without
 * this the lines written since (offline, or not uploaded yet) could be cut from the end of the
 * journal unseen. audit:verify checks the journal reaches this entry and holds it unchanged.
 * The journal is written first, so the kept head is never ahead of it; writes are one at a time,
 * only the latest waiting, and never move backwards.
 */
import type { Logger } from '../core/ports';
import { SECRET_NAMES, type SecretStore } from '../secrets/secret-store';
import type { Db } from '../store/database';

interface Head {
  seq: number;
  hash: string;
}

/** Reads a kept head; null when none or unreadable. */
export function parseAuditHead(text: string | null): Head | null {
  if (text === null) return null;
  try {
    const parsed = JSON.parse(text) as { seq?: unknown; hash?: unknown };
    return Number.isInteger(parsed.seq) && typeof parsed.hash === 'string'
      ? { seq: parsed.seq as number, hash: parsed.hash }
      : null;
  } catch {
    return null;
  }
}

/** What keeps the head while the kiosk runs. */
export interface AuditHeadKeeper {
  /** A line was written: it becomes the kept head (never backwards). */
  note(entry: Head): void;
  /**
   * Lines were linked again in place (store/private-subjects.ts), each hash `from` becoming `to`:
   * the kept head follows when it is one of them as it was, never otherwise.
   */
  relinked(moved: ReadonlyMap<number, { from: string; to: string }>): void;
  /** Waits for the last write, so the kept head is the journal's when the kiosk stops. */
  close(): Promise<void>;
}

/**
 * Starts keeping the head for a journal at start. When the journal does not reach the head kept
 * before, or differs there, it was cut or rewritten while the kiosk was off: the kept head is
 * then left as it is, for audit:verify to report, and never moved again by this run.
 */
export async function startAuditHead(
  secrets: SecretStore,
  journal: Db,
  logger: Logger,
): Promise<AuditHeadKeeper> {
  const kept = parseAuditHead(await secrets.get(SECRET_NAMES.auditHead));
  const there = kept
    ? (journal.prepare('SELECT hash FROM audit WHERE seq = ?').pluck().get(kept.seq) as
        string | undefined)
    : undefined;
  const frozen = kept !== null && there !== kept.hash;
  if (frozen) {
    logger.error('audit: the journal does not hold the last entry the kiosk wrote', {
      seq: kept.seq,
      check: 'npm run audit:verify',
    });
  }
  let highest = kept?.seq ?? 0;
  // The entry kept (or being written): what `relinked` moves.
  let current: Head | null = kept;
  let waiting: Head | null = null;
  let writing: Promise<void> | null = null;
  async function drain(): Promise<void> {
    for (let next = waiting; next; next = waiting) {
      waiting = null;
      try {
        await secrets.set(SECRET_NAMES.auditHead, JSON.stringify(next));
      } catch (error) {
        logger.warn('audit: head not kept', { error: (error as Error).message });
      }
    }
    writing = null;
  }
  const note = (entry: Head) => {
    if (frozen || entry.seq <= highest) return;
    highest = entry.seq;
    current = waiting = { seq: entry.seq, hash: entry.hash };
    writing ??= drain();
  };
  const relinked = (moved: ReadonlyMap<number, { from: string; to: string }>) => {
    const change = current && moved.get(current.seq);
    if (frozen || !current || !change || change.from !== current.hash) return;
    current = waiting = { seq: current.seq, hash: change.to };
    writing ??= drain();
  };
  // Lines written before this start (an older version, or another tool on the journal).
  const head = journal.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as
    Head | undefined;
  if (head) note(head);
  return {
    note,
    relinked,
    async close() {
      await writing;
    },
  };
}
