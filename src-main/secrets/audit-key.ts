import { randomBytes } from 'node:crypto';
import { SECRET_NAMES, type SecretStore } from './secret-store';

/**
 * The key the journal's audit entries are sealed with (HMAC-SHA256, store/audit-chain.ts). It
 * lives in the keychain only, so someone with the disk alone can edit an entry and redo the
 * public hashes after it, but not the seals.
 */
export interface AuditKey {
  key: Buffer;
  /**
   * Entries up to this number were written before the key existed; they were sealed when it was
   * made, so their seals prove them unchanged since then, not before. 0 on a new kiosk.
   */
  sealedThrough: number;
  /**
   * The hash of entry `sealedThrough` then (null with none): says whether a journal is the one
   * the key was made for, or a later one (a demo reset starts a new journal, the key stays).
   */
  sealedHash: string | null;
  /** When the key was made (ISO date-time). */
  since: string;
}

/** The stored form: the key in base64 with what the kiosk sealed when it made it. */
type Stored = Omit<AuditKey, 'key'> & { key: string };

/** Reads the audit key as the keychain holds it; null when the text is not one. */
export function parseAuditKey(text: string): AuditKey | null {
  try {
    const parsed = JSON.parse(text) as Partial<Stored>;
    const key = typeof parsed.key === 'string' ? Buffer.from(parsed.key, 'base64') : null;
    if (!key || key.length !== 32) return null;
    if (!Number.isInteger(parsed.sealedThrough) || typeof parsed.since !== 'string') return null;
    const sealedHash = typeof parsed.sealedHash === 'string' ? parsed.sealedHash : null;
    return { key, sealedThrough: parsed.sealedThrough!, sealedHash, since: parsed.since };
  } catch {
    return null;
  }
}

/** Keeps `auditKey` in the keychain (made, or its mark moved with a re-linked chain). */
export async function storeAuditKey(secrets: SecretStore, auditKey: AuditKey): Promise<void> {
  const stored: Stored = { ...auditKey, key: auditKey.key.toString('base64') };
  await secrets.set(SECRET_NAMES.auditKey, JSON.stringify(stored));
}

/**
 * Loads the audit key from the keychain, or makes it (first start of a kiosk, or of the version
 * that brought it) and says so: the caller then seals the entries already written, up to
 * `head` (the journal's last entry now, null when it has none). An unreadable stored key is an
 * error, never replaced: a new key would leave every earlier entry unprovable.
 */
export async function loadOrCreateAuditKey(
  secrets: SecretStore,
  head: { seq: number; hash: string } | null,
  now: Date,
): Promise<{ auditKey: AuditKey; created: boolean }> {
  const existing = await secrets.get(SECRET_NAMES.auditKey);
  if (existing !== null) {
    const auditKey = parseAuditKey(existing);
    if (!auditKey) throw new Error('The audit key in the keychain is unreadable.');
    return { auditKey, created: false };
  }
  const auditKey: AuditKey = {
    key: randomBytes(32),
    sealedThrough: head?.seq ?? 0,
    sealedHash: head?.hash ?? null,
    since: now.toISOString(),
  };
  await storeAuditKey(secrets, auditKey);
  return { auditKey, created: true };
}
