import { describe, expect, it } from 'vitest';
import { academicYearOf, localDate } from './academic-year';

describe('academicYearOf', () => {
  it.each([
    ['2026-11-25T10:00:00Z', '2026-2027'],
    ['2027-08-31T12:00:00Z', '2026-2027'],
    ['2026-09-01T00:00:00Z', '2026-2027'],
    ['2026-08-31T21:59:00Z', '2025-2026'],
    // Already 1 September in Paris.
    ['2026-08-31T22:30:00Z', '2026-2027'],
    ['2027-01-01T00:00:00Z', '2026-2027'],
  ])('%s is in %s', (iso, year) => {
    expect(academicYearOf(new Date(iso), 'Europe/Paris')).toBe(year);
  });

  it('formats the local date', () => {
    expect(localDate(new Date('2026-03-01T23:30:00Z'), 'Europe/Paris')).toBe('2026-03-02');
  });
});
