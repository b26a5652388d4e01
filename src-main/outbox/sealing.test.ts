import { describe, expect, it } from 'vitest';
import { countPlainPasswords, sealPasswords } from './sealing';

const sealer = { kid: 'k', seal: async (text: string) => `sealed(${text.length})` };

describe('sealing a request body', () => {
  it('replaces every plain password, however deep, and nothing else', async () => {
    const body = {
      proof: { method: 'email_code', code: '12345678' },
      currentPassword: { type: 'plain', value: 'old-one' },
      list: [{ type: 'plain', value: 'abc' }],
      // Not a PasswordInput: an extra key.
      note: { type: 'plain', value: 'x', extra: true },
    };
    expect(countPlainPasswords(body)).toBe(2);
    const sealed = await sealPasswords(body, sealer);
    expect(sealed).toEqual({
      proof: { method: 'email_code', code: '12345678' },
      currentPassword: { type: 'sealed', jwe: 'sealed(7)' },
      list: [{ type: 'sealed', jwe: 'sealed(3)' }],
      note: { type: 'plain', value: 'x', extra: true },
    });
    expect(countPlainPasswords(sealed)).toBe(0);
    expect(body.currentPassword.type).toBe('plain');
  });
});
