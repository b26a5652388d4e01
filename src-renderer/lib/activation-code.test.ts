import { describe, expect, it } from 'vitest';
import { extractCode, looksLikeLink } from './activation-code';

describe('extractCode', () => {
  it('keeps a typed code, without the spaces a student may add', () => {
    expect(extractCode('  AB12 CD34 ')).toBe('AB12CD34');
  });

  it('reads the code from an activation link’s query or fragment', () => {
    expect(extractCode('https://ent.example.org/activation?code=K7P2Q9&lang=fr')).toBe('K7P2Q9');
    expect(extractCode('https://ent.example.org/activer#code=ZX81')).toBe('ZX81');
    expect(extractCode('https://ent.example.org/a?token=T0K3N')).toBe('T0K3N');
  });

  it('falls back to the link’s last path segment', () => {
    expect(extractCode('https://ent.example.org/activation/Q1W2E3/')).toBe('Q1W2E3');
    expect(extractCode('www.example.org/activate/abc%2Ddef')).toBe('abc-def');
  });

  it('tells a link from a code', () => {
    expect(looksLikeLink('HTTPS://x.org/a')).toBe(true);
    expect(looksLikeLink('ABC123')).toBe(false);
  });
});
