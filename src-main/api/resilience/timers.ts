/** Time that passes, injected: tests drive sleeps and schedules without waiting for real. */

export interface Timers {
  /** Resolves after `ms`, or at once if `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Calls `fn` after `ms`; returns the cancel function. The timer never keeps Node alive. */
  schedule(fn: () => void, ms: number): () => void;
}

/** Real timers. */
export const realTimers: Timers = {
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    }),
  schedule(fn, ms) {
    const timer = setTimeout(fn, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
};
