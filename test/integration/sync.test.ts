import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Kiosk } from '../../src-main/app/kiosk';
import { createLogger, silentLogger } from '../../src-main/app/logger';
import { createKeytarStore } from '../../src-main/secrets/keytar-store';
import { createRecordKeys, loadOrCreateLookupKey } from '../../src-main/secrets/lookup-keys';
import { DIRECTORY_CONTROL_PATHS } from '../../src-main/simulator/directory-controls';
import { openDatabase } from '../../src-main/store/database';
import { openCacheDatabase } from '../../src-main/store/directory-open';
import { createDirectorySyncStore } from '../../src-main/store/directory-sync-store';
import { createAuditLog } from '../../src-main/store/journal';
import { JOURNAL_MIGRATIONS } from '../../src-main/store/journal-migrations';
import { testAuditKey } from '../support/audit-key';
import { createLockout } from '../../src-main/core/lockout';
import { createLockoutStore } from '../../src-main/store/lockout-store';
import { createSyncEngine } from '../../src-main/sync/engine';
import { cacheRows, expectedRows } from '../../src-main/sync/test-helpers';
import { createApiClient } from '../../src-main/api/client';
import { startLiveKiosk, startSyncSimulator, SYNC_DEVICE } from '../support/sync-kiosk';
import { tempFolder } from '../support/tmp';

// The directory sync on real parts: the simulator over HTTP on 127.0.0.1, the kiosk's SQLite
// files in a temp folder, the HMAC key in the real keychain (scripts/with-keyring.sh).

let folder: ReturnType<typeof tempFolder>;
let service: string;
let sim: Awaited<ReturnType<typeof startSyncSimulator>> | null;
let kiosk: Kiosk | null;

beforeEach(() => {
  folder = tempFolder('guichet-sync-it-');
  service = `guichet-sync-it-${process.pid}-${Date.now()}`;
  sim = null;
  kiosk = null;
});
afterEach(async () => {
  await kiosk?.close();
  await sim?.simulator.close();
  folder.remove();
});

const dataDir = () => join(folder.path, 'data');
const identify = (studentNumber: string, birthDate: string) =>
  kiosk!.dispatch('student.identify', { studentNumber, birthDate });
const keys = async () => createRecordKeys(await loadOrCreateLookupKey(createKeytarStore(service)));

async function goOffline() {
  await sim!.simulator.close();
}

