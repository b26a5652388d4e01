import { chmodSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Kiosk } from '../../src-main/app/kiosk';
import { databaseFiles } from '../../src-main/store/database';
import { startLiveKiosk, startSyncSimulator } from '../support/sync-kiosk';
import { tempFolder } from '../support/tmp';

// A kiosk whose data folder an older install (or a wide umask) left readable by every local
// account: at start it makes the folder 0700 and the databases, WAL and SHM included, 0600.

let folder: ReturnType<typeof tempFolder>;
let sim: Awaited<ReturnType<typeof startSyncSimulator>>;
let kiosk: Kiosk | null = null;
let umask: number;
const service = `guichet-modes-${process.pid}-${Date.now()}`;
const mode = (path: string) => statSync(path).mode & 0o777;

beforeEach(async () => {
  umask = process.umask(0o022);
  folder = tempFolder('guichet-modes-');
  sim = await startSyncSimulator();
});
afterEach(async () => {
  await kiosk?.close();
  kiosk = null;
  await sim.simulator.close();
  process.umask(umask);
  folder.remove();
});

describe('the data folder at start', () => {
  it('repairs a 0755 folder and 0644 databases from an earlier run', async () => {
    const data = join(folder.path, 'data');
    kiosk = await startLiveKiosk(sim.url, data, service);
    await kiosk.syncNow();
    await kiosk.close();
    kiosk = null;
    chmodSync(data, 0o755);
    for (const db of ['cache.db', 'journal.db']) chmodSync(join(data, db), 0o644);
    // A WAL left by a kiosk that did not close cleanly, as readable as the rest.
    writeFileSync(join(data, 'cache.db-wal'), '', { mode: 0o644 });
    mkdirSync(join(data, 'logs'), { mode: 0o755 });

    kiosk = await startLiveKiosk(sim.url, data, service);
    expect(await kiosk.dispatch('kiosk.status', {})).toMatchObject({ ok: true });
    expect(mode(data)).toBe(0o700);
    expect(mode(join(data, 'logs'))).toBe(0o700);
    const files = [
      ...databaseFiles(join(data, 'cache.db')),
      ...databaseFiles(join(data, 'journal.db')),
    ];
    expect(files.filter((f) => !existsSync(f))).toEqual([]);
    expect(Object.fromEntries(files.map((f) => [f.slice(data.length + 1), mode(f)]))).toEqual({
      'cache.db': 0o600,
      'cache.db-wal': 0o600,
      'cache.db-shm': 0o600,
      'journal.db': 0o600,
      'journal.db-wal': 0o600,
      'journal.db-shm': 0o600,
    });
  });
});
