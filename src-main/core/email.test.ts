import { describe, expect, it } from 'vitest';
import { maskEmail, ownMailDomains, validateExternalEmail } from './email';

describe('maskEmail', () => {
  it.each([
    ['eloise.nd@example.org', 'e*****d@example.org'],
    ['zoe.lefevre@example.net', 'z*****e@example.net'],
    ['abc@example.com', 'a*****c@example.com'],
    // One or two letters: only the first is shown, and the stars never tell the length.
    ['ab@example.com', 'a*****@example.com'],
    ['a@example.com', 'a*****@example.com'],
    ['éloïse@example.fr', 'é*****e@example.fr'],
  ])('%s → %s', (address, masked) => {
    expect(maskEmail(address)).toBe(masked);
  });

  it('never echoes something that is not an address', () => {
    expect(maskEmail('not-an-address')).toBe('*****');
    expect(maskEmail('@example.org')).toBe('*****');
  });
});

describe('validateExternalEmail', () => {
  const own = ['umontpellier.fr'];

  it('accepts an external address and lower-cases its domain only', () => {
    expect(validateExternalEmail('  Zoe.Lefevre+uni@Example.NET ', own)).toEqual({
      ok: true,
      value: 'Zoe.Lefevre+uni@example.net',
    });
    expect(validateExternalEmail("o'connor@mail.example.co.uk", own).ok).toBe(true);
  });

  it.each([
    '',
    'zoe',
    'zoe@',
    '@example.org',
    'zoe@@example.org',
    'zoe@example',
    'zoe@example.c',
    'zoe@-example.org',
    'zoe@example..org',
    '.zoe@example.org',
    'zoe..l@example.org',
    'zoe@[127.0.0.1]',
    '"zoe"@example.org',
    'zo e@example.org',
    `${'a'.repeat(65)}@example.org`,
    `zoe@${'a'.repeat(250)}.org`,
  ])('refuses %j as a format error', (address) => {
    expect(validateExternalEmail(address, own)).toEqual({ ok: false, error: 'email_format' });
  });

  it('refuses the university’s own domain and its subdomains', () => {
    for (const address of ['zoe@umontpellier.fr', 'zoe@etu.UMontpellier.fr']) {
      expect(validateExternalEmail(address, own)).toEqual({
        ok: false,
        error: 'email_own_domain',
      });
    }
    // A domain that only ends with the same letters is someone else's.
    expect(validateExternalEmail('zoe@notumontpellier.fr', own).ok).toBe(true);
  });
});

describe('ownMailDomains', () => {
  it('takes the profile’s list, or else the domain of the ENT', () => {
    expect(
      ownMailDomains({ mailDomains: ['umontpellier.fr'], entUrl: 'https://x.example' }),
    ).toEqual(['umontpellier.fr']);
    expect(ownMailDomains({ entUrl: 'https://ent.univ-example.fr/portail' })).toEqual([
      'univ-example.fr',
    ]);
    expect(ownMailDomains({ entUrl: 'https://example.edu' })).toEqual(['example.edu']);
  });
});
