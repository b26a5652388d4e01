import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLockout } from '../core/lockout';
import { openDatabase, schemaVersion } from './database';
import { createAuditLog } from './journal';
import { JOURNAL_MIGRATIONS } from './journal-migrations';
import { createLockoutStore } from './lockout-store';
import { testAuditKey } from '../../test/support/audit-key';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'guichet-lockout-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const open = (migrations = JOURNAL_MIGRATIONS) =>
  openDatabase(join(dir, 'journal.db'), { migrations, synchronous: 'FULL' });
const at = (seconds: number) => new Date(Date.parse('2026-11-25T10:00:00Z') + seconds * 1000);

describe('journal migration 2 (lockout counters)', () => {
  it('adds the counters to a journal that already has an audit trail', () => {
    const v1 = open(JOURNAL_MIGRATIONS.slice(0, 1));
    // A line as version 1 wrote it (the chained log of migration 5 needs a newer schema).
    v1.prepare(
      "INSERT INTO audit (at, kind, outcome) VALUES ('2026-11-25T10:00:00Z', 'identify', 'failure')",
    ).run();
    v1.close();
    const db = open();
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(2);
    expect(createAuditLog(db, () => at(0), testAuditKey()).count('identify')).toBe(1);
    const store = createLockoutStore(db);
    store.saveSubject('key', { failures: 1, locks: 0, lockedUntil: 0, lastFailureAt: 5 });
    expect(store.subject('key')).toEqual({
      failures: 1,
      locks: 0,
      lockedUntil: 0,
      lastFailureAt: 5,
    });
    db.close();
  });
});

describe('lockout store', () => {
  it('keeps a lock and the kiosk delay across a restart (a real file reopened)', () => {
    const first = open();
    const lockout = createLockout(createLockoutStore(first));
    for (let i = 0; i < 5; i += 1) lockout.failed('number-key', at(i));
    for (let i = 0; i < 14; i += 1) lockout.failed(`other-${i}`, at(10));
    first.close();

    const second = open();
    const again = createLockout(createLockoutStore(second));
    expect(again.retryAfter('number-key', at(4))).toBe(60);
    expect(again.retryAfter('fresh-key', at(11))).toBeNull();
    // The 20th failure at this kiosk spends the free allowance: the next one waits 2 s.
    again.failed('fresh-key', at(11));
    expect(again.retryAfter('another-key', at(11))).toBe(2);
    expect(again.retryAfter('another-key', at(13))).toBeNull();
    second.close();
  });

  it('forgets kiosk failures no window can count any more', () => {
    const db = open();
    const store = createLockoutStore(db);
    store.addKioskFailure(1000, 0);
    store.addKioskFailure(2000, 0);
    store.addKioskFailure(900_000, 500_000);
    expect(store.kioskFailuresSince(0)).toEqual([900_000]);
    store.forgetSubject('missing');
    expect(store.subject('missing')).toBeNull();
    db.close();
  });

  it('keeps identification and credential counters apart', () => {
    const db = open();
    const identify = createLockout(createLockoutStore(db, 'identify'));
    const credential = createLockout(createLockoutStore(db, 'credential'));
    for (let i = 0; i < 25; i += 1) credential.failed(i < 5 ? 'same-key' : `c${i}`, at(0));
    expect(credential.retryAfter('same-key', at(0))).toBe(60);
    expect(identify.retryAfter('same-key', at(0))).toBeNull();
    credential.clearKiosk();
    expect(credential.retryAfter('other', at(0))).toBeNull();
    db.close();
  });

  it('reserves atomically across two connections to the same file', () => {
    const a = createLockout(createLockoutStore(open()));
    const b = createLockout(createLockoutStore(open()));
    const results = Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).reserve('shared', at(0)));
    expect(results.filter((r) => r.ok)).toHaveLength(5);
  });

  it('clears the kiosk failures and one number for staff, on disk', () => {
    const db = open();
    const lockout = createLockout(createLockoutStore(db));
    for (let i = 0; i < 30; i += 1) lockout.failed(i < 5 ? 'locked' : `n${i}`, at(0));
    lockout.clearKiosk();
    lockout.clearSubject('locked');
    db.close();
    const again = createLockout(createLockoutStore(open()));
    expect(again.retryAfter('locked', at(0))).toBeNull();
    expect(again.retryAfter('anyone', at(0))).toBeNull();
  });
});

describe('journal migration 4 (limits)', () => {
  it('keeps the kiosk failures of version 3 as identification failures', () => {
    const v3 = open(JOURNAL_MIGRATIONS.slice(0, 3));
    v3.prepare('INSERT INTO lockout_kiosk_failure (at) VALUES (?)').run(at(0).getTime());
    v3.close();
    const db = open();
    expect(createLockoutStore(db, 'identify').kioskFailuresSince(0)).toEqual([at(0).getTime()]);
    expect(createLockoutStore(db, 'credential').kioskFailuresSince(0)).toEqual([]);
    db.close();
  });
});
