/**
 * The server's PostgreSQL: a pool, and the numbered migrations (node-pg-migrate, which holds an
 * advisory lock while it runs, so two instances starting together do not race).
 */
import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';
import pg from 'pg';

const MIGRATIONS = fileURLToPath(new URL('./migrations', import.meta.url));

export type Pool = pg.Pool;

/** A pool on `url`; a statement that runs longer than `statementTimeoutMs` is cancelled. */
export function createPool(
  url: string,
  options: { max?: number; statementTimeoutMs?: number; password?: string } = {},
) {
  const pool = new pg.Pool({
    connectionString: url,
    ...(options.password === undefined ? {} : { password: options.password }),
    max: options.max ?? 10,
    statement_timeout: options.statementTimeoutMs ?? 10_000,
    connectionTimeoutMillis: 5_000,
  });
  // An idle client that loses its server (PostgreSQL restarted) must not crash the process.
  pool.on('error', () => {});
  return pool;
}

/** Brings the schema up to date; returns the names of the migrations it ran. */
export async function migrate(url: string, password?: string): Promise<string[]> {
  const ran = await runner({
    databaseUrl: password === undefined ? url : { connectionString: url, password },
    dir: MIGRATIONS,
    direction: 'up',
    migrationsTable: 'guichet_migrations',
    log: () => {},
    checkOrder: true,
    // A second instance starting at the same moment waits, then finds nothing left to run.
    advisoryLockMode: 'wait',
  });
  return ran.map((m) => m.name);
}
