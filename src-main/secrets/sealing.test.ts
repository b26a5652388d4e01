import { compactDecrypt, decodeProtectedHeader, importJWK } from 'jose';
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sealingKeyFromPem } from '../simulator/sealing-key';
import {
  checkSealingKey,
  createSealer,
  loadPinnedSealingKey,
  pinSealingKey,
  sealPassword,
} from './sealing';
import { createMemoryStore } from './memory-store';

// The API's key pair as the institution would hold it: the private half stays on the server.
const privatePem = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ format: 'pem', type: 'pkcs8' })
  .toString();
const apiKey = sealingKeyFromPem(privatePem);
const pinned = checkSealingKey(apiKey.describe());

describe('sealing passwords to the central API’s key', () => {
  it('seals so that only the key’s holder opens it, differently each time', async () => {
    const sealer = createSealer(pinned);
    const first = await sealer.seal('Mot-De-Passe-2026 é');
    const second = await sealer.seal('Mot-De-Passe-2026 é');
    expect(first).not.toBe(second);
    expect(first).not.toContain('Mot-De-Passe');
    expect(first.split('.')).toHaveLength(5);
    expect(await apiKey.open(first)).toEqual({ ok: true, value: 'Mot-De-Passe-2026 é' });
    expect(await apiKey.open(second)).toEqual({ ok: true, value: 'Mot-De-Passe-2026 é' });
  });

  it('is a standard JWE: jose’s compactDecrypt opens it, with the contract’s header', async () => {
    const jwe = await createSealer(pinned).seal('Secret-123 ç');
    // What the institution's server does, with nothing of the kiosk's code: jose and the
    // private key (also tried as a JWK, the other form a server may keep it in).
    const privateJwk = createPrivateKey(privatePem).export({ format: 'jwk' });
    for (const key of [createPrivateKey(privatePem), await importJWK(privateJwk, 'RSA-OAEP-256')]) {
      const { plaintext, protectedHeader } = await compactDecrypt(jwe, key, {
        keyManagementAlgorithms: ['RSA-OAEP-256'],
        contentEncryptionAlgorithms: ['A256GCM'],
      });
      expect(new TextDecoder().decode(plaintext)).toBe('Secret-123 ç');
      expect(protectedHeader).toEqual({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: pinned.kid });
    }
    expect(decodeProtectedHeader(jwe).kid).toBe(apiKey.kid);
  });

  it('carries the kid: another key refuses it as unknown, a tampered one as invalid', async () => {
    const other = sealingKeyFromPem(
      generateKeyPairSync('rsa', { modulusLength: 2048 })
        .privateKey.export({ format: 'pem', type: 'pkcs8' })
        .toString(),
    );
    const jwe = await createSealer(pinned).seal('Secret-123');
    expect(await other.open(jwe)).toEqual({ ok: false, reason: 'unknown_kid' });
    const parts = jwe.split('.');
    const flipped = parts[3]!.startsWith('A') ? `B${parts[3]!.slice(1)}` : `A${parts[3]!.slice(1)}`;
    expect(await apiKey.open([...parts.slice(0, 3), flipped, parts[4]].join('.'))).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(await apiKey.open('not.a.jwe')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses to pin a key whose kid is not its thumbprint', () => {
    expect(() => checkSealingKey({ ...apiKey.describe(), kid: 'chosen-by-someone' })).toThrow(
      /thumbprint/,
    );
    expect(() => checkSealingKey({ ...apiKey.describe(), alg: 'RSA1_5' })).toThrow();
  });

  it('pins in the keychain, and seals plain password inputs only', async () => {
    const secrets = createMemoryStore();
    expect(await loadPinnedSealingKey(secrets)).toBeNull();
    await pinSealingKey(secrets, pinned);
    const loaded = await loadPinnedSealingKey(secrets);
    expect(loaded).toEqual(pinned);
    const sealer = createSealer(loaded!);
    const sealed = await sealPassword(sealer, { type: 'plain', value: 'Secret-123' });
    expect(sealed).toEqual({ type: 'sealed', jwe: expect.any(String) });
    expect(await sealPassword(sealer, sealed)).toBe(sealed);
  });
});
