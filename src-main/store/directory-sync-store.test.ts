import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRecordKeys } from '../secrets/lookup-keys';
import { createRecordVault } from '../secrets/record-vault';
import { CACHE_MIGRATIONS } from './cache-migrations';
import { databaseFiles, openDatabase, schemaVersion, type Db } from './database';
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
const keys = createRecordKeys(randomBytes(32));
const vault = createRecordVault(keys);

const record = {
  identifier: 'zlefevre',
  firstName: 'Zoé',
  lastName: 'Lefèvre',
  enrollments: [
    { academicYear: '2026-2027', program: 'Master Chimie', validatedAt: '2026-09-01T08:00:00Z' },
  ],
  account: { status: 'active' as const, activatedAt: '2026-09-02T08:00:00Z', leavingYear: null },
};
const zoe = { studentNumber: '21901234', birthDate: '2001-03-14' };

/** Student n: its number, and its birth date (`date` lets a test correct it). */
const query = (n: number, date = '2000-01-01') => ({
  studentNumber: String(30_000_000 + n),
  birthDate: date,
});

function row(n: number, extra: { firstName?: string; date?: string } = {}): CacheRow {
  const q = query(n, extra.date);
  const sealed = vault.seal(q.studentNumber, q.birthDate, {
    ...record,
    identifier: `s${n}`,
    firstName: extra.firstName ?? `First ${n}`,
    lastName: `Last ${n}`,
  });
  return {
    ...sealed,
    recordId: `rec-${n}`,
    staffKey: keys.staffLookup(q.studentNumber),
  };
}

/** The identifiers of the live table's records, opened with the queries of students 0-9. */
function identifiers(db: Db, dates: Record<number, string> = {}): string[] {
  const cache = createDirectoryCache(db, vault);
  return Array.from({ length: 10 }, (_, n) => cache.find(query(n, dates[n]))?.identifier)
    .filter((id): id is string => id !== undefined)
    .sort();
}
const rowCount = (db: Db) => db.prepare('SELECT count(*) FROM directory').pluck().get();

/** The cache files' bytes, for what must not be in them. */
const fileBytes = (path: string) =>
  databaseFiles(path)
    .map((file) => {
      try {
        return readFileSync(file).toString('latin1');
      } catch {
        return '';
      }
    })
    .join('');

describe('cache migration 2 (directory sync)', () => {
  it('keeps the rows online identifications saved, without a record id', () => {
    const v1 = open(CACHE_MIGRATIONS.slice(0, 1));
    v1.prepare(
      `INSERT INTO directory (lookup_key, identifier, first_name, last_name, account_json,
         enrollments_json, seen_at) VALUES ('key-online', 'zlefevre', 'Zoé', 'Lefèvre', '{}', '[]', 'x')`,
    ).run();
    v1.close();
    const db = open(CACHE_MIGRATIONS.slice(0, 2));
    expect(schemaVersion(db)).toBe(2);
    expect(db.prepare('SELECT identifier, record_id AS recordId FROM directory').get()).toEqual({
      identifier: 'zlefevre',
      recordId: null,
    });
    db.close();
  });
});

describe('cache migration 3 (sealed records)', () => {
  it('drops the records kept in clear, zeroes them in the file, and asks for a full sync', () => {
    const path = join(dir, 'cache.db');
    const v2 = open(CACHE_MIGRATIONS.slice(0, 2));
    const insert = (table: string, n: number) =>
      v2
        .prepare(
          `INSERT INTO ${table} (lookup_key, record_id, staff_key, identifier, first_name,
             last_name, account_json, enrollments_json, seen_at)
           VALUES (?, ?, ?, ?, 'Prunelle', 'Vasquez-Oyelaran', '{}', ?, 'x')`,
        )
        .run(`key-${n}`, `rec-${n}`, `staff-${n}`, `pvasquez${n}`, '[{"program":"Master Chimie"}]');
    for (let n = 0; n < 200; n += 1) insert('directory', n);
    // A full sync was under way too: its shadow table goes with the live one.
    v2.exec('CREATE TABLE directory_shadow AS SELECT * FROM directory');
    v2.prepare(
      "UPDATE sync_state SET cursor = 'c9', shadow_active = 1, shadow_cursor = 's3' WHERE id = 1",
    ).run();
    v2.close();
    expect(fileBytes(path)).toContain('Vasquez-Oyelaran');

    const db = open();
    expect(schemaVersion(db)).toBe(3);
    expect(rowCount(db)).toBe(0);
    expect(createDirectorySyncStore(db, now).state()).toEqual({ cursor: null, shadow: null });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).not.toContain('directory_shadow');
    db.close();
    for (const text of ['Vasquez-Oyelaran', 'Prunelle', 'pvasquez1', 'Master Chimie'])
      expect(fileBytes(path)).not.toContain(text);
  });

  it('keeps a record readable only with its number and birth date', () => {
    const path = join(dir, 'cache.db');
    const db = open();
    const cache = createDirectoryCache(db, vault);
    cache.save(zoe, record, now());
    expect(cache.find(zoe)).toEqual(record);
    expect(cache.find({ ...zoe, birthDate: '2001-03-15' })).toBeNull();
    // Another kiosk's key (or none) opens nothing, even with the right number and date.
    const stranger = createRecordVault(createRecordKeys(randomBytes(32)));
    const sealed = db.prepare('SELECT sealed FROM directory').pluck().get() as Buffer;
    expect(stranger.open(zoe.studentNumber, zoe.birthDate, sealed)).toBeNull();
    // A record moved under another student's row does not open there.
    createDirectoryCache(db, vault).save(query(1), { ...record, identifier: 'other' }, now());
    db.prepare('UPDATE directory SET sealed = ? WHERE lookup_key = ?').run(
      sealed,
      keys.identity(query(1).studentNumber, query(1).birthDate),
    );
    expect(cache.find(query(1))).toBeNull();
    db.close();
    for (const text of ['zlefevre', 'Lefèvre', 'Lef', 'Master Chimie', zoe.studentNumber])
      expect(fileBytes(path)).not.toContain(Buffer.from(text).toString('latin1'));
  });
});

