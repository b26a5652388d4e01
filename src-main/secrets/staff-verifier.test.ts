import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkPinVerifier, createPinVerifier } from './staff-verifier';

const key = randomBytes(32);

describe('offline staff PIN verifier', () => {
  it('accepts the PIN it was made from and refuses another', async () => {
    const stored = await createPinVerifier(key, 'agent01', '482913');
    expect(await checkPinVerifier(key, 'agent01', '482913', stored)).toBe(true);
    expect(await checkPinVerifier(key, 'agent01', '482914', stored)).toBe(false);
  });

  it('keeps neither the PIN nor an unkeyed hash of it', async () => {
    const stored = await createPinVerifier(key, 'agent01', '482913');
    expect(JSON.stringify(stored)).not.toContain('482913');
    // Without the keychain key, the disk's copy cannot confirm a guess, even the right one.
    expect(await checkPinVerifier(randomBytes(32), 'agent01', '482913', stored)).toBe(false);
  });

  it('salts each verifier, and binds it to its agent', async () => {
    const a = await createPinVerifier(key, 'agent01', '482913');
    const b = await createPinVerifier(key, 'agent01', '482913');
    expect(a.salt).not.toBe(b.salt);
    expect(a.verifier).not.toBe(b.verifier);
    expect(await checkPinVerifier(key, 'agent02', '482913', a)).toBe(false);
  });
});
