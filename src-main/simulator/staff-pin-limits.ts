/**
 * How many wrong staff PINs the API takes, and how long a kiosk then waits: one rule for the
 * simulator (staff-state.ts) and the server (src-server/postgres/staff.ts), which keep the same
 * failures (in memory, in PostgreSQL) and ask this module what they mean.
 *
 * Guessing is bounded per staff identifier per day, across kiosks; everything else is a delay
 * scoped to the kiosk that caused it, so one person at one kiosk slows that kiosk down but cannot
 * keep an agent out of the other kiosks, nor every agent out of this one for more than a minute.
 */

const DAY_MS = 24 * 3600_000;

/** The numbers of the rule. */
export const STAFF_PIN_LIMITS = {
  /** Wrong PINs in a row for one identifier at one kiosk before it waits there. */
  freeFailures: 3,
  /** The first wait at that kiosk; each further wrong PIN doubles it… */
  delayBaseSeconds: 30,
  /** …up to this: the right PIN works again at this kiosk at most this long after the last try. */
  delayCapSeconds: 300,
  /** Wrong PINs for one identifier from one kiosk over 24 hours: less than the daily bound. */
  kioskShare: 25,
  /** Wrong PINs for one identifier over 24 hours, all kiosks together: the bound on guessing. */
  dailyBound: 50,
  /** Wrong PINs from one kiosk, whoever they were for, taken without a wait over the window… */
  kioskFreeFailures: 20,
  kioskWindowSeconds: 600,
  /** …then 2, 4, 8… seconds after each further one, never more than a minute. */
  kioskDelayBaseSeconds: 2,
  kioskDelayCapSeconds: 60,
} as const;

/** How long wrong PINs are kept: the longest window of the rule. */
export const STAFF_PIN_MEMORY_MS = DAY_MS;

/** One wrong PIN for an identifier, as both stores keep it. */
export interface StaffPinFailure {
  deviceId: string;
  /** Epoch ms. */
  at: number;
  /** The right PIN was typed at this kiosk since: it no longer makes that kiosk wait. */
  settled: boolean;
}

const seconds = (ms: number) => Math.ceil(ms / 1000);
const doubling = (base: number, steps: number, cap: number) =>
  Math.min(cap, base * 2 ** Math.min(steps, 20));

/**
 * Seconds until `deviceId` may try a PIN for this identifier, or null when it may now.
 * `failures`: the identifier's wrong PINs at every kiosk, oldest first; `kioskFailures`: the
 * times of this kiosk's wrong PINs whoever they were for, oldest first.
 */
export function staffPinRetryAfter(
  failures: readonly StaffPinFailure[],
  kioskFailures: readonly number[],
  deviceId: string,
  now: number,
): number | null {
  const rule = STAFF_PIN_LIMITS;
  const frees: number[] = [];
  const day = failures.filter((f) => f.at > now - DAY_MS && f.at <= now);
  // A daily count frees a try when its oldest counted failure is a day old.
  const excess = day.length - rule.dailyBound;
  if (excess >= 0) frees.push((day[excess]?.at ?? now) + DAY_MS);
  const here = day.filter((f) => f.deviceId === deviceId);
  const excessHere = here.length - rule.kioskShare;
  if (excessHere >= 0) frees.push((here[excessHere]?.at ?? now) + DAY_MS);
  const streak = here.filter((f) => !f.settled);
  const last = streak.at(-1);
  if (last && streak.length >= rule.freeFailures) {
    const steps = streak.length - rule.freeFailures;
    frees.push(last.at + doubling(rule.delayBaseSeconds, steps, rule.delayCapSeconds) * 1000);
  }
  const recent = kioskFailures.filter((t) => t > now - rule.kioskWindowSeconds * 1000);
  const latest = recent.at(-1);
  if (latest !== undefined && recent.length >= rule.kioskFreeFailures) {
    const steps = recent.length - rule.kioskFreeFailures;
    frees.push(
      latest + doubling(rule.kioskDelayBaseSeconds, steps, rule.kioskDelayCapSeconds) * 1000,
    );
  }
  const wait = Math.max(now, ...frees) - now;
  return wait > 0 ? seconds(wait) : null;
}
