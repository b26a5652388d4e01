import { describe, expect, it } from 'vitest';
import { isReference, newReference } from './reference';

describe('receipt references', () => {
  it('are short, readable and without look-alike characters', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i += 1) {
      const reference = newReference();
      expect(isReference(reference), reference).toBe(true);
      expect(reference).not.toMatch(/[01OILUV]/);
      seen.add(reference);
    }
    expect(seen.size).toBe(500);
    expect(isReference('ABCD-EFG1')).toBe(false);
  });
});
