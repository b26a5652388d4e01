import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CACHE_MIGRATIONS } from './cache-migrations';
import { openDatabase, schemaVersion, type Db } from './database';
import { createDirectoryCache, findByStaffKey } from './directory-cache';
import { createDirectorySyncStore, type CacheRow } from './directory-sync-store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'guichet-sync-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const open = (migrations = CACHE_MIGRATIONS) =>
  openDatabase(join(dir, 'cache.db'), { migrations, synchronous: 'NORMAL' });
const now = () => new Date('2026-11-25T10:00:00Z');

const record = {
  identifier: 'zlefevre',
  firstName: 'Zoé',
  lastName: 'Lefèvre',
  enrollments: [
    { academicYear: '2026-2027', program: 'Master Chimie', validatedAt: '2026-09-01T08:00:00Z' },
  ],
  account: { status: 'active' as const, activatedAt: '2026-09-02T08:00:00Z', leavingYear: null },
};

function row(n: number, extra: Partial<CacheRow> = {}): CacheRow {
  return {
    lookupKey: `key-${n}`,
    recordId: `rec-${n}`,
    staffKey: `staff-${n}`,
    identifier: `s${n}`,
    firstName: `First ${n}`,
    lastName: `Last ${n}`,
    accountJson: JSON.stringify(record.account),
    enrollmentsJson: JSON.stringify(record.enrollments),
    ...extra,
  };
}

const identifiers = (db: Db) =>
  db.prepare('SELECT identifier FROM directory ORDER BY identifier').pluck().all();

describe('cache migration 2 (directory sync)', () => {
  it('keeps the rows online identifications saved, without a record id', () => {
    const v1 = open(CACHE_MIGRATIONS.slice(0, 1));
    createDirectoryCache(v1).save('key-online', record, now());
    v1.close();
    const db = open();
    expect(schemaVersion(db)).toBe(CACHE_MIGRATIONS.length);
    expect(createDirectoryCache(db).find('key-online')).toEqual(record);
    expect(db.prepare('SELECT record_id FROM directory').pluck().get()).toBeNull();
    expect(createDirectorySyncStore(db, now).state()).toEqual({ cursor: null, shadow: null });
    db.close();
  });
});

describe('directory sync store', () => {
  it('applies a delta and its cursor together, replacing by record id and removing tombstones', () => {
    const db = open();
    const store = createDirectorySyncStore(db, now);
    store.applyDelta([row(1), row(2), row(3)], 'c1');
    // Record 2 under a new lookup key (its birth date was corrected): one row, the new one.
    store.applyDelta(
      [row(2, { lookupKey: 'key-2b', firstName: 'Renamed' }), { removed: 'rec-3' }],
      'c2',
    );
    expect(store.state()).toEqual({ cursor: 'c2', shadow: null });
    expect(identifiers(db)).toEqual(['s1', 's2']);
    const cache = createDirectoryCache(db);
    expect(cache.find('key-2')).toBeNull();
    expect(cache.find('key-2b')?.firstName).toBe('Renamed');
    expect(findByStaffKey(db, 'staff-1')?.identifier).toBe('s1');
    db.close();
  });

  it('rolls a failing page back with its cursor', () => {
    const db = open();
    const store = createDirectorySyncStore(db, now);
    store.applyDelta([row(1)], 'c1');
    const broken = { ...row(2), identifier: null } as unknown as CacheRow;
    expect(() => store.applyDelta([row(3), broken], 'c2')).toThrow();
    expect(store.state().cursor).toBe('c1');
    expect(identifiers(db)).toEqual(['s1']);
    db.close();
  });

  it('fills a shadow table, resumable after a restart, and swaps it in with its indexes', () => {
    let db = open();
    let store = createDirectorySyncStore(db, now);
    const cache = createDirectoryCache(db);
    cache.save('key-online', record, now());
    store.applyDelta([row(1)], 'old');
    store.startShadow();
    store.applyShadow([row(2), row(3)], 's1');
    db.close();

    db = open();
    store = createDirectorySyncStore(db, now);
    expect(store.state()).toEqual({ cursor: 'old', shadow: { cursor: 's1' } });
    // The live table is untouched while the shadow fills.
    expect(identifiers(db)).toEqual(['s1', 'zlefevre']);
    const liveCache = createDirectoryCache(db);
    store.applyShadow([row(4), { removed: 'rec-3' }], 's2');
    store.swapShadow();
    expect(store.state()).toEqual({ cursor: 's2', shadow: null });
    expect(identifiers(db)).toEqual(['s2', 's4']);
    expect(liveCache.find('key-4')?.identifier).toBe('s4');
    const indexes = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
      .pluck()
      .all();
    expect(indexes.sort()).toEqual(['directory_identifier', 'directory_staff_key']);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');

    // And again: a second rebuild finds no leftover names in its way.
    store.startShadow();
    store.applyShadow([row(5)], 's3');
    store.swapShadow();
    expect(identifiers(db)).toEqual(['s5']);
    liveCache.save('key-online', record, now());
    expect(store.size()).toBe(2);
    db.close();
  });
});
