import { createHmac, randomBytes } from 'node:crypto';
import type { IdentityQuery } from '../core/identity-input';
import type { LookupKeys } from '../core/ports';
import { SECRET_NAMES, type SecretStore } from './secret-store';

/** Loads the HMAC key from the keychain, creating it on first use. */
export async function loadOrCreateLookupKey(secrets: SecretStore): Promise<Buffer> {
  const existing = await secrets.get(SECRET_NAMES.lookupKey);
  if (existing) return Buffer.from(existing, 'base64');
  const key = randomBytes(32);
  await secrets.set(SECRET_NAMES.lookupKey, key.toString('base64'));
  return key;
}

/**
 * Keyed hashes (HMAC-SHA256) of the student number and birth date: the cache can find a student
 * again without ever holding either in clear, and without the key (kept in the keychain) a
 * stolen cache file cannot be searched by trying birth dates.
 */
export function createLookupKeys(key: Buffer): LookupKeys {
  return {
    identityKey: async (query: IdentityQuery) =>
      createHmac('sha256', key)
        .update(`identity\u0000${query.studentNumber}\u0000${query.birthDate}`)
        .digest('base64url'),
  };
}
