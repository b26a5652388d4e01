/**
 * Dates and times as the student reads them: in the institution's time zone (the kiosk's own
 * zone may differ, e.g. a machine left in UTC), day before month in both languages.
 */
import type { Lang } from '../i18n/i18n.svelte';

// en-GB, not en-US: "31/12/2027" reads the same in both languages and matches the ENT's pages.
const LOCALES: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };

/** "14:05" */
export function formatTime(iso: string, lang: Lang, timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALES[lang], {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

/** "31/12/2027". A plain date ("2027-12-31") is a calendar day: it is read in UTC, not shifted. */
export function formatDate(isoOrDay: string, lang: Lang, timeZone: string): string {
  const plainDay = /^\d{4}-\d{2}-\d{2}$/.test(isoOrDay);
  return new Intl.DateTimeFormat(LOCALES[lang], {
    timeZone: plainDay ? 'UTC' : timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(new Date(plainDay ? `${isoOrDay}T00:00:00Z` : isoOrDay));
}

/** True when both instants fall on the same calendar day in the time zone. */
export function sameDay(a: Date, b: Date, timeZone: string): boolean {
  const day = (d: Date) => formatDate(d.toISOString(), 'fr', timeZone);
  return day(a) === day(b);
}
