/**
 * Dates and times as the student reads them: in the institution's time zone (the kiosk's own
 * zone may differ, e.g. a machine left in UTC), in each language's own typography.
 */
import type { Lang } from '../i18n/i18n.svelte';

/** A no-break space: "18 h 55" and "1 December 2026" never break across two lines. */
const NBSP = '\u00a0';

/** The hour and minute of an instant in the zone, as numbers ("09" is 9). */
function clock(iso: string, timeZone: string): { hour: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const part = (type: 'hour' | 'minute') => Number(parts.find((p) => p.type === type)?.value);
  return { hour: part('hour'), minute: part('minute') };
}

/** French typography "18 h 55" (and "9 h 05"); English "18:55" (24-hour, as the timetables). */
export function formatTime(iso: string, lang: Lang, timeZone: string): string {
  const { hour, minute } = clock(iso, timeZone);
  const mm = String(minute).padStart(2, '0');
  return lang === 'fr' ? `${hour}${NBSP}h${NBSP}${mm}` : `${String(hour).padStart(2, '0')}:${mm}`;
}

/**
 * A calendar day as a student reads it in a sentence: French "8 juillet 2026" ("1er décembre
 * 2026" on the first), English "8 July 2026", the month spelt out in both (a numeric date reads
 * as a form's field, and "01/12/2026" is January 12th to many English readers). A plain date
 * ("2027-12-31") is a calendar day: it is read in UTC, not shifted.
 */
export function formatDate(isoOrDay: string, lang: Lang, timeZone: string): string {
  const plainDay = /^\d{4}-\d{2}-\d{2}$/.test(isoOrDay);
  const date = new Date(plainDay ? `${isoOrDay}T00:00:00Z` : isoOrDay);
  const parts = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    timeZone: plainDay ? 'UTC' : timeZone,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).formatToParts(date);
  const part = (type: 'day' | 'month' | 'year') => parts.find((p) => p.type === type)?.value ?? '';
  const day = lang === 'fr' && part('day') === '1' ? '1er' : part('day');
  return [day, part('month'), part('year')].join(NBSP);
}

/** How a sentence places an instant: sent at, locked since, possible from, valid until. */
export type WhenKind = 'at' | 'since' | 'from' | 'until';

/** Which day an instant falls on, seen from `now` in the time zone. */
export type RelativeDay = 'today' | 'tomorrow' | 'yesterday' | 'date';

export function relativeDay(iso: string, now: Date, timeZone: string): RelativeDay {
  const at = new Date(iso);
  const DAY = 86_400_000;
  if (sameDay(at, now, timeZone)) return 'today';
  if (sameDay(at, new Date(now.getTime() + DAY), timeZone)) return 'tomorrow';
  if (sameDay(at, new Date(now.getTime() - DAY), timeZone)) return 'yesterday';
  return 'date';
}

/** True when both instants fall on the same calendar day in the time zone. */
export function sameDay(a: Date, b: Date, timeZone: string): boolean {
  const day = (d: Date) => formatDate(d.toISOString(), 'fr', timeZone);
  return day(a) === day(b);
}
