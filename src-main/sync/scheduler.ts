/**
 * When the directory sync runs: once at start, then every `intervalSeconds` (the institution
 * profile's `sync.intervalSeconds`), and on demand. Runs never overlap; a failed run is tried
 * again sooner than the interval.
 */
import type { Clock } from '../core/ports';
import type { AppError, Result } from '../core/result';
import type { SyncEngine, SyncReport } from './engine';

/** Timers, injected so that tests fire them by hand. */
export interface Timers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/** Node's timers, unref'd: a pending sync never keeps the process alive. */
export const systemTimers: Timers = {
  set(run, ms) {
    const handle = setTimeout(run, ms);
    handle.unref();
    return handle;
  },
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** The scheduler's collaborators and timing. */
export interface SchedulerOptions {
  engine: SyncEngine;
  intervalSeconds: number;
  /** After a failed run; never later than the interval. */
  retrySeconds?: number;
  timers?: Timers;
  /** In [0, 1); spreads the kiosks of a campus over ±10 % of the interval. */
  random?: () => number;
  clock: Clock;
}

/** For a status display (staff mode): is a sync running, and how did the last one end. */
export interface SyncStatus {
  running: boolean;
  /** The last finished run: its report, or its error code. */
  last: { at: Date; report: SyncReport | null; error: AppError['code'] | null } | null;
  /** When a run last succeeded, scheduled or asked for (diagnostics' last sync). */
  lastSuccessAt: Date | null;
}

/** The sync as the kiosk drives it. */
export interface SyncScheduler {
  /** Runs a first sync now and keeps the schedule from then on. */
  start(): void;
  /** Runs a sync now (or joins the one running) and restarts the schedule after it. */
  syncNow(): Promise<Result<SyncReport, AppError>>;
  status(): SyncStatus;
  /** Cancels the schedule and waits for a running sync to stop at a page boundary. */
  stop(): Promise<void>;
}

const DEFAULT_RETRY_SECONDS = 60;

/** Creates a scheduler; nothing runs until `start` or `syncNow`. */
export function createSyncScheduler(options: SchedulerOptions): SyncScheduler {
  const timers = options.timers ?? systemTimers;
  const random = options.random ?? Math.random;
  const retryMs = Math.min(options.retrySeconds ?? DEFAULT_RETRY_SECONDS, options.intervalSeconds);
  let handle: unknown = null;
  let stopped = false;
  /** Set by `stop`: the cache is about to close, so no run may start any more. */
  let closed = false;
  let running = false;
  let last: SyncStatus['last'] = null;
  let lastSuccessAt: Date | null = null;

  function schedule(ms: number) {
    if (stopped) return;
    if (handle !== null) timers.clear(handle);
    handle = timers.set(() => {
      handle = null;
      void syncNow();
    }, ms);
  }

  async function syncNow(): Promise<Result<SyncReport, AppError>> {
    if (closed) return { ok: false, error: { code: 'unavailable' } };
    running = true;
    const result = await options.engine.run();
    running = false;
    if (result.ok) lastSuccessAt = options.clock.now();
    last = {
      at: options.clock.now(),
      report: result.ok ? result.value : null,
      error: result.ok ? null : result.error.code,
    };
    const jitter = 0.9 + random() * 0.2;
    schedule(result.ok ? options.intervalSeconds * 1000 * jitter : retryMs * 1000);
    return result;
  }

  return {
    start() {
      stopped = false;
      void syncNow();
    },
    syncNow,
    status: () => ({ running, last, lastSuccessAt }),
    async stop() {
      stopped = true;
      closed = true;
      if (handle !== null) timers.clear(handle);
      handle = null;
      await options.engine.stop();
    },
  };
}
