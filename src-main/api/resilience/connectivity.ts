/** The kiosk's view of the central API's reachability, derived from what its calls meet. */
import type { ConnectivityState, ConnectivityStatus } from '../../core/connectivity';
import type { Clock } from '../../core/ports';
import type { BreakerState } from './breaker';

/**
 * What one exchange with the API met: an answer (`ok`, even a refusal), an answer that took
 * too long (`slow`), a request to wait (`limited`: 429), a server that answered badly
 * (`failed`: 5xx, malformed body), or nobody at all (`unreachable`: connection refused or
 * reset, timeout).
 */
export type Outcome = 'ok' | 'slow' | 'limited' | 'failed' | 'unreachable';

export interface ConnectivityOptions {
  clock: Clock;
  /** Consecutive `unreachable` outcomes that mean offline (the breaker opening also does). */
  offlineAfter?: number;
  /** How many recent outcomes are looked at: any trouble among them means degraded. */
  window?: number;
}

export interface ConnectivityMonitor {
  record(outcome: Outcome): void;
  /** Told by the breaker: open means offline whatever the last outcomes were. */
  breaker(state: BreakerState): void;
  current(): ConnectivityStatus;
  /** Called on every change of state. Returns the unsubscribe function. */
  subscribe(listener: (status: ConnectivityStatus) => void): () => void;
}

/** Derives online / degraded / offline from recent outcomes and the breaker. */
export function deriveState(
  recent: readonly Outcome[],
  breaker: BreakerState,
  offlineAfter: number,
): ConnectivityState {
  if (breaker === 'open') return 'offline';
  let unreachable = 0;
  for (let i = recent.length - 1; i >= 0 && recent[i] === 'unreachable'; i -= 1) unreachable += 1;
  if (unreachable >= offlineAfter) return 'offline';
  if (breaker === 'half_open' || recent.some((o) => o !== 'ok')) return 'degraded';
  return 'online';
}

/** Keeps the last outcomes and tells subscribers when the derived state changes. */
export function createConnectivityMonitor(options: ConnectivityOptions): ConnectivityMonitor {
  const offlineAfter = options.offlineAfter ?? 2;
  const size = options.window ?? 3;
  const recent: Outcome[] = [];
  let breakerState: BreakerState = 'closed';
  // Optimistic at start: the first health probe corrects it within moments.
  let status: ConnectivityStatus = { state: 'online', since: options.clock.now().toISOString() };
  const listeners = new Set<(status: ConnectivityStatus) => void>();

  function update() {
    const state = deriveState(recent, breakerState, offlineAfter);
    if (state === status.state) return;
    status = { state, since: options.clock.now().toISOString() };
    for (const listener of listeners) listener(status);
  }

  return {
    record(outcome) {
      recent.push(outcome);
      if (recent.length > size) recent.shift();
      update();
    },
    breaker(state) {
      breakerState = state;
      update();
    },
    current: () => status,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
