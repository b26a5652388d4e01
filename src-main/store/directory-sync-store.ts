/**
 * The sync engine's writes to the cache: each page of the directory feed and its cursor commit
 * in one transaction, so a crash leaves the cache at a page boundary. A full sync fills a shadow
 * table, page by page with its own cursor (a restart resumes it), and swaps it for the live table
 * in one transaction: identification never sees a half-built directory.
 */
import type { Db } from './database';

/** One cache row as the engine hands it over: keys already hashed, the record already sealed. */
export interface CacheRow {
  lookupKey: string;
  recordId: string;
  staffKey: string;
  /** The record, sealed under its student's own key (src-main/secrets/record-vault.ts). */
  sealed: Buffer;
}

/** A record to write, or the record id of a tombstone. */
export type CacheChange = CacheRow | { removed: string };

/** Where the sync stands, as the cache file says. */
export interface SyncState {
  /** Where the next delta starts; null when the cache needs a full sync. */
  cursor: string | null;
  /** A full sync in progress: where it resumes (null: from the beginning). */
  shadow: { cursor: string | null } | null;
}

/** The cache writes of the sync engine; each method is one transaction. */
export interface DirectorySyncStore {
  state(): SyncState;
  /** Applies a delta page to the live table and moves the cursor, atomically. */
  applyDelta(changes: readonly CacheChange[], nextCursor: string): void;
  /** Starts a full sync afresh: an empty shadow table. */
  startShadow(): void;
  /** Applies a full-sync page to the shadow table and moves its cursor, atomically. */
  applyShadow(changes: readonly CacheChange[], nextCursor: string): void;
  /** Replaces the live table with the shadow; the shadow's cursor becomes the cursor. */
  swapShadow(): void;
  /** Rows in the live table. */
  size(): number;
}

const LIVE = 'directory';
const SHADOW = 'directory_shadow';
const COLUMNS = 'lookup_key, record_id, staff_key, sealed, seen_at';

interface StateRow {
  cursor: string | null;
  shadow_active: number;
  shadow_cursor: string | null;
}

function writer(db: Db, table: string, now: () => Date) {
  // REPLACE also drops a row with the same record id under an older lookup key (a corrected
  // birth date), as well as the row an online identification saved under the same key.
  const put = db.prepare(`INSERT OR REPLACE INTO ${table} (${COLUMNS}) VALUES (?,?,?,?,?)`);
  const remove = db.prepare(`DELETE FROM ${table} WHERE record_id = ?`);
  return (changes: readonly CacheChange[]) => {
    const seenAt = now().toISOString();
    for (const c of changes) {
      if ('removed' in c) remove.run(c.removed);
      else put.run(c.lookupKey, c.recordId, c.staffKey, c.sealed, seenAt);
    }
  };
}

function ddlOf(db: Db, type: 'table' | 'index', name: string): string[] {
  const column = type === 'table' ? 'name' : 'tbl_name';
  return db
    .prepare<[string, string], string>(
      `SELECT sql FROM sqlite_master WHERE type = ? AND ${column} = ? AND sql IS NOT NULL`,
    )
    .pluck()
    .all(type, name);
}

/** The cache's sync operations over the tables of cache migrations 2 and 3. */
export function createDirectorySyncStore(db: Db, now: () => Date): DirectorySyncStore {
  const readState = db.prepare<[], StateRow>(
    'SELECT cursor, shadow_active, shadow_cursor FROM sync_state WHERE id = 1',
  );
  const setCursor = db.prepare('UPDATE sync_state SET cursor = ?, delta_sync_at = ? WHERE id = 1');
  const setShadowCursor = db.prepare('UPDATE sync_state SET shadow_cursor = ? WHERE id = 1');
  const writeLive = writer(db, LIVE, now);
  // Prepared once the shadow table exists; a statement cannot outlive the table it names.
  let writeShadow: ReturnType<typeof writer> | null = null;

  const hasShadowTable = () => ddlOf(db, 'table', SHADOW).length > 0;

  const applyDelta = db.transaction((changes: readonly CacheChange[], nextCursor: string) => {
    writeLive(changes);
    setCursor.run(nextCursor, now().toISOString());
  });

  const startShadow = db.transaction(() => {
    writeShadow = null;
    db.exec(`DROP TABLE IF EXISTS ${SHADOW}`);
    // The live table's own definition, so that later migrations need no change here. Its
    // secondary indexes are built at the swap: filling an unindexed table is faster.
    const [table] = ddlOf(db, 'table', LIVE);
    if (!table) throw new Error('cache: no directory table');
    db.exec(table.replace(/^CREATE TABLE\s+("?)directory\1/i, `CREATE TABLE ${SHADOW}`));
    db.prepare('UPDATE sync_state SET shadow_active = 1, shadow_cursor = NULL WHERE id = 1').run();
  });

  const applyShadow = db.transaction((changes: readonly CacheChange[], nextCursor: string) => {
    writeShadow ??= writer(db, SHADOW, now);
    writeShadow(changes);
    setShadowCursor.run(nextCursor);
  });

  const swapShadow = db.transaction(() => {
    const indexes = ddlOf(db, 'index', LIVE);
    db.exec(`DROP TABLE ${LIVE}; ALTER TABLE ${SHADOW} RENAME TO ${LIVE};`);
    for (const sql of indexes) db.exec(sql);
    db.prepare(
      `UPDATE sync_state SET cursor = shadow_cursor, shadow_active = 0, shadow_cursor = NULL,
         full_sync_at = ? WHERE id = 1`,
    ).run(now().toISOString());
    writeShadow = null;
  });

  return {
    state() {
      const row = readState.get();
      if (!row) throw new Error('cache: sync_state row missing');
      const shadowing = row.shadow_active === 1 && hasShadowTable();
      return { cursor: row.cursor, shadow: shadowing ? { cursor: row.shadow_cursor } : null };
    },
    applyDelta: (changes, nextCursor) => applyDelta(changes, nextCursor),
    startShadow: () => startShadow(),
    applyShadow: (changes, nextCursor) => applyShadow(changes, nextCursor),
    swapShadow() {
      swapShadow();
      // The rebuilt directory goes to the file now, not during the next delta's commit.
      db.pragma('wal_checkpoint(TRUNCATE)');
    },
    size: () => db.prepare<[], number>(`SELECT count(*) FROM ${LIVE}`).pluck().get() ?? 0,
  };
}
