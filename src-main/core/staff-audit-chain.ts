/**
 * A tamper-evident audit log: each entry carries the hash of the previous one, so editing,
 * removing or reordering any entry breaks every hash after it. The hash is public (the central
 * copy recomputes it), so anyone can re-chain after an edit; the journal also seals each stored
 * entry with a keyed MAC (store/audit-chain.ts) that only the keychain's key can redo, and
 * `verifyChain` checks it through the `seal` port. The digest is a port (SHA-256 in main)
 * because core uses no Node API.
 */

/** SHA-256 (or stronger) of a UTF-8 text, as lowercase hex. */
export type Digest = (text: string) => string;

/** The hash the first entry links to. */
export const GENESIS_HASH = '0'.repeat(64);

/** What an audit entry says; never a password, PIN, birth date or clear student number. */
export interface AuditDraft {
  /** ISO date-time. */
  at: string;
  /** `student`, `kiosk`, or a staff identifier. */
  actor: string;
  action: string;
  /** An opaque reference to the subject (identifier or keyed hash), or null. */
  subject: string | null;
  reason: string | null;
  outcome: 'success' | 'refused' | 'queued' | 'applied' | 'dead_lettered' | 'failed';
}

export interface AuditEntry extends AuditDraft {
  seq: number;
  prevHash: string;
  hash: string;
}

/** The canonical text an entry's hash covers: fixed field order, so a hash never depends on
 * how an object was built. */
function canonical(entry: Omit<AuditEntry, 'hash'>): string {
  // Only the chained fields, by name: a stored entry carries more (its seal, its upload id).
  return JSON.stringify([
    entry.seq,
    entry.prevHash,
    entry.at,
    entry.actor,
    entry.action,
    entry.subject,
    entry.reason,
    entry.outcome,
  ]);
}

/** The next entry after `previous` (null for the first). */
export function chainEntry(
  previous: AuditEntry | null,
  draft: AuditDraft,
  digest: Digest,
): AuditEntry {
  const linked = {
    ...draft,
    seq: previous ? previous.seq + 1 : 1,
    prevHash: previous ? previous.hash : GENESIS_HASH,
  };
  return { ...linked, hash: digest(canonical(linked)) };
}

/**
 * Why an entry does not hold: its number is not the next one (`sequence`), it does not link to
 * the one before (`link`), its hash is not its content's (`hash`), it has no seal where one is
 * due (`unsealed`), or its seal is not the key's for its content (`seal`: edited or re-chained
 * by someone without the key).
 */
export type ChainBreak = 'sequence' | 'link' | 'hash' | 'unsealed' | 'seal';

export type ChainVerdict =
  { ok: true; count: number; head: string } | { ok: false; brokenAt: number; why: ChainBreak };

/** Checks one entry's keyed seal: `missing` when it has none, `wrong` when it does not match. */
export type SealCheck<E> = (entry: E) => 'ok' | 'missing' | 'wrong';

/**
 * Checks a whole chain, oldest first, and names the first entry that does not hold; with `seal`,
 * each entry's keyed seal too (after its hash, so a plain edit is named as such).
 */
export function verifyChain<E extends AuditEntry>(
  entries: Iterable<E>,
  digest: Digest,
  seal?: SealCheck<E>,
): ChainVerdict {
  let previous: AuditEntry | null = null;
  let count = 0;
  for (const entry of entries) {
    const expectedSeq = previous ? previous.seq + 1 : 1;
    if (entry.seq !== expectedSeq) return { ok: false, brokenAt: entry.seq, why: 'sequence' };
    if (entry.prevHash !== (previous ? previous.hash : GENESIS_HASH)) {
      return { ok: false, brokenAt: entry.seq, why: 'link' };
    }
    if (digest(canonical(entry)) !== entry.hash) {
      return { ok: false, brokenAt: entry.seq, why: 'hash' };
    }
    const sealed = seal?.(entry) ?? 'ok';
    if (sealed !== 'ok') {
      return { ok: false, brokenAt: entry.seq, why: sealed === 'missing' ? 'unsealed' : 'seal' };
    }
    previous = entry;
    count += 1;
  }
  return { ok: true, count, head: previous ? previous.hash : GENESIS_HASH };
}
