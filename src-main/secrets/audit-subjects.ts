/**
 * The audit chain's account subjects (core/audit-subject.ts): a keyed tag under a key derived
 * from the keychain key, and the identifier sealed to the central API's pinned key. Sealing is
 * synchronous (Node's RSA-OAEP and AES-GCM, the JWE compact serialization of RFC 7516 written
 * out), because an audit line is appended in one synchronous transaction; `jose` opens it.
 */
import {
  createCipheriv,
  createHmac,
  createPublicKey,
  constants,
  hkdfSync,
  publicEncrypt,
  randomBytes,
} from 'node:crypto';
import { SEALING_ALG, SEALING_ENC } from '../api/wire-sealing';
import { SEALED_SUBJECT_CTY, SUBJECT_TAG_LENGTH, protectedSubject } from '../core/audit-subject';
import type { PinnedSealingKey } from './sealing';

const TAG_KEY_INFO = 'guichet audit subject v1';

export interface SubjectKeys {
  /** The keyed tag of an account identifier (hex). */
  tag(identifier: string): string;
  /** What the chain stores for an account: its tag, and the identifier sealed to the API. */
  protect(identifier: string): string;
  /** Whether subjects are sealed to the API (a key is pinned), or only keyed. */
  readonly sealed: boolean;
}

/** Seals `plaintext` to `pinned` as a compact JWE (RSA-OAEP-256, A256GCM) with `cty`. */
export function sealCompactSync(pinned: PinnedSealingKey, plaintext: string, cty: string): string {
  const publicKey = createPublicKey({ key: pinned.jwk, format: 'jwk' });
  const header = { alg: SEALING_ALG, enc: SEALING_ENC, kid: pinned.kid, cty };
  const protectedHeader = Buffer.from(JSON.stringify(header)).toString('base64url');
  const cek = randomBytes(32);
  const iv = randomBytes(12);
  const encryptedKey = publicEncrypt(
    { key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
    cek,
  );
  const cipher = createCipheriv('aes-256-gcm', cek, iv);
  cipher.setAAD(Buffer.from(protectedHeader, 'ascii'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [
    protectedHeader,
    encryptedKey.toString('base64url'),
    iv.toString('base64url'),
    ciphertext.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
  ].join('.');
}

/** The subject keys of a kiosk: `lookupKey` from the keychain, `pinned` when provisioned. */
export function createSubjectKeys(lookupKey: Buffer, pinned: PinnedSealingKey | null): SubjectKeys {
  const key = Buffer.from(hkdfSync('sha256', lookupKey, Buffer.alloc(0), TAG_KEY_INFO, 32));
  const tag = (identifier: string) =>
    createHmac('sha256', key).update(identifier, 'utf8').digest('hex').slice(0, SUBJECT_TAG_LENGTH);
  return {
    tag,
    sealed: pinned !== null,
    protect(identifier) {
      const sealed = pinned && sealCompactSync(pinned, identifier, SEALED_SUBJECT_CTY);
      return protectedSubject(tag(identifier), sealed);
    },
  };
}
