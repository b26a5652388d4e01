import { describe, expect, it } from 'vitest';
import { createConnectivityMonitor } from './connectivity';
import { startProber } from './prober';
import type { Timers } from './timers';

/** Timers that only fire when the test says so. */
function manualTimers() {
  const pending: { fn: () => void; ms: number; cancelled: boolean }[] = [];
  const timers: Timers = {
    sleep: async () => {},
    schedule(fn, ms) {
      const entry = { fn, ms, cancelled: false };
      pending.push(entry);
      return () => (entry.cancelled = true);
    },
  };
  const live = () => pending.filter((p) => !p.cancelled);
  return { timers, live };
}

describe('health prober', () => {
  it('probes at once, then at the interval of the current state', async () => {
    const monitor = createConnectivityMonitor({ clock: { now: () => new Date(0) } });
    const { timers, live } = manualTimers();
    let probes = 0;
    const prober = startProber({
      probe: async () => {
        probes += 1;
      },
      monitor,
      timers,
      intervals: { online: 30_000, degraded: 5_000, offline: 1_000 },
    });
    await prober.probeNow();
    expect(probes).toBe(1);
    expect(live().map((p) => p.ms)).toEqual([30_000]);

    monitor.record('unreachable');
    monitor.record('unreachable');
    expect(live().map((p) => p.ms)).toEqual([1_000]);
    live()[0]!.fn();
    await prober.probeNow();
    expect(probes).toBe(2);
    expect(live().map((p) => p.ms)).toEqual([1_000]);

    prober.stop();
    expect(live()).toEqual([]);
  });
});
