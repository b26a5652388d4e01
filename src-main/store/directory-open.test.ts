import {
  closeSync,
  mkdtempSync,
  openSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../app/logger';
import { openCacheDatabase } from './directory-open';
import { createDirectorySyncStore, type CacheRow } from './directory-sync-store';

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'guichet-cache-open-'));
  path = join(dir, 'cache.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const now = () => new Date('2026-11-25T10:00:00Z');

function fill(count: number) {
  const { db } = openCacheDatabase(path, silentLogger);
  const rows: CacheRow[] = Array.from({ length: count }, (_, n) => ({
    lookupKey: `key-${n}`,
    recordId: `rec-${n}`,
    staffKey: `staff-${n}`,
    // The size of a sealed record; what it holds does not matter here.
    sealed: randomBytes(300),
  }));
  createDirectorySyncStore(db, now).applyDelta(rows, 'cursor-1');
  db.close();
}

/** Overwrites bytes in the middle of the file, where the directory's pages are. */
function scribble(offset: number, length: number) {
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(length, 0xa5), 0, length, offset);
  closeSync(fd);
}

describe('openCacheDatabase', () => {
  it('keeps a healthy cache and its cursor', () => {
    fill(50);
    const { db, rebuilt } = openCacheDatabase(path, silentLogger);
    expect(rebuilt).toBe(false);
    expect(createDirectorySyncStore(db, now).state().cursor).toBe('cursor-1');
    db.close();
  });

  it('rebuilds a cache that fails quick_check; the sync then starts with a full sync', () => {
    fill(2000);
    const size = statSync(path).size;
    scribble(Math.floor(size / 2), 8192);
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (message: string) => void warnings.push(message) };
    const { db, rebuilt, problem } = openCacheDatabase(path, logger);
    expect(rebuilt).toBe(true);
    expect(problem).toBeTruthy();
    expect(warnings).toEqual(['cache: unusable, rebuilding it from a full sync']);
    expect(createDirectorySyncStore(db, now).state()).toEqual({ cursor: null, shadow: null });
    expect(db.pragma('quick_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('rebuilds a file that is not a database at all', () => {
    writeFileSync(path, Buffer.alloc(4096, 0x42));
    const { db, rebuilt } = openCacheDatabase(path, silentLogger);
    expect(rebuilt).toBe(true);
    expect(createDirectorySyncStore(db, now).size()).toBe(0);
    db.close();
  });
});
