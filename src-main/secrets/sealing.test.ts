import { describe, expect, it } from 'vitest';
import { generateSealingKey } from '../simulator/sealing-key';
import {
  checkSealingKey,
  createSealer,
  loadPinnedSealingKey,
  pinSealingKey,
  sealPassword,
} from './sealing';
import { createMemoryStore } from './memory-store';

const apiKey = generateSealingKey();
const pinned = checkSealingKey(apiKey.describe());

describe('sealing passwords to the central API’s key', () => {
  it('seals so that only the key’s holder opens it, differently each time', () => {
    const sealer = createSealer(pinned);
    const first = sealer.seal('Mot-De-Passe-2026 é');
    const second = sealer.seal('Mot-De-Passe-2026 é');
    expect(first).not.toBe(second);
    expect(first).not.toContain('Mot-De-Passe');
    expect(first.split('.')).toHaveLength(5);
    expect(apiKey.open(first)).toEqual({ ok: true, value: 'Mot-De-Passe-2026 é' });
    expect(apiKey.open(second)).toEqual({ ok: true, value: 'Mot-De-Passe-2026 é' });
  });

  it('carries the kid: another key refuses it as unknown, a tampered one as invalid', () => {
    const other = generateSealingKey();
    const jwe = createSealer(pinned).seal('Secret-123');
    expect(other.open(jwe)).toEqual({ ok: false, reason: 'unknown_kid' });
    const parts = jwe.split('.');
    const flipped = parts[3]!.startsWith('A') ? `B${parts[3]!.slice(1)}` : `A${parts[3]!.slice(1)}`;
    expect(apiKey.open([...parts.slice(0, 3), flipped, parts[4]].join('.'))).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(apiKey.open('not.a.jwe')).toEqual({ ok: false, reason: 'invalid' });
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
    const sealed = sealPassword(sealer, { type: 'plain', value: 'Secret-123' });
    expect(sealed).toEqual({ type: 'sealed', jwe: expect.any(String) });
    expect(sealPassword(sealer, sealed)).toBe(sealed);
  });
});
