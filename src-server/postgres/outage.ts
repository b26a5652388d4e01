/**
 * PostgreSQL that cannot be reached (stopped, restarting, network, pool exhausted) is an outage
 * the kiosk should wait out: such errors become DatabaseUnavailable, which the request pipeline
 * answers with 503 and Retry-After. A statement PostgreSQL refused (a bug, a constraint) stays
 * what it is and is answered 500.
 */
import type pg from 'pg';
import type { Pool } from './database';

export class DatabaseUnavailable extends Error {
  readonly code = 'database_unavailable';
  /** Read by the request pipeline: answered with 503 and Retry-After. */
  readonly unavailable = true;
}

/** SQLSTATE classes of a lost or refused connection, of a server shutting down, of no resources. */
const OUTAGE_CLASSES = ['08', '53', '57'];
/** Socket errors on the way to PostgreSQL (ENOENT: its Unix socket is gone). */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOENT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);
/** What node-postgres says when the connection dies or the pool cannot get one in time. */
const DRIVER_MESSAGES = /Connection terminated|timeout exceeded when trying to connect/i;

/**
 * DatabaseUnavailable when `error` says the database could not be reached; anything else (a
 * refused statement, a bug, a directory error thrown inside a transaction) is returned as it is.
 */
function asOutage(error: unknown): unknown {
  if ((error as { unavailable?: unknown } | null)?.unavailable === true) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const outage =
    typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)
      ? OUTAGE_CLASSES.includes(code.slice(0, 2))
      : (typeof code === 'string' && NETWORK_CODES.has(code)) ||
        (error instanceof Error && DRIVER_MESSAGES.test(error.message));
  return outage ? new DatabaseUnavailable((error as Error).message) : error;
}

export interface Database {
  query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
  /** Runs `work` in one transaction (rolled back if it throws). */
  transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T>;
}

/** The pool, with every outage turned into DatabaseUnavailable. */
export function unavailableOnOutage(pool: Pool): Database {
  return {
    async query<R extends pg.QueryResultRow>(text: string, values?: unknown[]) {
      try {
        return await pool.query<R>(text, values);
      } catch (error) {
        throw asOutage(error);
      }
    },
    async transaction(work) {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw asOutage(error);
      }
      try {
        await client.query('BEGIN');
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw asOutage(error);
      } finally {
        client.release();
      }
    },
  };
}
