/**
 * Main's open journeys, in memory only: what a student's later calls need (identifier, names,
 * birth date for the password policy, a student session), forgotten at `journey.end`, after a
 * time-to-live without use, and when too many are open.
 */
import { randomBytes } from 'node:crypto';
import type { Journey, JourneyData, JourneyStore } from '../core/journey-ports';
import type { Clock } from '../core/ports';
import { DEFAULT_AWAITING_CODE_IDLE, type InstitutionProfile } from '../core/profile';

export interface JourneyStoreOptions {
  clock: Clock;
  /** A journey unused for this long is forgotten (the renderer resets on idle well before). */
  ttlSeconds: number;
  /** A kiosk serves one student at a time; a few more cover journeys the renderer never ended. */
  maxOpen?: number;
}

export const DEFAULT_MAX_OPEN_JOURNEYS = 8;

interface Entry {
  journey: Journey;
  lastUsed: number;
}

/**
 * The journey time-to-live for a profile: twice the longest idle reset (the code steps' longer
 * allowance included), so a journey outlives its screen.
 */
export function journeyTtlSeconds(profile: Pick<InstitutionProfile, 'idle'>): number {
  const { resetAfterSeconds, awaitingCode = DEFAULT_AWAITING_CODE_IDLE } = profile.idle;
  return Math.max(resetAfterSeconds, awaitingCode.resetAfterSeconds) * 2;
}

/** Creates the store; ids are 128 random bits, so a renderer cannot guess another journey's. */
export function createJourneyStore(options: JourneyStoreOptions): JourneyStore & {
  size(): number;
} {
  const maxOpen = options.maxOpen ?? DEFAULT_MAX_OPEN_JOURNEYS;
  const ttlMs = options.ttlSeconds * 1000;
  // A Map keeps insertion order, and `get` re-inserts: the first entry is the least recently used.
  const entries = new Map<string, Entry>();

  function forgetExpired(now: number) {
    for (const [id, entry] of entries) if (now - entry.lastUsed >= ttlMs) entries.delete(id);
  }

  return {
    open(data: JourneyData): Journey {
      const now = options.clock.now().getTime();
      forgetExpired(now);
      while (entries.size >= maxOpen) {
        const oldest = entries.keys().next();
        if (oldest.done) break;
        entries.delete(oldest.value);
      }
      const journey: Journey = Object.freeze({
        ...data,
        journeyId: randomBytes(16).toString('base64url'),
      });
      entries.set(journey.journeyId, { journey, lastUsed: now });
      return journey;
    },
    get(journeyId) {
      const now = options.clock.now().getTime();
      forgetExpired(now);
      const entry = entries.get(journeyId);
      if (!entry) return null;
      entries.delete(journeyId);
      entries.set(journeyId, { journey: entry.journey, lastUsed: now });
      return entry.journey;
    },
    end(journeyId) {
      entries.delete(journeyId);
    },
    size: () => entries.size,
  };
}
