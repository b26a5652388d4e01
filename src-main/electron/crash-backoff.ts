/** Reload policy after a renderer crash. */
export interface ReloadBackoffOptions {
  /** Crashes tolerated within `windowMs`; one more and the shell gives up. */
  maxCrashes: number;
  windowMs: number;
  /** Delay before the first reload; doubles with each crash still in the window. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RELOAD_BACKOFF: ReloadBackoffOptions = {
  maxCrashes: 5,
  windowMs: 5 * 60_000,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
};

/** Decides, for each crash, how long to wait before reloading, or null to stop trying. */
export interface ReloadBackoff {
  next(nowMs: number): number | null;
}

/**
 * A crash loop (a page that crashes as soon as it loads) must not spin the CPU forever: the delay
 * grows with recent crashes, and past the limit the caller exits so that the kiosk's supervisor
 * restarts the whole app.
 */
export function createReloadBackoff(
  options: ReloadBackoffOptions = DEFAULT_RELOAD_BACKOFF,
): ReloadBackoff {
  let crashes: number[] = [];
  return {
    next(nowMs) {
      crashes = crashes.filter((at) => nowMs - at < options.windowMs);
      crashes.push(nowMs);
      if (crashes.length > options.maxCrashes) return null;
      return Math.min(options.baseDelayMs * 2 ** (crashes.length - 1), options.maxDelayMs);
    },
  };
}
