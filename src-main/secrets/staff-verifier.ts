import { createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Offline staff sign-in (issue "Staff mode"): after an agent signs in online, the kiosk keeps a
 * verifier of their PIN, never the PIN. The verifier is a slow hash (scrypt, per-entry salt)
 * keyed with a secret from the keychain (HMAC), so a copy of the disk alone cannot test PINs:
 * without the keychain key every guess needs the key as well, and with it each guess still costs
 * one scrypt.
 */

/** scrypt cost: 2^15 × 8 × 128 B = 32 MiB and roughly 0.1 s a guess on a kiosk's CPU. */
const COST = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const LENGTH = 32;

/** What the journal keeps for one agent; all base64url. */
export interface PinVerifier {
  salt: string;
  verifier: string;
}

function slowHash(pin: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(pin.normalize('NFKC'), salt, LENGTH, COST, (error, derived) =>
      error ? reject(error) : resolve(derived),
    ),
  );
}

function keyed(key: Buffer, staffId: string, slow: Buffer): Buffer {
  // The staff identifier is bound in, so one agent's verifier cannot stand for another's.
  return createHmac('sha256', key).update(`staff-pin\u0000${staffId}\u0000`).update(slow).digest();
}

/** A fresh verifier of `pin` for `staffId` under the keychain key. */
export async function createPinVerifier(
  key: Buffer,
  staffId: string,
  pin: string,
): Promise<PinVerifier> {
  const salt = randomBytes(16);
  const mac = keyed(key, staffId, await slowHash(pin, salt));
  return { salt: salt.toString('base64url'), verifier: mac.toString('base64url') };
}

/** Whether `pin` matches the verifier (constant time over the final comparison). */
export async function checkPinVerifier(
  key: Buffer,
  staffId: string,
  pin: string,
  stored: PinVerifier,
): Promise<boolean> {
  const expected = Buffer.from(stored.verifier, 'base64url');
  const mac = keyed(key, staffId, await slowHash(pin, Buffer.from(stored.salt, 'base64url')));
  return expected.length === mac.length && timingSafeEqual(expected, mac);
}
