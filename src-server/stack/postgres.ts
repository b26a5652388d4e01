/**
 * A throw-away PostgreSQL (Debian's package) in a folder of its own, listening on a Unix socket
 * only. PostgreSQL refuses to run as root, so when we are root it runs as the `postgres` user.
 * `initdb` runs once per machine into a template cluster that each start copies (0.3 s instead
 * of 1.1 s). For the tests and `npm run stack`; a university runs its own PostgreSQL.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { restartable, runService } from './wait';

export interface Postgres {
  /** A connection string for `pg` (Unix socket, trust authentication). */
  url: string;
  socketDir: string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

const PORT = 5432;

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const version = versions[0];
  if (!version) throw new Error('PostgreSQL is not installed (apt-get install postgresql)');
  return join(root, version, 'bin');
}

const asRoot = process.getuid?.() === 0;

function owner(): { uid: number; gid: number } | null {
  if (!asRoot) return null;
  const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (id.status !== 0)
    throw new Error('PostgreSQL will not run as root and there is no postgres user');
  return { uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** The command line, run as `postgres` when we are root; dies with its parent. */
function command(bin: string, args: string[]): [string, string[]] {
  const setpriv = ['--pdeathsig', 'TERM'];
  if (asRoot) setpriv.unshift('--reuid', 'postgres', '--regid', 'postgres', '--init-groups');
  return ['setpriv', [...setpriv, bin, ...args]];
}

function chownTree(path: string, to: { uid: number; gid: number }) {
  chownSync(path, to.uid, to.gid);
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) chownTree(child, to);
    else chownSync(child, to.uid, to.gid);
  }
}

/**
 * The `postgres` user must be able to reach `dir`: a private temp folder above it (0700) gets
 * the search bit for others (0711: nobody can list it, only pass through).
 */
function letPostgresThrough(dir: string) {
  for (let at = dirname(resolve(dir)); at !== dirname(at); at = dirname(at)) {
    const mode = statSync(at).mode & 0o7777;
    if ((mode & 0o001) === 0) chmodSync(at, mode | 0o011);
  }
}

/** The template cluster, made once; concurrent callers race to a rename, one wins. */
function template(bin: string, to: { uid: number; gid: number } | null): string {
  const path = join(tmpdir(), `guichet-pg-template-${bin.split('/').at(-2)}`);
  if (existsSync(join(path, 'PG_VERSION'))) return path;
  const scratch = `${path}.${process.pid}.${Date.now()}`;
  mkdirSync(scratch, { mode: 0o700 });
  if (to) chownSync(scratch, to.uid, to.gid);
  const [cmd, args] = command(join(bin, 'initdb'), [
    '--no-sync',
    '--auth=trust',
    '--username=postgres',
    '--encoding=UTF8',
    '--locale=C',
    '-D',
    scratch,
  ]);
  const made = spawnSync(cmd, args, { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`initdb failed: ${made.stderr}`);
  try {
    renameSync(scratch, path);
  } catch {
    rmSync(scratch, { recursive: true, force: true });
  }
  return path;
}

/** Starts PostgreSQL in `dir` (an empty folder); the database `guichet` exists when it returns. */
export async function startPostgres(dir: string): Promise<Postgres> {
  const bin = binDir();
  const to = owner();
  const data = join(dir, 'data');
  const socketDir = join(dir, 'socket');
  cpSync(template(bin, to), data, { recursive: true });
  mkdirSync(socketDir, { mode: 0o700 });
  if (to) {
    letPostgresThrough(dir);
    chownSync(dir, to.uid, to.gid);
    chownTree(data, to);
    chownSync(socketDir, to.uid, to.gid);
  }
  const url = `postgresql://postgres@/guichet?host=${encodeURIComponent(socketDir)}`;

  const [cmd, args] = command(join(bin, 'postgres'), [
    '-D',
    data,
    '-k',
    socketDir,
    '-c',
    'listen_addresses=',
    '-c',
    `port=${PORT}`,
    '-c',
    'fsync=off',
    '-c',
    'synchronous_commit=off',
    '-c',
    'full_page_writes=off',
    '-c',
    'max_connections=60',
  ]);
  // SIGINT: PostgreSQL's fast shutdown (aborts open transactions, closes connections).
  const { start, stop } = restartable(() =>
    runService(
      'PostgreSQL',
      cmd,
      args,
      () => existsSync(join(socketDir, `.s.PGSQL.${PORT}`)) && ready(bin, socketDir),
      'SIGINT',
    ),
  );

  await start();
  const created = spawnSync(join(bin, 'createdb'), ['-h', socketDir, '-U', 'postgres', 'guichet']);
  if (created.status !== 0) throw new Error(`createdb failed: ${created.stderr.toString()}`);
  return { url, socketDir, stop, start };
}

function ready(bin: string, socketDir: string): boolean {
  const probe = spawnSync(join(bin, 'pg_isready'), ['-h', socketDir, '-q']);
  return probe.status === 0;
}
