/**
 * Seals passwords to the central API's public key, pinned in the keychain at provisioning. The
 * kiosk holds no private key: once sealed, a password cannot be read back on this machine.
 */
import {
  createCipheriv,
  createPublicKey,
  publicEncrypt,
  randomBytes,
  constants,
} from 'node:crypto';
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
  seal(plaintext: string): string;
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/** Checks a published key before it is pinned: right algorithms, and a kid that is its thumbprint. */
export function checkSealingKey(answer: unknown): PinnedSealingKey {
  const key = SealingKeyResponse.parse(answer);
  if (key.kid !== jwkThumbprint(key.jwk)) {
    throw new Error('The sealing key’s kid is not the thumbprint of its public key');
  }
  return { kid: key.kid, jwk: key.jwk };
}

/** Builds a sealer: JWE compact serialization, RSA-OAEP-256 key wrap, AES-256-GCM content. */
export function createSealer(pinned: PinnedSealingKey): Sealer {
  const publicKey = createPublicKey({ key: pinned.jwk, format: 'jwk' });
  const header = b64url(JSON.stringify({ alg: SEALING_ALG, enc: SEALING_ENC, kid: pinned.kid }));
  return {
    kid: pinned.kid,
    seal(plaintext) {
      const cek = randomBytes(32);
      const iv = randomBytes(12);
      const wrapped = publicEncrypt(
        { key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
        cek,
      );
      const cipher = createCipheriv('aes-256-gcm', cek, iv);
      // The protected header is the additional authenticated data (RFC 7516 §5.1).
      cipher.setAAD(Buffer.from(header, 'ascii'));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      cek.fill(0);
      return [
        header,
        b64url(wrapped),
        b64url(iv),
        b64url(ciphertext),
        b64url(cipher.getAuthTag()),
      ].join('.');
    },
  };
}

/** Seals a password input; one already sealed is left as it is. */
export function sealPassword(sealer: Sealer, input: PasswordInput): PasswordInput {
  return input.type === 'sealed' ? input : { type: 'sealed', jwe: sealer.seal(input.value) };
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