describe('directory sync of a live kiosk', () => {
  it('syncs at start; a student never identified here is then found offline', async () => {
    sim = await startSyncSimulator();
    kiosk = await startLiveKiosk(sim.url, dataDir(), service);
    const result = await kiosk.syncNow();
    expect(result.ok).toBe(true);
    await goOffline();
    expect(await identify('22004567', '31121999')).toEqual({
      ok: true,
      value: expect.objectContaining({ identifier: 'nmai', source: 'cache' }),
    });
  });

  it('applies changes and tombstones as a delta', async () => {
    sim = await startSyncSimulator();
    kiosk = await startLiveKiosk(sim.url, dataDir(), service);
    await kiosk.syncNow();
    const newcomer = {
      ...sim.simulator.state.studentByIdentifier('nmai')!,
      studentNumber: '24007777',
      birthDate: '2005-06-07',
      identifier: 'newcomer',
      firstName: 'Ana',
    };
    await sim.control('POST', DIRECTORY_CONTROL_PATHS.students, newcomer);
    await sim.control('DELETE', DIRECTORY_CONTROL_PATHS.student('nmai'));
    expect(await kiosk.syncNow()).toEqual({
      ok: true,
      value: expect.objectContaining({ kind: 'delta', records: 1, tombstones: 1 }),
    });
    await goOffline();
    expect(await identify('24007777', '07062005')).toEqual({
      ok: true,
      value: expect.objectContaining({ identifier: 'newcomer', source: 'cache' }),
    });
    const gone = await identify('22004567', '31121999');
    expect(gone.ok ? null : gone.error.code).toMatch(/^(network|timeout|unavailable)$/);
  });

  it('rebuilds a cache that fails quick_check at start, and keeps the journal', async () => {
    sim = await startSyncSimulator();
    kiosk = await startLiveKiosk(sim.url, dataDir(), service);
    await kiosk.syncNow();
    await identify('21901234', '14032001');
    await kiosk.close();
    kiosk = null;
    const cachePath = join(dataDir(), 'cache.db');
    const fd = openSync(cachePath, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, 4096);
    closeSync(fd);

    const lines: string[] = [];
    kiosk = await startLiveKiosk(
      sim.url,
      dataDir(),
      service,
      createLogger({ console: { write: (l: string) => void lines.push(l) } }),
    );
    expect(lines.some((l) => l.includes('cache: unusable, rebuilding it from a full sync'))).toBe(
      true,
    );
    expect(await kiosk.syncNow()).toEqual({
      ok: true,
      value: expect.objectContaining({ kind: 'full' }),
    });
    await kiosk.close();
    kiosk = null;
    const cache = openCacheDatabase(cachePath, silentLogger);
    expect(cache.rebuilt).toBe(false);
    const synced = sim.simulator.state.dataset.students;
    expect(cacheRows(cache.db, await keys(), synced)).toEqual(expectedRows(synced, await keys()));
    cache.db.close();
    const journal = openDatabase(join(dataDir(), 'journal.db'), {
      migrations: JOURNAL_MIGRATIONS,
      synchronous: 'FULL',
    });
    expect(createAuditLog(journal, () => new Date(), testAuditKey()).count('identify')).toBe(1);
    journal.close();
  });

  it('keeps a locked student number locked across a restart, online and offline', async () => {
    sim = await startSyncSimulator();
    kiosk = await startLiveKiosk(sim.url, dataDir(), service);
    for (let i = 0; i < 5; i += 1)
      expect(await identify('21901234', '15032001')).toEqual({
        ok: false,
        error: { code: 'identification_failed' },
      });
    await kiosk.close();
    kiosk = await startLiveKiosk(sim.url, dataDir(), service);
    const locked = await identify('21901234', '14032001');
    expect(locked).toEqual({
      ok: false,
      error: { code: 'locked_out', retryAfterSeconds: expect.any(Number) },
    });
    expect(locked.ok ? 0 : locked.error.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect((await identify('22004567', '31121999')).ok).toBe(true);
    await goOffline();
    const offline = await identify('21901234', '14032001');
    expect(offline.ok ? null : offline.error.code).toBe('locked_out');
  });
});

describe('cursor expiry', () => {
  it('rebuilds the cache from a full sync and never touches the journal', async () => {
    sim = await startSyncSimulator();
    const cacheDb = openCacheDatabase(join(folder.path, 'cache.db'), silentLogger).db;
    const journalPath = join(folder.path, 'journal.db');
    const journalDb = openDatabase(journalPath, {
      migrations: JOURNAL_MIGRATIONS,
      synchronous: 'FULL',
    });
    createAuditLog(journalDb, () => new Date(), testAuditKey()).record({
      kind: 'identify',
      outcome: 'success',
    });
    createLockout(createLockoutStore(journalDb)).failed('some-key', new Date());
    journalDb.pragma('wal_checkpoint(TRUNCATE)');
    const fingerprint = () =>
      [journalPath, `${journalPath}-wal`]
        .filter(existsSync)
        .map(
          (f) =>
            `${statSync(f).size}:${createHash('sha256').update(readFileSync(f)).digest('hex')}`,
        )
        .join(' ');
    const before = fingerprint();

    const api = createApiClient({
      baseUrl: sim.url,
      timeoutMs: 5000,
      credential: async () => SYNC_DEVICE,
      clock: { now: () => new Date() },
      logger: silentLogger,
    });
    const recordKeys = await keys();
    const engine = createSyncEngine({
      fetchPage: api.directoryChanges,
      store: createDirectorySyncStore(cacheDb, () => new Date()),
      keys: recordKeys,
      clock: { now: () => new Date() },
      logger: silentLogger,
      pageSize: 2,
    });
    await engine.run();
    await sim.control('DELETE', DIRECTORY_CONTROL_PATHS.student('tbalises'));
    await sim.control('POST', DIRECTORY_CONTROL_PATHS.expireCursors);
    const rebuilt = await engine.run();
    expect(rebuilt).toEqual({
      ok: true,
      value: expect.objectContaining({ kind: 'full', afterExpiry: true, complete: true }),
    });
    const synced = sim.simulator.state.dataset.students;
    expect(cacheRows(cacheDb, recordKeys, synced)).toEqual(expectedRows(synced, recordKeys));
    expect(fingerprint()).toBe(before);
    cacheDb.close();
    journalDb.close();
  });
});
