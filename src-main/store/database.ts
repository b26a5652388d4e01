import Database from 'better-sqlite3';
import type { Logger } from '../core/ports';
import { createPrivateFile, restrictFiles } from './private-files';

export type Db = Database.Database;

/** One numbered schema change. Versions start at 1 and follow each other without gaps. */
export interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
}

export interface OpenOptions {
  migrations: readonly Migration[];
  /** FULL for the precious journal; NORMAL is enough for the disposable cache under WAL. */
  synchronous: 'FULL' | 'NORMAL';
  logger?: Logger;
  /** Zero deleted content in the file (the journal: pruned rows held sealed secrets). */
  secureDelete?: boolean;
}

/** The schema version a database file is at. */
export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies the migrations above the file's version, each in its own transaction. */
export function migrate(db: Db, migrations: readonly Migration[], logger?: Logger): void {
  migrations.forEach((m, index) => {
    if (m.version !== index + 1)
      throw new Error(`Migration ${m.name} is numbered ${m.version}, expected ${index + 1}`);
  });
  const current = schemaVersion(db);
  if (current > migrations.length) {
    throw new Error(
      `Database schema version ${current} is newer than this build knows (${migrations.length}); refusing to touch it`,
    );
  }
  for (const migration of migrations.slice(current)) {
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
    logger?.info('store: migrated', { version: migration.version, name: migration.name });
  }
}

/** The files SQLite keeps for one database in WAL mode. */
export function databaseFiles(path: string): string[] {
  return [path, `${path}-wal`, `${path}-shm`];
}

/**
 * Opens (creating if needed) a SQLite file in WAL mode and brings its schema up to date. The
 * file, its WAL and its shared-memory file are the user's only (0600), even if they existed
 * with wider modes.
 */
export function openDatabase(path: string, options: OpenOptions): Db {
  createPrivateFile(path);
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    // WAL mode opened the -wal and -shm files: an older one may have had a wider mode.
    restrictFiles(databaseFiles(path));
    // Deleted rows (pruned outbox rows, dropped records) are zeroed, not left in free pages.
    if (options.secureDelete) db.pragma('secure_delete = ON');
    db.pragma(`synchronous = ${options.synchronous}`);
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, options.migrations, options.logger);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