describe('directory sync store', () => {
  it('applies a delta and its cursor together, replacing by record id and removing tombstones', () => {
    const db = open();
    const store = createDirectorySyncStore(db, now);
    store.applyDelta([row(1), row(2), row(3)], 'c1');
    // Record 2 under a new lookup key (its birth date was corrected): one row, the new one.
    store.applyDelta(
      [row(2, { date: '2000-02-02', firstName: 'Renamed' }), { removed: 'rec-3' }],
      'c2',
    );
    expect(store.state()).toEqual({ cursor: 'c2', shadow: null });
    expect(rowCount(db)).toBe(2);
    expect(identifiers(db, { 2: '2000-02-02' })).toEqual(['s1', 's2']);
    const cache = createDirectoryCache(db, vault);
    expect(cache.find(query(2))).toBeNull();
    expect(cache.find(query(2, '2000-02-02'))?.firstName).toBe('Renamed');
    // Staff find the row by number alone, but nothing in it they could read.
    expect(findByStaffKey(db, keys.staffLookup(query(1).studentNumber))).toEqual({
      recordId: 'rec-1',
      seenAt: now().toISOString(),
    });
    db.close();
  });

  it('rolls a failing page back with its cursor', () => {
    const db = open();
    const store = createDirectorySyncStore(db, now);
    store.applyDelta([row(1)], 'c1');
    const broken = { ...row(2), sealed: null } as unknown as CacheRow;
    expect(() => store.applyDelta([row(3), broken], 'c2')).toThrow();
    expect(store.state().cursor).toBe('c1');
    expect(identifiers(db)).toEqual(['s1']);
    db.close();
  });

  it('fills a shadow table, resumable after a restart, and swaps it in with its indexes', () => {
    let db = open();
    let store = createDirectorySyncStore(db, now);
    const cache = createDirectoryCache(db, vault);
    cache.save(zoe, record, now());
    store.applyDelta([row(1)], 'old');
    store.startShadow();
    store.applyShadow([row(2), row(3)], 's1');
    db.close();

    db = open();
    store = createDirectorySyncStore(db, now);
    expect(store.state()).toEqual({ cursor: 'old', shadow: { cursor: 's1' } });
    // The live table is untouched while the shadow fills.
    expect(identifiers(db)).toEqual(['s1']);
    expect(rowCount(db)).toBe(2);
    const liveCache = createDirectoryCache(db, vault);
    store.applyShadow([row(4), { removed: 'rec-3' }], 's2');
    store.swapShadow();
    expect(store.state()).toEqual({ cursor: 's2', shadow: null });
    expect(identifiers(db)).toEqual(['s2', 's4']);
    expect(liveCache.find(query(4))?.identifier).toBe('s4');
    expect(liveCache.find(zoe)).toBeNull();
    const indexes = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
      .pluck()
      .all();
    expect(indexes.sort()).toEqual(['directory_staff_key']);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');

    // And again: a second rebuild finds no leftover names in its way.
    store.startShadow();
    store.applyShadow([row(5)], 's3');
    store.swapShadow();
    expect(identifiers(db)).toEqual(['s5']);
    liveCache.save(zoe, record, now());
    expect(store.size()).toBe(2);
    db.close();
  });
});
