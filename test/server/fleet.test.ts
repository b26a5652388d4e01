// The kiosks' heartbeats on a real PostgreSQL, shared by every instance: one per kiosk per 15
// seconds, however many instances race to keep it; each kiosk's history and latest state read
// back as sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeartbeatWire } from '../../src-main/api/wire-fleet';
import { createPool, migrate, type Pool } from '../../src-server/postgres/database';
import { createPostgresFleet } from '../../src-server/postgres/fleet';
import { startPostgres, type Postgres } from '../../src-server/stack/postgres';
import { tempFolder } from '../support/tmp';

const folder = tempFolder('guichet-fleet-');
let postgres: Postgres;
let pool: Pool;

beforeAll(async () => {
  postgres = await startPostgres(folder.path);
  await migrate(postgres.url);
  pool = createPool(postgres.url);
});
afterAll(async () => {
  await pool?.end();
  await postgres?.stop();
  folder.remove();
});

const beat = (pending: number): HeartbeatWire => ({
  sentAt: '2026-12-08T09:00:00Z',
  version: '1.0.0',
  profile: 'univ-example',
  mode: 'online',
  startedAt: '2026-12-08T07:00:00Z',
  lastSyncAt: '2026-12-08T08:59:00Z',
  outbox: [{ kind: 'staff.unlock', pending }],
  deadLetters: 0,
  audit: { head: 10, acknowledged: 9, refused: 0 },
  slowDownSeconds: null,
  freeDiskBytes: 1_000_000,
});

describe('heartbeats in PostgreSQL', () => {
  it('keeps one per kiosk per 15 seconds, even from 20 instances at once', async () => {
    const stores = Array.from({ length: 20 }, () => createPostgresFleet(pool));
    const at = new Date('2026-12-08T09:00:00Z');
    // Received a few milliseconds apart, as on real instances.
    const kept = await Promise.all(
      stores.map((s, i) => s.record('kiosk-a', beat(i), new Date(at.getTime() + i))),
    );
    expect(kept.filter((k) => k.ok)).toHaveLength(1);
    expect(kept.filter((k) => !k.ok)).toEqual(
      Array.from({ length: 19 }, () => ({ ok: false, retryAfterSeconds: expect.any(Number) })),
    );
    const first = (await stores[0]!.history('kiosk-a', at))[0]!.receivedAt.getTime();
    const soon = await stores[0]!.record('kiosk-a', beat(1), new Date(first + 10_000));
    expect(soon).toEqual({ ok: false, retryAfterSeconds: 5 });
    expect(await stores[0]!.record('kiosk-b', beat(7), at)).toEqual({ ok: true });
    const later = new Date(at.getTime() + 60_000);
    expect(await stores[1]!.record('kiosk-a', beat(3), later)).toEqual({ ok: true });

    const history = await stores[2]!.history('kiosk-a', at);
    expect(history.map((h) => h.receivedAt)).toEqual([new Date(first), later]);
    expect(history[1]!.beat).toEqual(beat(3));
    const latest = await stores[3]!.latest();
    expect(latest.map((l) => [l.deviceId, l.beat.outbox[0]!.pending])).toEqual([
      ['kiosk-a', 3],
      ['kiosk-b', 7],
    ]);
  });

  it('keeps them as often as the server allows when told (a test fleet beating every 2 s)', async () => {
    const fleet = createPostgresFleet(pool, 2);
    const at = new Date('2026-12-08T10:00:00Z');
    const after = (ms: number) => new Date(at.getTime() + ms);
    expect(await fleet.record('kiosk-c', beat(1), at)).toEqual({ ok: true });
    expect(await fleet.record('kiosk-c', beat(1), after(1000))).toEqual({
      ok: false,
      retryAfterSeconds: 1,
    });
    expect(await fleet.record('kiosk-c', beat(2), after(2000))).toEqual({ ok: true });
    // The contract's 15 seconds otherwise.
    expect(await createPostgresFleet(pool).record('kiosk-c', beat(3), after(4000))).toEqual({
      ok: false,
      retryAfterSeconds: 13,
    });
  });
});
