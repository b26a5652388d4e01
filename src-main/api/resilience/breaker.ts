/** A circuit breaker in front of the central API: fail fast while it is down. */
import type { Clock } from '../../core/ports';

export type BreakerState = 'closed' | 'open' | 'half_open';

export interface BreakerOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** How long the circuit stays open before one trial call is let through. */
  cooldownMs: number;
  clock: Clock;
}

export interface Breaker {
  /** May a call go out now? In half-open state, only one trial at a time. */
  allow(): boolean;
  success(): void;
  failure(): void;
  state(): BreakerState;
  /** Called on every change of state. Returns the unsubscribe function. */
  onChange(listener: (state: BreakerState) => void): () => void;
}

/**
 * closed → (N consecutive failures) → open → (cooldown) → half-open → one trial:
 * success closes the circuit, failure opens it again for another cooldown. While open, callers
 * get an answer at once instead of waiting for timeouts a dead API would make them sit through.
 */
export function createBreaker(options: BreakerOptions): Breaker {
  let state: BreakerState = 'closed';
  let failures = 0;
  let openedAt = 0;
  let trialInFlight = false;
  const listeners = new Set<(state: BreakerState) => void>();

  function move(next: BreakerState) {
    if (next === state) return;
    state = next;
    for (const listener of listeners) listener(state);
  }

  function open() {
    openedAt = options.clock.now().getTime();
    trialInFlight = false;
    move('open');
  }

  return {
    allow() {
      if (state === 'closed') return true;
      if (state === 'open') {
        if (options.clock.now().getTime() - openedAt < options.cooldownMs) return false;
        move('half_open');
      }
      if (trialInFlight) return false;
      trialInFlight = true;
      return true;
    },
    success() {
      failures = 0;
      trialInFlight = false;
      move('closed');
    },
    failure() {
      failures += 1;
      if (state === 'half_open' || (state === 'closed' && failures >= options.failureThreshold)) {
        open();
      }
    },
    state: () => state,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
