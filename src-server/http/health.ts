/**
 * What GET /v1/health says of the server's own systems (the route is core-routes.ts's, through
 * the DependencyHealth port): the directory answers, the database answers, and no mail is
 * waiting after a refused delivery. Anyone may call the health check: calls made while a check
 * runs share it, so a burst costs the directory and the database one check, no more than any
 * other unauthenticated request; nothing is cached, so an outage and a recovery show at once.
 */
import type { DependencyHealth } from '../../src-main/simulator/backends';
import type { Pool } from '../postgres/database';
import type { Directory } from '../ports/directory';

type Report = NonNullable<Awaited<ReturnType<DependencyHealth['check']>>>;

/** The health of `directory`, `pool` and the mail queue in it. */
export function serverHealth(directory: Directory, pool: Pool): DependencyHealth {
  let running: Promise<Report> | null = null;

  async function measure(): Promise<Report> {
    const [directoryUp, late] = await Promise.all([
      directory.ping(),
      pool
        .query<{ late: boolean }>(
          `SELECT EXISTS (SELECT 1 FROM mail_queue
                           WHERE sent_at IS NULL AND attempts > 0) AS late`,
        )
        .then((r) => r.rows[0]?.late === true)
        .catch(() => null),
    ]);
    return {
      directory: directoryUp ? 'ok' : 'down',
      database: late === null ? 'down' : 'ok',
      mail: late === true ? 'down' : 'ok',
    };
  }

  return {
    check() {
      running ??= measure().finally(() => {
        running = null;
      });
      return running;
    },
  };
}
