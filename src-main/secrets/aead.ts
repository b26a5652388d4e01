/**
 * AES-256-GCM for what the kiosk keeps at rest and must read back itself (cache records, queued
 * request bodies): a random 12-byte nonce per message, the AAD binding a sealed blob to the row
 * it belongs to, and a version byte so that a later format can be told apart.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 1;
const NONCE = 12;
const TAG = 16;

/** Seals `plaintext` under a 32-byte key: version | nonce | ciphertext | tag. */
export function sealBytes(key: Buffer, plaintext: string | Buffer, aad: string): Buffer {
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const head = Buffer.of(VERSION);
  const body = cipher.update(typeof plaintext === 'string' ? Buffer.from(plaintext) : plaintext);
  return Buffer.concat([head, nonce, body, cipher.final(), cipher.getAuthTag()]);
}

/** Opens a blob of `sealBytes`; null when the key, the AAD or a byte is wrong. */
export function openBytes(key: Buffer, sealed: Uint8Array, aad: string): Buffer | null {
  const blob = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  if (blob.length < 1 + NONCE + TAG || blob[0] !== VERSION) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, blob.subarray(1, 1 + NONCE));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(blob.subarray(blob.length - TAG));
    return Buffer.concat([
      decipher.update(blob.subarray(1 + NONCE, blob.length - TAG)),
      decipher.final(),
    ]);
  } catch {
    return null;
  }
}
