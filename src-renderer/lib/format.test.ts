import { describe, expect, it } from 'vitest';
import { formatDate, formatTime, sameDay } from './format';

describe('format', () => {
  it('shows times in the institution’s zone, whatever the machine’s', () => {
    expect(formatTime('2026-11-25T08:50:00Z', 'fr', 'Europe/Paris')).toBe('09:50');
    expect(formatTime('2026-07-01T08:50:00Z', 'en', 'Europe/Paris')).toBe('10:50');
  });

  it('writes dates day first in both languages; a plain date is not shifted', () => {
    expect(formatDate('2027-12-31', 'fr', 'Pacific/Kiritimati')).toBe('31/12/2027');
    expect(formatDate('2027-12-31', 'en', 'Europe/Paris')).toBe('31/12/2027');
    expect(formatDate('2026-11-25T23:30:00Z', 'fr', 'Europe/Paris')).toBe('26/11/2026');
  });

  it('compares calendar days in the zone', () => {
    const a = new Date('2026-11-25T23:30:00Z'); // 00:30 on the 26th in Paris
    expect(sameDay(a, new Date('2026-11-25T12:00:00Z'), 'Europe/Paris')).toBe(false);
    expect(sameDay(a, new Date('2026-11-26T12:00:00Z'), 'Europe/Paris')).toBe(true);
  });
});
