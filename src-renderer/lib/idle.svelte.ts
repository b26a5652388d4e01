/**
 * Inactivity at the kiosk. While armed, every touch or key press restarts the count; after
 * `warnAfterSeconds` without one the kiosk asks "Are you still there?" with a countdown, and at
 * `resetAfterSeconds` it gives up: `onExpire` wipes the journey. Only an explicit answer closes the
 * question (a stray touch behind the dialog must not silently keep someone else's data on screen).
 */
import type { IdleTimings } from './demo-options';

export interface IdleDeps {
  /** Fixed, or read at each tick: a step may allow more time (the code steps, issue 9). */
  timings: IdleTimings | (() => IdleTimings);
  onExpire: () => void;
  /** Milliseconds, injected so that tests drive the time. */
  now?: () => number;
  setInterval?: (tick: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}

// Four ticks a second: the countdown's seconds change on time without a busy loop.
const TICK_MS = 250;

export class IdleWatch {
  /** Seconds left before the wipe while the question is shown; null otherwise. */
  secondsLeft = $state<number | null>(null);

  readonly #deps: Required<IdleDeps>;
  #lastActivity = 0;
  #handle: unknown = null;

  constructor(deps: IdleDeps) {
    this.#deps = {
      now: () => Date.now(),
      setInterval: (tick, ms) => setInterval(tick, ms),
      clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
      ...deps,
    };
  }

  get armed(): boolean {
    return this.#handle !== null;
  }

  get warning(): boolean {
    return this.secondsLeft !== null;
  }

  /** Starts (or restarts) counting: something on screen is worth wiping. */
  arm(): void {
    this.#lastActivity = this.#deps.now();
    if (this.#handle === null) this.#handle = this.#deps.setInterval(() => this.tick(), TICK_MS);
  }

  /** Stops counting and hides the question: nothing left to wipe. */
  disarm(): void {
    if (this.#handle !== null) this.#deps.clearInterval(this.#handle);
    this.#handle = null;
    this.secondsLeft = null;
  }

  /** A touch, a key press or a scan. Ignored while the question is shown (see above). */
  activity(): void {
    if (this.armed && !this.warning) this.#lastActivity = this.#deps.now();
  }

  /** "I am still here": closes the question and starts counting again. */
  stillHere(): void {
    this.secondsLeft = null;
    this.#lastActivity = this.#deps.now();
  }

  /** Checks the time; public so that tests can tick without timers. */
  tick(): void {
    if (!this.armed) return;
    const { timings } = this.#deps;
    const { warnAfterSeconds, resetAfterSeconds } =
      typeof timings === 'function' ? timings() : timings;
    const idleMs = this.#deps.now() - this.#lastActivity;
    if (idleMs >= resetAfterSeconds * 1000) {
      this.disarm();
      this.#deps.onExpire();
    } else if (idleMs >= warnAfterSeconds * 1000) {
      this.secondsLeft = Math.ceil((resetAfterSeconds * 1000 - idleMs) / 1000);
    }
  }
}
