import { randomBytes } from 'node:crypto';
import type { AuditKey } from '../../src-main/secrets/audit-key';

/** A fresh audit key for a journal a test opens itself (the kiosk keeps its own in the keychain). */
export function testAuditKey(): AuditKey {
  return {
    key: randomBytes(32),
    sealedThrough: 0,
    sealedHash: null,
    since: new Date().toISOString(),
  };
}
