/**
 * The simulator's sealing key pair: it publishes the public half (GET /v1/kiosk/sealing-key)
 * and opens the passwords kiosks sealed to it. A key file keeps the pair across restarts, as a
 * real service would, so that operations queued before a restart can still be opened. After a
 * rotation (the Guichet server's rotate-sealing-key) the file holds the current key first and
 * the retired ones after it: only the current one is published, every one still opens what
 * kiosks sealed to it before they pinned the new one.
 */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { compactDecrypt, decodeProtectedHeader } from 'jose';
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
import { SEALED_SUBJECT_CTY, parseSubject } from '../core/audit-subject';
import { apiError, json, type Reply } from './http';
import { defineRoute } from './router';

export type OpenedJwe =
  { ok: true; value: string } | { ok: false; reason: 'unknown_kid' | 'invalid' };

export interface SimulatorSealingKey {
  readonly kid: string;
  /** What GET /v1/kiosk/sealing-key answers. */
  describe(): SealingKeyResponse;
  /** Opens a JWE sealed to this key; `unknown_kid` when it was sealed to another key. */
  open(jwe: string): Promise<OpenedJwe>;
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

/** The private keys of a key file, current first. */
export function pemsIn(text: string): string[] {
  return text.match(/-----BEGIN PRIVATE KEY-----[^-]+-----END PRIVATE KEY-----/g) ?? [];
}

/** The current key (published) and the retired ones (still opened), from a key file's PEMs. */
export function sealingKeysFromPems(pems: readonly string[]): SimulatorSealingKey {
  const [current, ...retired] = pems.map(sealingKeyFromPem);
  if (!current) throw new Error('the sealing key file holds no private key');
  const byKid = new Map([current, ...retired].map((key) => [key.kid, key]));
  return {
    kid: current.kid,
    describe: () => current.describe(),
    async open(jwe) {
      let kid: unknown;
      try {
        kid = decodeProtectedHeader(jwe).kid;
      } catch {
        return { ok: false, reason: 'invalid' };
      }
      const key = typeof kid === 'string' ? byKid.get(kid) : undefined;
      return key ? key.open(jwe) : { ok: false, reason: 'unknown_kid' };
    },
  };
}

/** Reads the key file, creating it (mode 0600) with a fresh pair when it does not exist. */
export function loadOrCreateSealingKey(path: string): SimulatorSealingKey {
  if (!existsSync(path)) writeFileSync(path, generatePem(), { mode: 0o600, flag: 'wx' });
  return sealingKeysFromPems(pemsIn(readFileSync(path, 'utf8')));
}

/** A new RSA-2048 private key, PKCS#8 PEM. */
export function generatePem(): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}

/** Opens with `jose`, as the institution's server would, allowing only the contract's algorithms. */
async function openJwe(privateKey: KeyObject, kid: string, jwe: string): Promise<OpenedJwe> {
  let header: { kid?: unknown };
  try {
    header = decodeProtectedHeader(jwe);
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (header.kid !== kid) return { ok: false, reason: 'unknown_kid' };
  try {
    const { plaintext } = await compactDecrypt(jwe, privateKey, {
      keyManagementAlgorithms: [SEALING_ALG],
      contentEncryptionAlgorithms: [SEALING_ENC],
    });
    return { ok: true, value: new TextDecoder('utf-8', { fatal: true }).decode(plaintext) };
  } catch {
    return { ok: false, reason: 'invalid' };
  }
}

/**
 * A PasswordInput as the route handlers need it: the password in clear, or the reply that
 * refuses it (422 `sealing_key_unknown` for another kid, 400 for a JWE that does not open).
 */
export async function readPassword(
  key: SimulatorSealingKey,
  input: PasswordInput,
): Promise<{ ok: true; value: string } | { ok: false; reply: Reply }> {
  if (input.type === 'plain') return { ok: true, value: input.value };
  // A sealed audit subject (an account identifier) is never taken for a password.
  if (typedJwe(input.jwe))
    return { ok: false, reply: apiError(400, 'invalid_request', 'sealed password does not open') };
  const opened = await key.open(input.jwe);
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

/** Whether a JWE names a content type (a sealed password names none). */
function typedJwe(jwe: string): boolean {
  try {
    return decodeProtectedHeader(jwe).cty !== undefined;
  } catch {
    return false;
  }
}

/**
 * The account an uploaded audit line is about, as the central copy reads it: the identifier the
 * kiosk sealed to this key (core/audit-subject.ts), or null when the subject is no sealed
 * account (an outbox reference, a keyed-only tag) or does not open. A JWE without the subject's
 * content type is refused, so that a sealed password can never be shown as a subject.
 */
export async function openAuditSubject(
  key: SimulatorSealingKey,
  subject: string | null,
): Promise<string | null> {
  const sealed = subject === null ? null : parseSubject(subject)?.sealed;
  if (!sealed) return null;
  try {
    if (decodeProtectedHeader(sealed).cty !== SEALED_SUBJECT_CTY) return null;
  } catch {
    return null;
  }
  const opened = await key.open(sealed);
  return opened.ok ? opened.value : null;
}
