import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../app/logger';
import { createRecordKeys } from '../secrets/lookup-keys';
import { manualClock, startSimulator, type Running } from '../simulator/test-helpers';
import { CACHE_MIGRATIONS } from '../store/cache-migrations';
import { openDatabase, type Db } from '../store/database';
import { createDirectorySync } from './directory-sync';
import type { Timers } from './scheduler';
import { demoClient } from './test-helpers';

// The scheduler drives the real engine against the simulator; only the timers are by hand.

function handTimers(): Timers & { pending: { run: () => void; ms: number }[] } {
  const pending: { run: () => void; ms: number }[] = [];
  return {
    pending,
    set(run, ms) {
      const timer = { run, ms };
      pending.push(timer);
      return timer;
    },
    clear(handle) {
      const i = pending.indexOf(handle as (typeof pending)[number]);
      if (i >= 0) pending.splice(i, 1);
    },
  };
}

const clock = manualClock('2026-11-25T10:00:00Z');
let dir: string;
let db: Db;
let sim: Running;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'guichet-scheduler-'));
  db = openDatabase(join(dir, 'cache.db'), { migrations: CACHE_MIGRATIONS, synchronous: 'NORMAL' });
  sim = await startSimulator({ students: [], staff: [] }, clock);
});
afterEach(async () => {
  await sim.simulator.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function scheduler(timers: Timers) {
  return createDirectorySync({
    api: demoClient(sim.url, clock),
    cacheDb: db,
    keys: createRecordKeys(randomBytes(32)),
    profile: { sync: { intervalSeconds: 600 } },
    clock,
    logger: silentLogger,
    timers,
  });
}

describe('sync scheduler', () => {
  it('syncs on demand, then every interval (±10 %), and stops cleanly', async () => {
    const timers = handTimers();
    const sync = scheduler(timers);
    expect(sync.status()).toEqual({ running: false, last: null, lastSuccessAt: null });
    const result = await sync.syncNow();
    expect(result.ok).toBe(true);
    expect(sync.status().last).toMatchObject({ report: { kind: 'full' }, error: null });
    expect(timers.pending).toHaveLength(1);
    expect(timers.pending[0]!.ms).toBeGreaterThanOrEqual(540_000);
    expect(timers.pending[0]!.ms).toBeLessThanOrEqual(660_000);
    // On demand again: the schedule restarts from this run, it does not pile up.
    await sync.syncNow();
    expect(timers.pending).toHaveLength(1);
    await sync.stop();
    expect(timers.pending).toHaveLength(0);
    // Once stopped, the cache may be closing: an on-demand sync is refused.
    expect(await sync.syncNow()).toEqual({ ok: false, error: { code: 'unavailable' } });
  });

  it('tries again sooner after a failure', async () => {
    const timers = handTimers();
    const sync = scheduler(timers);
    await sim.simulator.close();
    const result = await sync.syncNow();
    expect(result.ok).toBe(false);
    expect(sync.status().last?.error).toMatch(/^(network|unavailable|timeout)$/);
    // A failed run is no sync: diagnostics keep saying when the cache was last brought up to date.
    expect(sync.status().lastSuccessAt).toBeNull();
    expect(timers.pending.map((t) => t.ms)).toEqual([60_000]);
    await sync.stop();
  });

  it('runs when its timer fires', async () => {
    const timers = handTimers();
    const sync = scheduler(timers);
    await sync.syncNow();
    const fired = timers.pending.shift()!;
    fired.run();
    await sync.stop();
    expect(sync.status().last?.report?.kind).toBe('delta');
    // A scheduled run counts as a sync, like one asked for.
    expect(sync.status().lastSuccessAt).toEqual(sync.status().last?.at);
  });
});
