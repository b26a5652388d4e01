import { rmSync } from 'node:fs';
import type { Logger } from '../core/ports';
import { CACHE_MIGRATIONS } from './cache-migrations';
import { databaseFiles, openDatabase, type Db } from './database';

/**
 * A full sync writes the whole directory (tens of MB for 100 000 students). 8 MB of page cache
 * hold the lookup-key index of 100 000 students (more costs resident memory and gains little);
 * rarer checkpoints write the pages to the file fewer times; the WAL is cut back to a few MB
 * after each checkpoint.
 */
function tune(db: Db): Db {
  db.pragma('cache_size = -8000');
  db.pragma('wal_autocheckpoint = 10000');
  db.pragma('journal_size_limit = 8000000');
  // What a migration rewrote (migration 3 zeroed the records once kept in clear) reaches the
  // file now, and the WAL's older frames are cut away with it.
  db.pragma('wal_checkpoint(TRUNCATE)');
  return db;
}

function check(db: Db): string {
  const rows = db.pragma('quick_check') as { quick_check: string }[];
  return rows.map((r) => r.quick_check).join('; ');
}

/**
 * Opens the disposable cache. A file that fails PRAGMA quick_check, or cannot be opened or
 * migrated at all, is deleted and created afresh: the sync engine then refills it with a full
 * sync (its cursor is gone with it). The journal is never treated this way.
 */
export function openCacheDatabase(
  path: string,
  logger: Logger,
): { db: Db; rebuilt: boolean; problem: string | null } {
  const options = { migrations: CACHE_MIGRATIONS, synchronous: 'NORMAL' as const, logger };
  let problem: string;
  try {
    const db = openDatabase(path, options);
    const result = check(db);
    if (result === 'ok') return { db: tune(db), rebuilt: false, problem: null };
    db.close();
    problem = `quick_check: ${result.slice(0, 200)}`;
  } catch (error) {
    problem = (error as Error).message.slice(0, 200);
  }
  logger.warn('cache: unusable, rebuilding it from a full sync', { problem });
  for (const file of databaseFiles(path)) rmSync(file, { force: true });
  return { db: tune(openDatabase(path, options)), rebuilt: true, problem };
}
