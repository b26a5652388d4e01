import { describe, expect, it } from 'vitest';
import { asciiLetters, baseIdentifier, createIdentifierAllocator } from './identifiers';

describe('identifiers', () => {
  it('strips diacritics, apostrophes, hyphens and spaces', () => {
    expect(baseIdentifier('Éloïse', "N'Diaye-Brûlé")).toBe('endiayebrule');
    expect(baseIdentifier('Zoé', 'Lefèvre')).toBe('zlefevre');
    expect(baseIdentifier('Thị Mai', 'Nguyễn')).toBe('tnguyen');
    expect(baseIdentifier('Jean-Baptiste', "O'Connor")).toBe('joconnor');
    expect(baseIdentifier('Aïcha', 'Ben Saïd')).toBe('abensaid');
    expect(baseIdentifier('Anne-Sophie', 'de La Fontaine')).toBe('adelafontaine');
  });

  it('transliterates letters that do not decompose', () => {
    expect(baseIdentifier('Søren', 'Ødegaard')).toBe('sodegaard');
    expect(baseIdentifier('Þóra', 'Guðmundsdóttir')).toBe('tgudmundsdottir');
    expect(baseIdentifier('Łukasz', 'Wójcik')).toBe('lwojcik');
    expect(baseIdentifier('İlayda', 'Yılmaz')).toBe('iyilmaz');
    expect(asciiLetters('Œdipe Straße')).toBe('oedipestrasse');
  });

  it('keeps identifiers short and never empty', () => {
    expect(baseIdentifier('Grzegorz', 'Brzęczyszczykiewicz-Kowalczyk')).toHaveLength(20);
    expect(baseIdentifier('Γιάννης', 'Παπαδόπουλος')).toBe('etu');
  });

  it('appends 2, 3… to identifiers already taken', () => {
    const allocate = createIdentifierAllocator(['zlefevre']);
    expect(allocate('Zoé', 'Lefèvre')).toBe('zlefevre2');
    expect(allocate('Zacharie', 'Lefevre')).toBe('zlefevre3');
    expect(allocate('Léa', 'Moreau')).toBe('lmoreau');
  });
});
