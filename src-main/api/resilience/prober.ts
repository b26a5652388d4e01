/** Periodic health probes, more frequent while the API is in trouble. */
import type { ConnectivityState } from '../../core/connectivity';
import type { ConnectivityMonitor } from './connectivity';
import type { Timers } from './timers';

export interface ProberOptions {
  /** One GET /v1/health; its outcome reaches the monitor through the transport. */
  probe: () => Promise<unknown>;
  monitor: ConnectivityMonitor;
  timers: Timers;
  /** Milliseconds between probes in each state. */
  intervals?: Partial<Record<ConnectivityState, number>>;
}

export const DEFAULT_PROBE_INTERVALS: Record<ConnectivityState, number> = {
  online: 30_000,
  degraded: 5_000,
  offline: 5_000,
};

/**
 * Probes at once, then after each probe waits the interval of the state the kiosk is then in;
 * a change of state reschedules, so that recovery is noticed within one short interval.
 */
export function startProber(options: ProberOptions): { stop(): void; probeNow(): Promise<void> } {
  const intervals = { ...DEFAULT_PROBE_INTERVALS, ...options.intervals };
  let cancel: (() => void) | null = null;
  let stopped = false;
  let running: Promise<void> | null = null;

  function plan() {
    cancel?.();
    if (stopped) return;
    cancel = options.timers.schedule(
      () => void probeNow(),
      intervals[options.monitor.current().state],
    );
  }

  function probeNow(): Promise<void> {
    running ??= options
      .probe()
      .catch(() => undefined)
      .then(() => {
        running = null;
        plan();
      });
    return running;
  }

  const unsubscribe = options.monitor.subscribe(() => {
    if (running === null) plan();
  });
  void probeNow();
  return {
    stop() {
      stopped = true;
      unsubscribe();
      cancel?.();
    },
    probeNow,
  };
}
