import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseSubject } from '../core/audit-subject';
import { generateSealingKey, openAuditSubject, readPassword } from '../simulator/sealing-key';
import { createSubjectKeys } from './audit-subjects';
import { createSealer } from './sealing';

const sealing = generateSealingKey();
const pinned = { kid: sealing.kid, jwk: sealing.describe().jwk };

describe('audit subjects', () => {
  it('are a keyed tag and the identifier sealed to the API: only its key opens it', async () => {
    const keys = createSubjectKeys(randomBytes(32), pinned);
    const stored = keys.protect('sodegaard');
    expect(stored).not.toContain('sodegaard');
    const parts = parseSubject(stored)!;
    expect(parts.tag).toBe(keys.tag('sodegaard'));
    expect(await openAuditSubject(sealing, stored)).toBe('sodegaard');
    // Sealed afresh each time (no two lines compare equal), the same tag each time.
    const again = keys.protect('sodegaard');
    expect(again).not.toBe(stored);
    expect(parseSubject(again)!.tag).toBe(parts.tag);
    expect(await openAuditSubject(generateSealingKey(), stored)).toBeNull();
  });

  it('differ per kiosk key and per account; without a pinned key, the tag alone', () => {
    const key = randomBytes(32);
    const keys = createSubjectKeys(key, null);
    expect(keys.protect('nmai')).toBe(`@${keys.tag('nmai')}`);
    expect(keys.tag('nmai')).not.toBe(keys.tag('nmai2'));
    expect(createSubjectKeys(randomBytes(32), null).tag('nmai')).not.toBe(keys.tag('nmai'));
  });

  it('are never taken for a password, and a sealed password is never shown as a subject', async () => {
    const subject = parseSubject(createSubjectKeys(randomBytes(32), pinned).protect('nmai'))!;
    const asPassword = await readPassword(sealing, { type: 'sealed', jwe: subject.sealed! });
    expect(asPassword.ok).toBe(false);
    const password = await createSealer(pinned).seal('Qv7#Lichen-Marbre-41');
    expect(await openAuditSubject(sealing, `@${subject.tag}:${password}`)).toBeNull();
    expect(await readPassword(sealing, { type: 'sealed', jwe: password })).toEqual({
      ok: true,
      value: 'Qv7#Lichen-Marbre-41',
    });
  });
});
