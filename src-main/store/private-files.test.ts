import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CACHE_MIGRATIONS } from './cache-migrations';
import { databaseFiles, openDatabase } from './database';
import { ensurePrivateDir } from './private-files';

// Modes are what another local account (or whoever mounts the disk without root) could read.
let dir: string;
let umask: number;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'guichet-modes-'));
  // The usual desktop umask: files 0644 and folders 0755 unless the code says otherwise.
  umask = process.umask(0o022);
});
afterEach(() => {
  process.umask(umask);
  rmSync(dir, { recursive: true, force: true });
});

const mode = (path: string) => statSync(path).mode & 0o777;
const open = (path: string) =>
  openDatabase(path, { migrations: CACHE_MIGRATIONS, synchronous: 'NORMAL' });

describe('private files', () => {
  it('creates a database, its WAL and its SHM with mode 0600', () => {
    const path = join(dir, 'cache.db');
    const db = open(path);
    db.prepare("UPDATE sync_state SET cursor = 'c' WHERE id = 1").run();
    expect(databaseFiles(path).map(mode)).toEqual([0o600, 0o600, 0o600]);
    db.close();
  });

  it('repairs a database, WAL and SHM left readable by others', () => {
    const path = join(dir, 'journal.db');
    const first = open(path);
    first.prepare("UPDATE sync_state SET cursor = 'c' WHERE id = 1").run();
    for (const file of databaseFiles(path)) chmodSync(file, 0o644);
    const second = open(path);
    expect(databaseFiles(path).map(mode)).toEqual([0o600, 0o600, 0o600]);
    second.close();
    first.close();
  });

  it('makes an existing 0755 data folder 0700 and its files 0600', () => {
    const data = join(dir, 'data');
    mkdirSync(join(data, 'logs'), { recursive: true, mode: 0o755 });
    chmodSync(data, 0o755);
    writeFileSync(join(data, 'cache.db'), '', { mode: 0o644 });
    writeFileSync(join(data, 'journal.db-wal'), '', { mode: 0o666 });
    ensurePrivateDir(data);
    expect(mode(data)).toBe(0o700);
    expect(mode(join(data, 'logs'))).toBe(0o700);
    expect(mode(join(data, 'cache.db'))).toBe(0o600);
    expect(mode(join(data, 'journal.db-wal'))).toBe(0o600);
    ensurePrivateDir(join(dir, 'fresh', 'data'));
    expect(mode(join(dir, 'fresh', 'data'))).toBe(0o700);
  });
});
