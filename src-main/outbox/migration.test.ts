import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempFolder } from '../../test/support/tmp';
import { openDatabase, schemaVersion } from '../store/database';
import { JOURNAL_MIGRATIONS } from '../store/journal-migrations';
import { scrubJournal } from '../store/private-subjects';
import { createAtRest, sealLegacyRows } from './at-rest';
import { createOutboxStore } from './store';

const atRest = createAtRest(randomBytes(32));

let folder: ReturnType<typeof tempFolder>;
beforeEach(() => (folder = tempFolder('guichet-migration-3-')));
afterEach(() => folder.remove());

const row = (n: number, account = 'zlefevre') => ({
  reference: `REF${n}-AAAA`,
  account,
  kind: 'password.change',
  method: 'post' as const,
  path: `/v1/accounts/${account}/password/change`,
  payloadJson: '{"newPassword":{"type":"sealed","jwe":"x.y.z.w.v"}}',
  idempotencyKey: `key-${n}-0123456789`,
  now: 1_000 + n,
});

describe('journal migration 3: outbox', () => {
  it('migrates a journal at version 2, rows kept, and the outbox works', () => {
    const path = join(folder.path, 'journal.db');
    const v2 = openDatabase(path, {
      migrations: JOURNAL_MIGRATIONS.slice(0, 2),
      synchronous: 'FULL',
    });
    v2.prepare(
      "INSERT INTO audit (at, kind, outcome) VALUES ('2026-11-25T10:00:00Z', 'identify', 'success')",
    ).run();
    v2.prepare('INSERT INTO lockout_kiosk_failure (at) VALUES (42)').run();
    v2.close();

    const db = openDatabase(path, { migrations: JOURNAL_MIGRATIONS, synchronous: 'FULL' });
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(3);
    expect(db.prepare('SELECT count(*) FROM audit').pluck().get()).toBe(1);
    expect(db.prepare('SELECT at FROM lockout_kiosk_failure').pluck().get()).toBe(42);

    const store = createOutboxStore(db, atRest);
    const first = store.insert(row(1));
    store.insert(row(2));
    store.insert(row(3, 'nmai'));
    expect(first).toMatchObject({ state: 'pending', attempts: 0, nextAttemptAt: 1_001 });
    // Heads only: one per account, the oldest.
    expect(store.dueHeads(10_000, 10).map((r) => r.reference)).toEqual(['REF1-AAAA', 'REF3-AAAA']);
    expect(store.markSent(first.id, 2_000, '{}')).toBe(1);
    expect(store.markSent(first.id, 2_000, '{}')).toBe(0);
    expect(store.dueHeads(10_000, 10).map((r) => r.reference)).toEqual(['REF2-AAAA', 'REF3-AAAA']);
    expect(store.summary()).toEqual({ pending: 2, sent: 1, dead: 0 });
    db.close();
  });

  it('refuses a second row with the same key or reference, and an unknown state', () => {
    const db = openDatabase(join(folder.path, 'journal.db'), {
      migrations: JOURNAL_MIGRATIONS,
      synchronous: 'FULL',
    });
    const store = createOutboxStore(db, atRest);
    store.insert(row(1));
    expect(() => store.insert({ ...row(2), idempotencyKey: row(1).idempotencyKey })).toThrow(
      /UNIQUE/,
    );
    expect(() => store.insert({ ...row(2), reference: row(1).reference })).toThrow(/UNIQUE/);
    expect(() => db.prepare("UPDATE outbox SET state = 'lost'").run()).toThrow(/CHECK/);
    db.close();
  });
});

describe('journal migration 7: the outbox keeps no account in clear', () => {
  it('seals the account and path of the rows an older build left, order and look-ups kept', () => {
    const path = join(folder.path, 'journal.db');
    const v6 = openDatabase(path, {
      migrations: JOURNAL_MIGRATIONS.slice(0, 6),
      synchronous: 'FULL',
      secureDelete: true,
    });
    const insert = v6.prepare(
      `INSERT INTO outbox (reference, account, kind, method, path, payload_json, idempotency_key,
                           state, next_attempt_at, created_at)
       VALUES (@reference, @account, @kind, @method, @path, @payloadJson, @idempotencyKey,
               'pending', @now, @now)`,
    );
    insert.run(row(1));
    insert.run(row(2));
    insert.run(row(3, 'nmai'));
    v6.close();

    const db = openDatabase(path, {
      migrations: JOURNAL_MIGRATIONS,
      synchronous: 'FULL',
      secureDelete: true,
    });
    expect(schemaVersion(db)).toBe(7);
    // Three bodies and three accounts (with their paths) were in clear.
    expect(sealLegacyRows(db, atRest)).toBe(6);
    scrubJournal(db);
    const store = createOutboxStore(db, atRest);
    expect(store.byAccount('zlefevre').map((r) => [r.reference, r.account, r.path])).toEqual([
      ['REF1-AAAA', 'zlefevre', '/v1/accounts/zlefevre/password/change'],
      ['REF2-AAAA', 'zlefevre', '/v1/accounts/zlefevre/password/change'],
    ]);
    // Still first in, first out per account; still one credential at most per account.
    expect(store.dueHeads(10_000, 10).map((r) => r.reference)).toEqual(['REF1-AAAA', 'REF3-AAAA']);
    expect(store.insertCredential(row(4))).toBeNull();
    expect(store.aheadOf(store.byReference('REF2-AAAA')!)).toBe(1);
    db.close();
    for (const file of ['journal.db', 'journal.db-wal']) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(join(folder.path, file));
      } catch {
        continue; // no WAL left: nothing in it
      }
      for (const account of ['zlefevre', 'nmai'])
        expect(bytes.includes(Buffer.from(account)), `${account} in ${file}`).toBe(false);
    }
  });
});
