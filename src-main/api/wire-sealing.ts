/**
 * Sealed passwords on the wire (resources/openapi.yaml: SealingKey, PasswordInput). A password
 * the kiosk queues is sealed to the central API's public key as a JWE (compact serialization,
 * RSA-OAEP-256 + A256GCM); only the API holds the private key that opens it.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { API_PREFIX } from './wire';

export const SEALING_PATH = `${API_PREFIX}/kiosk/sealing-key`;
export const SEALING_ALG = 'RSA-OAEP-256';
export const SEALING_ENC = 'A256GCM';

export const RsaPublicJwk = z.object({
  kty: z.literal('RSA'),
  n: z.string().regex(/^[A-Za-z0-9_-]+$/),
  e: z.string().regex(/^[A-Za-z0-9_-]+$/),
});
export type RsaPublicJwk = z.infer<typeof RsaPublicJwk>;

export const SealingKeyResponse = z.object({
  kid: z.string().min(1).max(128),
  alg: z.literal(SEALING_ALG),
  enc: z.literal(SEALING_ENC),
  jwk: RsaPublicJwk,
  expiresAt: z.string().optional(),
});
export type SealingKeyResponse = z.infer<typeof SealingKeyResponse>;

/** A password in clear (online, inside TLS) or sealed (always, once it went through the outbox). */
export const PasswordInput = z.discriminatedUnion('type', [
  z.object({ type: z.literal('plain'), value: z.string().min(1).max(256) }),
  z.object({ type: z.literal('sealed'), jwe: z.string().min(1).max(4096) }),
]);
export type PasswordInput = z.infer<typeof PasswordInput>;

/**
 * The RFC 7638 thumbprint of an RSA public key (SHA-256 of its canonical JWK, base64url): the
 * kid the API publishes, so that a kiosk can check that a pinned key and its kid belong together.
 */
export function jwkThumbprint(jwk: RsaPublicJwk): string {
  const canonical = JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n });
  return createHash('sha256').update(canonical).digest('base64url');
}
