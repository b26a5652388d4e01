import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempFolder } from '../../test/support/tmp';
import type { Timers } from '../api/resilience/timers';
import type { Exchange } from '../api/transport';
import { silentLogger } from '../app/logger';
import { openDatabase, type Db } from '../store/database';
import { JOURNAL_MIGRATIONS } from '../store/journal-migrations';
import { createReplayer } from './replayer';
import { createAtRest } from './at-rest';
import { createOutboxStore, type OutboxRow, type OutboxStore } from './store';

// The replayer's scheduling on a real journal file, with a scripted API: what it sends, in
// which order, how many at once, and what it records.

const atRest = createAtRest(randomBytes(32));
let folder: ReturnType<typeof tempFolder>;
let db: Db;
let store: OutboxStore;
let now: number;
const clock = { now: () => new Date(now) };
const timers: Timers = { sleep: async () => {}, schedule: () => () => {} };

beforeEach(() => {
  folder = tempFolder('guichet-replayer-');
  db = openDatabase(join(folder.path, 'journal.db'), {
    migrations: JOURNAL_MIGRATIONS,
    synchronous: 'FULL',
  });
  store = createOutboxStore(db, atRest);
  now = 1_000_000;
});
afterEach(() => {
  db.close();
  folder.remove();
});

let serial = 0;
function enqueue(account: string) {
  serial += 1;
  return store.insert({
    reference: `R${serial}`,
    account,
    kind: 'test',
    method: 'post',
    path: `/v1/accounts/${account}/x`,
    payloadJson: '{}',
    idempotencyKey: `key-${serial}-0123456789`,
    now,
  });
}

const ok = (): Exchange<unknown> => ({
  result: { ok: true, value: {} },
  status: 200,
  apiCode: null,
  attempts: 1,
});

describe('outbox replayer', () => {
  it('sends one request per account at a time, in order, accounts side by side', async () => {
    const a = [enqueue('a'), enqueue('a'), enqueue('a')];
    const b = [enqueue('b'), enqueue('b')];
    const inFlight = new Set<string>();
    const order: string[] = [];
    let most = 0;
    const replayer = createReplayer({
      store,
      async send(row: OutboxRow) {
        expect(inFlight.has(row.account)).toBe(false);
        inFlight.add(row.account);
        most = Math.max(most, inFlight.size);
        order.push(row.reference);
        await new Promise((resolve) => setImmediate(resolve));
        inFlight.delete(row.account);
        return ok();
      },
      clock,
      timers,
      random: () => 0,
      logger: silentLogger,
    });
    await replayer.drain();
    expect(order.filter((r) => a.some((x) => x.reference === r))).toEqual(
      a.map((r) => r.reference),
    );
    expect(order.filter((r) => b.some((x) => x.reference === r))).toEqual(
      b.map((r) => r.reference),
    );
    expect(most).toBe(2);
    expect(store.summary()).toEqual({ pending: 0, sent: 5, dead: 0 });
  });

  it('holds an account behind a row waiting to be retried, and dead-letters a refusal', async () => {
    const first = enqueue('a');
    const second = enqueue('a');
    const other = enqueue('b');
    const answers = new Map<number, Exchange<unknown>>([
      [
        first.id,
        {
          result: { ok: false, error: { code: 'network' } },
          status: null,
          apiCode: null,
          attempts: 1,
        },
      ],
      [
        other.id,
        {
          result: { ok: false, error: { code: 'invalid_credentials' } },
          status: 403,
          apiCode: 'invalid_credentials',
          attempts: 1,
        },
      ],
    ]);
    const sent: string[] = [];
    const replayer = createReplayer({
      store,
      send: async (row) => {
        sent.push(row.reference);
        return answers.get(row.id) ?? ok();
      },
      clock,
      timers,
      random: () => 0.5,
      logger: silentLogger,
    });
    await replayer.drain();
    expect(sent).toEqual([first.reference, other.reference]);
    expect(store.get(first.id)).toMatchObject({
      state: 'pending',
      attempts: 1,
      nextAttemptAt: now + 500,
    });
    expect(store.get(second.id)).toMatchObject({ state: 'pending', attempts: 0 });
    expect(store.get(other.id)).toMatchObject({
      state: 'dead',
      lastError: '403 invalid_credentials',
    });

    answers.delete(first.id);
    now += 500;
    await replayer.drain();
    expect(sent).toEqual([first.reference, other.reference, first.reference, second.reference]);
    expect(store.summary()).toEqual({ pending: 0, sent: 2, dead: 1 });
  });

  it('records a send that threw as a retry, and sends it again when hurried', async () => {
    const row = enqueue('a');
    let calls = 0;
    const replayer = createReplayer({
      store,
      send: async () => {
        calls += 1;
        if (calls === 1) throw new Error('socket gone');
        return ok();
      },
      clock,
      timers,
      random: () => 0.5,
      logger: silentLogger,
    });
    await replayer.drain();
    expect(store.get(row.id)).toMatchObject({ state: 'pending', lastError: 'no answer internal' });
    replayer.hurry();
    await replayer.drain();
    expect(store.get(row.id)).toMatchObject({ state: 'sent', attempts: 2 });
  });
});
