import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CACHE_MIGRATIONS } from './cache-migrations';
import { openDatabase, schemaVersion, type Migration } from './database';
import { randomBytes } from 'node:crypto';
import { createRecordKeys } from '../secrets/lookup-keys';
import { createRecordVault } from '../secrets/record-vault';
import { createDirectoryCache } from './directory-cache';
import { createAuditLog } from './journal';
import { JOURNAL_MIGRATIONS } from './journal-migrations';
import { testAuditKey } from '../../test/support/audit-key';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'guichet-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const record = {
  identifier: 'zlefevre',
  firstName: 'Zoé',
  lastName: 'Lefèvre',
  enrollments: [
    { academicYear: '2026-2027', program: 'Master Chimie', validatedAt: '2026-09-01T08:00:00Z' },
  ],
  account: { status: 'active' as const, activatedAt: '2026-09-02T08:00:00Z', leavingYear: null },
};

const vault = createRecordVault(createRecordKeys(randomBytes(32)));
const zoe = { studentNumber: '21901234', birthDate: '2001-03-14' };

describe('migrations', () => {
  it('creates both files at the latest version in WAL mode, the journal with synchronous=FULL', () => {
    const cache = openDatabase(join(dir, 'cache.db'), {
      migrations: CACHE_MIGRATIONS,
      synchronous: 'NORMAL',
    });
    const journal = openDatabase(join(dir, 'journal.db'), {
      migrations: JOURNAL_MIGRATIONS,
      synchronous: 'FULL',
    });
    expect(schemaVersion(cache)).toBe(CACHE_MIGRATIONS.length);
    expect(schemaVersion(journal)).toBe(JOURNAL_MIGRATIONS.length);
    expect(cache.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(journal.pragma('synchronous', { simple: true })).toBe(2);
    cache.close();
    journal.close();
  });

  it('keeps existing rows when a file is reopened and migrated again', () => {
    const path = join(dir, 'cache.db');
    const first = openDatabase(path, { migrations: CACHE_MIGRATIONS, synchronous: 'NORMAL' });
    createDirectoryCache(first, vault).save(zoe, record, new Date('2026-11-25T10:00:00Z'));
    first.close();

    const later: Migration = {
      version: CACHE_MIGRATIONS.length + 1,
      name: 'test-extra-column',
      up: (db) => db.exec("ALTER TABLE directory ADD COLUMN extra TEXT NOT NULL DEFAULT 'x'"),
    };
    const second = openDatabase(path, {
      migrations: [...CACHE_MIGRATIONS, later],
      synchronous: 'NORMAL',
    });
    expect(schemaVersion(second)).toBe(CACHE_MIGRATIONS.length + 1);
    expect(createDirectoryCache(second, vault).find(zoe)).toEqual(record);
    expect(second.prepare('SELECT extra FROM directory').pluck().get()).toBe('x');
    second.close();
  });

  it('rolls back a migration that fails, leaving the file at its previous version', () => {
    const path = join(dir, 'cache.db');
    openDatabase(path, { migrations: CACHE_MIGRATIONS, synchronous: 'NORMAL' }).close();
    const broken: Migration = {
      version: CACHE_MIGRATIONS.length + 1,
      name: 'broken',
      up: (db) => {
        db.exec('CREATE TABLE half_done (x INTEGER)');
        db.exec('THIS IS NOT SQL');
      },
    };
    expect(() =>
      openDatabase(path, { migrations: [...CACHE_MIGRATIONS, broken], synchronous: 'NORMAL' }),
    ).toThrow();
    const raw = new Database(path);
    expect(schemaVersion(raw)).toBe(CACHE_MIGRATIONS.length);
    expect(
      raw.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").pluck().get(),
    ).toBe(0);
    raw.close();
  });

  it('refuses a file written by a newer build, and misnumbered migrations', () => {
    const path = join(dir, 'journal.db');
    const raw = new Database(path);
    raw.pragma('user_version = 99');
    raw.close();
    expect(() =>
      openDatabase(path, { migrations: JOURNAL_MIGRATIONS, synchronous: 'FULL' }),
    ).toThrow(/newer/);
    const next = JOURNAL_MIGRATIONS.length + 1;
    const gap: Migration = { version: next + 1, name: 'gap', up: () => {} };
    expect(() =>
      openDatabase(join(dir, 'other.db'), {
        migrations: [...JOURNAL_MIGRATIONS, gap],
        synchronous: 'FULL',
      }),
    ).toThrow(new RegExp(`expected ${next}`));
  });
});

describe('directory cache and audit log', () => {
  it('upserts by lookup key and stores no birth date or student number', () => {
    const db = openDatabase(join(dir, 'cache.db'), {
      migrations: CACHE_MIGRATIONS,
      synchronous: 'NORMAL',
    });
    const cache = createDirectoryCache(db, vault);
    cache.save(zoe, record, new Date());
    cache.save(zoe, { ...record, firstName: 'Zoé-Anne' }, new Date());
    expect(cache.find(zoe)?.firstName).toBe('Zoé-Anne');
    expect(cache.find({ ...zoe, birthDate: '2001-03-15' })).toBeNull();
    expect(db.prepare('SELECT count(*) FROM directory').pluck().get()).toBe(1);
    const columns = db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('directory');
    expect(columns).toEqual(['lookup_key', 'record_id', 'staff_key', 'sealed', 'seen_at']);
    db.close();
  });

  it('appends audit events to the journal', () => {
    const db = openDatabase(join(dir, 'journal.db'), {
      migrations: JOURNAL_MIGRATIONS,
      synchronous: 'FULL',
    });
    const audit = createAuditLog(db, () => new Date('2026-11-25T10:00:00Z'), testAuditKey());
    audit.record({ kind: 'identify', outcome: 'success', detail: { source: 'online' } });
    audit.record({ kind: 'identify', outcome: 'failure' });
    expect(audit.count('identify')).toBe(2);
    db.close();
  });
});
