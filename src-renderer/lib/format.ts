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
 * French "31/12/2027", as the institution's pages write it; English "31 December 2027", since
 * "01/12/2026" reads as January 12th to many English readers. A plain date ("2027-12-31") is a
 * calendar day: it is read in UTC, not shifted.
 */
export function formatDate(isoOrDay: string, lang: Lang, timeZone: string): string {
  const plainDay = /^\d{4}-\d{2}-\d{2}$/.test(isoOrDay);
  const date = new Date(plainDay ? `${isoOrDay}T00:00:00Z` : isoOrDay);
  const zone = plainDay ? 'UTC' : timeZone;
  if (lang === 'fr') {
    return new Intl.DateTimeFormat('fr-FR', {
      timeZone: zone,
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
    }).format(date);
  }
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  })
    .format(date)
    .replace(/ /g, NBSP);
}

/** True when both instants fall on the same calendar day in the time zone. */
export function sameDay(a: Date, b: Date, timeZone: string): boolean {
  const day = (d: Date) => formatDate(d.toISOString(), 'fr', timeZone);
  return day(a) === day(b);
}
