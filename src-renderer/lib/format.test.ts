import { describe, expect, it } from 'vitest';
import { formatDate, formatTime, relativeDay, sameDay } from './format';

/** Spaces written as the kiosk writes them: no-break, so a time or a date never wraps. */
const nb = (text: string) => text.replace(/ /g, '\u00a0');

describe('format', () => {
  it('shows times in the institution’s zone, whatever the machine’s', () => {
    expect(formatTime('2026-11-25T17:55:00Z', 'fr', 'Europe/Paris')).toBe(nb('18 h 55'));
    expect(formatTime('2026-07-01T08:50:00Z', 'en', 'Europe/Paris')).toBe('10:50');
  });

  it('writes French times as "18 h 55", the hour without a leading zero', () => {
    expect(formatTime('2026-11-25T08:05:00Z', 'fr', 'Europe/Paris')).toBe(nb('9 h 05'));
    expect(formatTime('2026-11-25T23:00:00Z', 'fr', 'Europe/Paris')).toBe(nb('0 h 00'));
    expect(formatTime('2026-11-25T08:05:00Z', 'en', 'Europe/Paris')).toBe('09:05');
  });

  it('writes English dates with the month’s name, so they cannot be misread', () => {
    expect(formatDate('2026-12-01', 'en', 'Europe/Paris')).toBe(nb('1 December 2026'));
    expect(formatDate('2027-12-31', 'en', 'Pacific/Kiritimati')).toBe(nb('31 December 2027'));
  });

  it('writes French dates as a sentence does ("8 juillet 2026", "1er"); a plain date is not shifted', () => {
    expect(formatDate('2027-12-31', 'fr', 'Pacific/Kiritimati')).toBe(nb('31 décembre 2027'));
    expect(formatDate('2026-11-25T23:30:00Z', 'fr', 'Europe/Paris')).toBe(nb('26 novembre 2026'));
    expect(formatDate('2026-07-08T08:30:00Z', 'fr', 'Europe/Paris')).toBe(nb('8 juillet 2026'));
    expect(formatDate('2026-12-01', 'fr', 'Europe/Paris')).toBe(nb('1er décembre 2026'));
    // Not "08/07/2026": a numeric date reads as a form's field, not as a sentence.
    for (const lang of ['fr', 'en'] as const)
      expect(formatDate('2026-07-08', lang, 'Europe/Paris')).not.toMatch(/\d\/\d/);
  });

  it('says today, tomorrow or yesterday from the zone’s calendar', () => {
    const now = new Date('2026-11-25T22:30:00Z'); // 23:30 on the 25th in Paris
    expect(relativeDay('2026-11-25T06:00:00Z', now, 'Europe/Paris')).toBe('today');
    expect(relativeDay('2026-11-25T23:30:00Z', now, 'Europe/Paris')).toBe('tomorrow');
    expect(relativeDay('2026-11-24T12:00:00Z', now, 'Europe/Paris')).toBe('yesterday');
    expect(relativeDay('2026-11-27T12:00:00Z', now, 'Europe/Paris')).toBe('date');
  });

  it('compares calendar days in the zone', () => {
    const a = new Date('2026-11-25T23:30:00Z'); // 00:30 on the 26th in Paris
    expect(sameDay(a, new Date('2026-11-25T12:00:00Z'), 'Europe/Paris')).toBe(false);
    expect(sameDay(a, new Date('2026-11-26T12:00:00Z'), 'Europe/Paris')).toBe(true);
  });
});
