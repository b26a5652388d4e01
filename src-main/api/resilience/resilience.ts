/** The breaker, the connectivity monitor and the retry policy one kiosk's transports share. */
import type { Clock } from '../../core/ports';
import type { BackoffPolicy } from './backoff';
import { createBreaker, type Breaker } from './breaker';
import { createConnectivityMonitor, type ConnectivityMonitor, type Outcome } from './connectivity';

export interface RetryPolicy extends BackoffPolicy {
  /** Attempts of one call, the first included. */
  maxAttempts: number;
  /** Default total time of a call, attempts and waits included. */
  budgetMs: number;
  /** An answer slower than this counts as trouble (degraded) though it succeeded. */
  slowMs: number;
}

/** Short: a student is waiting; the outbox retries durably for longer. */
export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 3,
  baseMs: 250,
  capMs: 4_000,
  budgetMs: 10_000,
  slowMs: 4_000,
};

export interface Resilience {
  breaker: Breaker;
  monitor: ConnectivityMonitor;
  retry: RetryPolicy;
  /**
   * Feeds one attempt's outcome to the breaker and the monitor; `elapsedMs` is how long the API
   * took to answer, when it answered at all (diagnostics' last latency).
   */
  record(outcome: Outcome, elapsedMs?: number): void;
  /** How long the last answer of the API took, whichever transport asked; null before one. */
  lastLatencyMs(): number | null;
}

export interface ResilienceOptions {
  clock: Clock;
  failureThreshold?: number;
  cooldownMs?: number;
  retry?: Partial<RetryPolicy>;
  offlineAfter?: number;
  window?: number;
}

/** Wires a breaker to a connectivity monitor: the circuit opening means offline. */
export function createResilience(options: ResilienceOptions): Resilience {
  const breaker = createBreaker({
    clock: options.clock,
    failureThreshold: options.failureThreshold ?? 4,
    cooldownMs: options.cooldownMs ?? 10_000,
  });
  const monitor = createConnectivityMonitor({
    clock: options.clock,
    offlineAfter: options.offlineAfter,
    window: options.window,
  });
  breaker.onChange((state) => monitor.breaker(state));
  let lastLatencyMs: number | null = null;
  return {
    breaker,
    monitor,
    retry: { ...DEFAULT_RETRY, ...options.retry },
    lastLatencyMs: () => lastLatencyMs,
    record(outcome, elapsedMs) {
      // Nobody answered: there is no latency to report, the last answer's still stands.
      if (elapsedMs !== undefined && outcome !== 'unreachable') lastLatencyMs = elapsedMs;
      // 429 and slow answers come from a live server: they never open the circuit.
      if (outcome === 'unreachable' || outcome === 'failed') breaker.failure();
      else breaker.success();
      monitor.record(outcome);
    },
  };
}
