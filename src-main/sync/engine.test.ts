import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../app/logger';
import { createRecordKeys } from '../secrets/lookup-keys';
import type { DatasetStudent } from '../simulator/dataset';
import { DIRECTORY_CONTROL_ROUTES } from '../simulator/directory-controls';
import { manualClock, startSimulator, type Running } from '../simulator/test-helpers';
import { CACHE_MIGRATIONS } from '../store/cache-migrations';
import { openDatabase, type Db } from '../store/database';
import { createDirectorySyncStore } from '../store/directory-sync-store';
import { createSyncEngine, type SyncEngine } from './engine';
import { cacheRows, demoClient, expectedRows } from './test-helpers';

// The engine against the simulator over HTTP on 127.0.0.1, with the real API client and a real
// SQLite file; the keychain is not the subject here, so the HMAC key is made up per test.

const clock = manualClock('2026-11-25T10:00:00Z');
const keys = createRecordKeys(randomBytes(32));

function student(n: number, extra: Partial<DatasetStudent> = {}): DatasetStudent {
  return {
    studentNumber: String(21_000_000 + n),
    birthDate: `200${n % 10}-0${(n % 9) + 1}-1${n % 10}`,
    firstName: `Prénom${n}`,
    lastName: `Nom-${n}`,
    identifier: `student${n}`,
    enrollments: [
      { academicYear: '2026-2027', program: 'Licence Droit', validatedAt: '2026-09-01T08:00:00Z' },
    ],
    account: { status: 'not_activated', activatedAt: null, leavingYear: null },
    ...extra,
  };
}

let dir: string;
let sim: Running;
let db: Db;
let pageSize: number;

function engine(): SyncEngine {
  const api = demoClient(sim.url, clock);
  return createSyncEngine({
    fetchPage: api.directoryChanges,
    store: createDirectorySyncStore(db, clock.now),
    keys,
    clock,
    logger: silentLogger,
    pageSize,
  });
}

const synced = () => expectedRows(sim.simulator.state.dataset.students, keys);

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'guichet-engine-'));
  db = openDatabase(join(dir, 'cache.db'), { migrations: CACHE_MIGRATIONS, synchronous: 'NORMAL' });
  pageSize = 3;
  const students = Array.from({ length: 10 }, (_, i) => student(i));
  sim = await startSimulator({ students, staff: [] }, clock, { routes: DIRECTORY_CONTROL_ROUTES });
});
afterEach(async () => {
  await sim.simulator.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('sync engine', () => {
  it('fills an empty cache with a full sync, page by page', async () => {
    const result = await engine().run();
    expect(result).toEqual({
      ok: true,
      value: expect.objectContaining({ kind: 'full', pages: 4, records: 10, complete: true }),
    });
    expect(cacheRows(db, keys, sim.simulator.state.dataset.students)).toEqual(synced());
  });

  it('applies changes and tombstones as a delta', async () => {
    const sync = engine();
    await sync.run();
    const state = sim.simulator.state;
    state.putStudent(student(3, { firstName: 'Changé', birthDate: '1999-12-31' }));
    state.putStudent(student(42));
    state.removeStudent('student5');
    const result = await sync.run();
    expect(result).toEqual({
      ok: true,
      value: expect.objectContaining({ kind: 'delta', records: 2, tombstones: 1 }),
    });
    expect(cacheRows(db, keys, sim.simulator.state.dataset.students)).toEqual(synced());
  });

  it('rebuilds the cache from a full sync when the cursor expired', async () => {
    const sync = engine();
    await sync.run();
    sim.simulator.state.removeStudent('student1');
    sim.simulator.state.directory.expireCursors();
    const result = await sync.run();
    expect(result.ok && result.value).toMatchObject({ kind: 'full', afterExpiry: true });
    expect(cacheRows(db, keys, sim.simulator.state.dataset.students)).toEqual(synced());
  });

  it('stops at a page boundary and resumes the full sync where it was', async () => {
    pageSize = 1;
    const sync = engine();
    const running = sync.run();
    await sync.stop();
    const first = await running;
    expect(first.ok && first.value.complete).toBe(false);
    const store = createDirectorySyncStore(db, clock.now);
    expect(store.state().shadow).not.toBeNull();
    // Nothing is visible until the swap.
    expect(store.size()).toBe(0);
    const second = await engine().run();
    expect(second.ok && second.value).toMatchObject({ kind: 'full', complete: true });
    expect((second.ok && second.value.pages) || 0).toBeLessThan(10);
    expect(cacheRows(db, keys, sim.simulator.state.dataset.students)).toEqual(synced());
  });

  it('gives one run to callers that ask while it is in progress', async () => {
    const sync = engine();
    const [a, b] = [sync.run(), sync.run()];
    expect(await a).toBe(await b);
  });

  it('reports an outage and keeps the last good cursor', async () => {
    const sync = engine();
    await sync.run();
    const before = createDirectorySyncStore(db, clock.now).state();
    await sim.simulator.close();
    const result = await sync.run();
    expect(result.ok ? null : result.error.code).toMatch(/^(network|unavailable|timeout)$/);
    expect(createDirectorySyncStore(db, clock.now).state()).toEqual(before);
    expect(cacheRows(db, keys, sim.simulator.state.dataset.students)).toEqual(synced());
  });
});
