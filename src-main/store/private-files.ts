/**
 * The kiosk's data folder and database files are private to the kiosk's user: 0700 for the
 * folder, 0600 for the files, whatever the umask or an older install left behind. Modes are
 * set with chmod, so the umask cannot widen them, and repaired at every start.
 */
import { chmodSync, closeSync, lstatSync, mkdirSync, openSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Refuses a path that belongs to another user: chmod would not make it ours. */
function checkOwner(path: string, uid: number | undefined): void {
  if (uid === undefined) return;
  const owner = lstatSync(path).uid;
  if (owner !== uid) {
    throw new Error(
      `${path} belongs to user ${owner}, not to the kiosk's user ${uid}; refusing it`,
    );
  }
}

/**
 * Creates the data folder if needed, then makes it and what it holds private: the folder and
 * its subfolders 0700, its files 0600 (one level down: the kiosk keeps nothing deeper).
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const uid = process.getuid?.();
  checkOwner(dir, uid);
  chmodSync(dir, PRIVATE_DIR_MODE);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    checkOwner(path, uid);
    if (entry.isDirectory()) chmodSync(path, PRIVATE_DIR_MODE);
    else if (entry.isFile()) chmodSync(path, PRIVATE_FILE_MODE);
  }
}

/**
 * Creates an empty file with mode 0600 when it does not exist yet. SQLite gives the -wal and
 * -shm files it creates later the main file's mode, so they are born private too.
 */
export function createPrivateFile(path: string): void {
  closeSync(openSync(path, 'a', PRIVATE_FILE_MODE));
}

/** Sets 0600 on each of `paths` that exists (a database, its -wal and -shm). */
export function restrictFiles(paths: readonly string[]): void {
  for (const path of paths) {
    try {
      chmodSync(path, PRIVATE_FILE_MODE);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}
