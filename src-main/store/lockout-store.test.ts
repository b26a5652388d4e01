import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLockout } from '../core/lockout';
import { openDatabase, schemaVersion } from './database';
import { createAuditLog } from './journal';
import { JOURNAL_MIGRATIONS } from './journal-migrations';
import { createLockoutStore } from './lockout-store';

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
    createAuditLog(v1, () => at(0)).record({ kind: 'identify', outcome: 'failure' });
    v1.close();
    const db = open();
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(2);
    expect(createAuditLog(db, () => at(0)).count('identify')).toBe(1);
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
  it('keeps a lock and the kiosk budget across a restart (a real file reopened)', () => {
    const first = open();
    const lockout = createLockout(createLockoutStore(first));
    for (let i = 0; i < 5; i += 1) lockout.failed('number-key', at(i));
    for (let i = 0; i < 24; i += 1) lockout.failed(`other-${i}`, at(10));
    first.close();

    const second = open();
    const again = createLockout(createLockoutStore(second));
    expect(again.retryAfter('number-key', at(4))).toBe(60);
    expect(again.retryAfter('fresh-key', at(11))).toBeNull();
    // The 30th failure at this kiosk spends the budget until the first one is 10 minutes old.
    again.failed('fresh-key', at(11));
    expect(again.retryAfter('another-key', at(11))).toBe(589);
    expect(again.retryAfter('another-key', at(601))).toBeNull();
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
});
