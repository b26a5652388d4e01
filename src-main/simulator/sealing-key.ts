/**
 * The simulator's sealing key pair: it publishes the public half (GET /v1/kiosk/sealing-key)
 * and opens the passwords kiosks sealed to it. A key file keeps the pair across restarts, as a
 * real service would, so that operations queued before a restart can still be opened.
 */
import {
  constants,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  privateDecrypt,
  type KeyObject,
} from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import {
  RsaPublicJwk,
  SEALING_ALG,
  SEALING_ENC,
  SEALING_PATH,
  jwkThumbprint,
  type PasswordInput,
  type SealingKeyResponse,
} from '../api/wire-sealing';
import { apiError, json, type Reply } from './http';
import { defineRoute } from './router';

export interface SimulatorSealingKey {
  readonly kid: string;
  /** What GET /v1/kiosk/sealing-key answers. */
  describe(): SealingKeyResponse;
  /** Opens a JWE sealed to this key; `unknown_kid` when it was sealed to another key. */
  open(jwe: string): { ok: true; value: string } | { ok: false; reason: 'unknown_kid' | 'invalid' };
}

/** A sealing key from a PKCS#8 PEM private key. */
export function sealingKeyFromPem(pem: string): SimulatorSealingKey {
  const privateKey = createPrivateKey(pem);
  const jwk = RsaPublicJwk.parse(createPublicKey(privateKey).export({ format: 'jwk' }));
  const kid = jwkThumbprint(jwk);
  return {
    kid,
    describe: () => ({ kid, alg: SEALING_ALG, enc: SEALING_ENC, jwk }),
    open: (jwe) => openJwe(privateKey, kid, jwe),
  };
}

/** A fresh RSA-2048 key pair, in memory only. */
export function generateSealingKey(): SimulatorSealingKey {
  return sealingKeyFromPem(generatePem());
}

/** Reads the key file, creating it (mode 0600) with a fresh pair when it does not exist. */
export function loadOrCreateSealingKey(path: string): SimulatorSealingKey {
  if (!existsSync(path)) writeFileSync(path, generatePem(), { mode: 0o600, flag: 'wx' });
  return sealingKeyFromPem(readFileSync(path, 'utf8'));
}

function generatePem(): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}

function openJwe(
  privateKey: KeyObject,
  kid: string,
  jwe: string,
): ReturnType<SimulatorSealingKey['open']> {
  const parts = jwe.split('.');
  if (parts.length !== 5) return { ok: false, reason: 'invalid' };
  const [header, wrapped, iv, ciphertext, tag] = parts as [string, string, string, string, string];
  let parsed: { alg?: unknown; enc?: unknown; kid?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as typeof parsed;
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (parsed.alg !== SEALING_ALG || parsed.enc !== SEALING_ENC)
    return { ok: false, reason: 'invalid' };
  if (parsed.kid !== kid) return { ok: false, reason: 'unknown_kid' };
  try {
    const cek = privateDecrypt(
      { key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
      Buffer.from(wrapped, 'base64url'),
    );
    const decipher = createDecipheriv('aes-256-gcm', cek, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(header, 'ascii'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const text = Buffer.concat([
      decipher.update(Buffer.from(ciphertext, 'base64url')),
      decipher.final(),
    ]);
    return { ok: true, value: text.toString('utf8') };
  } catch {
    return { ok: false, reason: 'invalid' };
  }
}

/**
 * A PasswordInput as the route handlers need it: the password in clear, or the reply that
 * refuses it (422 `sealing_key_unknown` for another kid, 400 for a JWE that does not open).
 */
export function readPassword(
  key: SimulatorSealingKey,
  input: PasswordInput,
): { ok: true; value: string } | { ok: false; reply: Reply } {
  if (input.type === 'plain') return { ok: true, value: input.value };
  const opened = key.open(input.jwe);
  if (opened.ok) return opened;
  if (opened.reason === 'unknown_kid') {
    return {
      ok: false,
      reply: {
        status: 422,
        body: {
          code: 'sealing_key_unknown',
          message: 'sealed to a key this service does not hold',
        },
      },
    };
  }
  return { ok: false, reply: apiError(400, 'invalid_request', 'sealed password does not open') };
}

/** GET /v1/kiosk/sealing-key: the public key kiosks pin and seal to. */
export const sealingKeyRoute = defineRoute({
  method: 'GET',
  path: SEALING_PATH,
  auth: 'kiosk',
  body: null,
  handle: ({ env }) => json(env.state.sealing.describe()),
});

/** A key pair generated on first use: most simulators (unit tests) never seal anything. */
export function lazySealingKey(): SimulatorSealingKey {
  let key: SimulatorSealingKey | null = null;
  const get = () => (key ??= generateSealingKey());
  return {
    get kid() {
      return get().kid;
    },
    describe: () => get().describe(),
    open: (jwe) => get().open(jwe),
  };
}
