/**
 * Seals passwords to the central API's public key, pinned in the keychain at provisioning. The
 * kiosk holds no private key: once sealed, a password cannot be read back on this machine.
 */
import { createPublicKey } from 'node:crypto';
import { CompactEncrypt } from 'jose';
import {
  SEALING_ALG,
  SEALING_ENC,
  SealingKeyResponse,
  jwkThumbprint,
  type PasswordInput,
} from '../api/wire-sealing';
import { SECRET_NAMES, type SecretStore } from './secret-store';

export type PinnedSealingKey = Pick<SealingKeyResponse, 'kid' | 'jwk'>;

/** Seals one secret to a public key. */
export interface Sealer {
  readonly kid: string;
  /** A JWE in compact serialization that only the key's holder can open. */
  seal(plaintext: string): Promise<string>;
}

/** Checks a published key before it is pinned: right algorithms, and a kid that is its thumbprint. */
export function checkSealingKey(answer: unknown): PinnedSealingKey {
  const key = SealingKeyResponse.parse(answer);
  if (key.kid !== jwkThumbprint(key.jwk)) {
    throw new Error('The sealing key’s kid is not the thumbprint of its public key');
  }
  return { kid: key.kid, jwk: key.jwk };
}

/**
 * Builds a sealer: JWE compact serialization, RSA-OAEP-256 key wrap, AES-256-GCM content, by
 * `jose` (the library the institution's server can open it with), the kid in the protected
 * header so that the server knows which of its keys to use.
 */
export function createSealer(pinned: PinnedSealingKey): Sealer {
  const publicKey = createPublicKey({ key: pinned.jwk, format: 'jwk' });
  const header = { alg: SEALING_ALG, enc: SEALING_ENC, kid: pinned.kid };
  const encoder = new TextEncoder();
  return {
    kid: pinned.kid,
    seal: (plaintext) =>
      new CompactEncrypt(encoder.encode(plaintext)).setProtectedHeader(header).encrypt(publicKey),
  };
}

/** Seals a password input; one already sealed is left as it is. */
export async function sealPassword(sealer: Sealer, input: PasswordInput): Promise<PasswordInput> {
  return input.type === 'sealed' ? input : { type: 'sealed', jwe: await sealer.seal(input.value) };
}

/** Stores the key the kiosk will seal to; `name` lets demo mode keep its own apart. */
export async function pinSealingKey(
  secrets: SecretStore,
  key: PinnedSealingKey,
  name: string = SECRET_NAMES.sealingKey,
): Promise<void> {
  await secrets.set(name, JSON.stringify(key));
}

/** The pinned key, or null when this kiosk was provisioned without one. */
export async function loadPinnedSealingKey(
  secrets: SecretStore,
  name: string = SECRET_NAMES.sealingKey,
): Promise<PinnedSealingKey | null> {
  const stored = await secrets.get(name);
  return stored === null
    ? null
    : checkSealingKey({ ...JSON.parse(stored), alg: SEALING_ALG, enc: SEALING_ENC });
}
