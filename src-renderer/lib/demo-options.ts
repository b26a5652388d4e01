/**
 * Options a trainer (or an end-to-end test) may pass in the page's query string, honoured in demo
 * mode only: a live kiosk's timings come from the institution profile and nothing else.
 *
 *   ?idle=<warnAfterSeconds>,<resetAfterSeconds>   e.g. ?idle=2,4
 */
import type { InstitutionProfile } from '../../src-main/core/profile';

export type IdleTimings = InstitutionProfile['idle'];

/** The idle timings to use: the profile's, or the query's in demo mode when well formed. */
export function idleTimings(
  profile: IdleTimings,
  mode: 'demo' | 'live',
  search: string,
): IdleTimings {
  if (mode !== 'demo') return profile;
  const raw = new URLSearchParams(search).get('idle');
  const match = raw === null ? null : /^(\d{1,4}(?:\.\d+)?),(\d{1,4}(?:\.\d+)?)$/.exec(raw);
  if (!match) return profile;
  const warnAfterSeconds = Number(match[1]);
  const resetAfterSeconds = Number(match[2]);
  if (warnAfterSeconds <= 0 || resetAfterSeconds <= warnAfterSeconds) return profile;
  return { warnAfterSeconds, resetAfterSeconds };
}
