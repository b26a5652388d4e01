import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempFolder } from '../../test/support/tmp';
import type { Timers } from '../api/resilience/timers';
import { silentLogger } from '../app/logger';
import { databaseFiles, openDatabase, type Db } from '../store/database';
import { JOURNAL_MIGRATIONS } from '../store/journal-migrations';
import { createAtRest, payloadAad } from './at-rest';
import { createOutbox, PRUNE_EVERY_MS, type Outbox } from './outbox';
import { createOutboxStore } from './store';

// The journal's outbox on a real file, with the clock and the timers in the test's hands: what
// is sealed at rest, and what is deleted when.

const DAY = 24 * 3600_000;
let folder: ReturnType<typeof tempFolder>;
let path: string;
let db: Db;
let now: number;
let scheduled: { fn: () => void; at: number }[];
let outbox: Outbox | null;
const atRest = createAtRest(randomBytes(32));
const timers: Timers = {
  sleep: async () => {},
  schedule(fn, ms) {
    const entry = { fn, at: now + ms };
    scheduled.push(entry);
    return () => void scheduled.splice(scheduled.indexOf(entry), 1);
  },
};
/** Moves the clock on and runs the timers that fell due. */
function advance(ms: number) {
  now += ms;
  for (const entry of scheduled.filter((e) => e.at <= now)) {
    scheduled.splice(scheduled.indexOf(entry), 1);
    entry.fn();
  }
}

function open(keepDeadMs?: number) {
  outbox = createOutbox({
    db,
    // Nothing here is due: a send would be a bug.
    exchange: () => Promise.reject(new Error('no send expected')),
    sealer: null,
    atRest,
    clock: { now: () => new Date(now) },
    timers,
    logger: silentLogger,
    ...(keepDeadMs ? { keepDeadMs } : {}),
  });
  return outbox;
}

let serial = 0;
/** A row settled (sent or dead) at `at`, as an earlier run left it. */
function settled(state: 'sent' | 'dead', at: number, payloadJson = '{}') {
  const store = createOutboxStore(db, atRest);
  serial += 1;
  const row = store.insert({
    reference: `R${serial}`,
    account: 'a',
    kind: 'test',
    method: 'post',
    path: '/v1/x',
    payloadJson,
    idempotencyKey: `key-${serial}-0123456789`,
    now: at,
  });
  if (state === 'sent') store.markSent(row.id, at, '{}');
  else store.markDead(row.id, at, '422 code_invalid');
  return row.reference;
}
const references = () => db.prepare('SELECT reference FROM outbox ORDER BY id').pluck().all();

beforeEach(() => {
  folder = tempFolder('guichet-at-rest-');
  path = join(folder.path, 'journal.db');
  db = openDatabase(path, {
    migrations: JOURNAL_MIGRATIONS,
    synchronous: 'FULL',
    secureDelete: true,
  });
  now = Date.parse('2026-11-25T10:00:00Z');
  scheduled = [];
  outbox = null;
});
afterEach(async () => {
  await outbox?.stop();
  db.close();
  folder.remove();
});

describe('outbox pruning', () => {
  it('deletes dead letters after the retention (30 days by default) and sent rows after 7, on a schedule', () => {
    const oldDead = settled('dead', now - 29 * DAY);
    const newDead = settled('dead', now - 1 * DAY);
    const sent = settled('sent', now - 6 * DAY);
    open();
    expect(references()).toEqual([oldDead, newDead, sent]);
    // The kiosk keeps running: no restart, only time passing.
    advance(PRUNE_EVERY_MS);
    expect(references()).toEqual([oldDead, newDead, sent]);
    advance(DAY);
    expect(references()).toEqual([newDead]);
    expect(outbox!.summary()).toEqual({ pending: 0, dead: 1 });
    advance(27 * DAY);
    expect(references()).toEqual([newDead]);
    advance(DAY);
    expect(references()).toEqual([]);
  });

  it('follows the configured retention, and stops pruning once stopped', async () => {
    const dead = settled('dead', now - 3 * DAY);
    open(2 * DAY);
    expect(references()).toEqual([]);
    settled('dead', now);
    await outbox!.stop();
    expect(scheduled).toEqual([]);
    expect(references()).toHaveLength(1);
    expect(references()).not.toContain(dead);
  });
});

describe('outbox at rest', () => {
  it('seals the bodies and answers an older build left in clear, and drops applied bodies', () => {
    const code = '48213377';
    const address = 'prunelle.vasquez@example.net';
    const dead = JSON.stringify({ proof: { method: 'email_code', code } });
    settled('dead', now, dead);
    settled('sent', now, JSON.stringify({ address }));
    db.prepare('UPDATE outbox SET result_json = ?').run(JSON.stringify({ address }));
    open();
    const rows = db
      .prepare<[], { state: string; payload: string; result: string | null; key: string }>(
        'SELECT state, payload_json AS payload, result_json AS result, idempotency_key AS key FROM outbox ORDER BY id',
      )
      .all();
    expect(rows.map((r) => r.state)).toEqual(['dead', 'sent']);
    expect(atRest.open(rows[0]!.payload, payloadAad(rows[0]!.key))).toBe(dead);
    expect(rows[1]!.payload).toBe('');
    expect(rows.every((r) => r.result === null || r.result.startsWith('sealed:v1:'))).toBe(true);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = databaseFiles(path)
      .map((file) => {
        try {
          return readFileSync(file).toString('latin1');
        } catch {
          return '';
        }
      })
      .join('');
    expect(bytes).toContain('sealed:v1:');
    expect(bytes).not.toContain(code);
    expect(bytes).not.toContain(address);
  });
});
