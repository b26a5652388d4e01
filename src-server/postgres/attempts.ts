/**
 * Failed-attempt limits over PostgreSQL, shared by every instance: a check reserves a failure
 * for the subject and for the kiosk *before* the secret is looked at, under a per-key advisory
 * lock, so a hundred parallel guesses get exactly as many tries as the limit allows, whichever
 * instances they reach. A success gives the reservations back and forgets the subject's
 * failures (the failures in a row start again).
 */
import { createHash } from 'node:crypto';
import type { LimitRule } from '../../src-main/simulator/rate-limits';
import type { Pool } from './database';
import { unavailableOnOutage } from './outage';

export interface LimitedKey {
  key: string;
  rule: LimitRule;
}

export type Reservation = { ok: true; ids: string[] } | { ok: false; retryAfterSeconds: number };

export interface AttemptLimiter {
  /** One attempt against every key, or the wait (seconds) before the most limited key frees. */
  reserve(keys: readonly LimitedKey[]): Promise<Reservation>;
  /** The attempt succeeded: its reservations are withdrawn and `forget` keys start again. */
  succeeded(reservation: { ids: string[] }, forget: readonly string[]): Promise<void>;
  /** The secret could not be checked (a backend was down): the attempt does not count. */
  released(reservation: { ids: string[] }): Promise<void>;
}

/**
 * Keys are stored digested: they name student numbers and accounts (no personal data in this
 * table), and PostgreSQL text cannot hold the NUL the pipeline separates their parts with.
 */
const digest = (key: string) => createHash('sha256').update(key, 'utf8').digest('base64url');

/** Creates the limiter over `pool` (migrated); `now` is the server's clock. */
export function createPostgresAttempts(
  pool: Pool,
  now: () => Date = () => new Date(),
): AttemptLimiter {
  const db = unavailableOnOutage(pool);
  const withdraw = async (ids: readonly string[], forget: readonly string[]) => {
    await db.query(
      'DELETE FROM attempt_failures WHERE id = ANY($1::bigint[]) OR key = ANY($2::text[])',
      [ids, forget.map(digest)],
    );
  };
  return {
    reserve: (keys) =>
      db.transaction(async (client) => {
        // Sorted, so two reservations over the same keys never wait on each other in a cycle.
        const ordered = keys
          .map(({ key, rule }) => ({ key: digest(key), rule }))
          .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
        const names = ordered.map((k) => k.key);
        const windows = ordered.map((k) => k.rule.windowSeconds);
        const limits = ordered.map((k) => k.rule.failures);
        const at = now();
        // Four statements whatever the number of keys (a round trip each): lock, forget what
        // left the window (under the lock), read when each key frees, reserve.
        await client.query(
          `SELECT pg_advisory_xact_lock(hashtextextended(k, 0))
             FROM unnest($1::text[]) WITH ORDINALITY AS t(k, n) ORDER BY n`,
          [names],
        );
        await client.query(
          `DELETE FROM attempt_failures f USING unnest($1::text[], $2::int[]) AS r(key, win)
            WHERE f.key = r.key AND f.at <= $3::timestamptz - make_interval(secs => r.win)`,
          [names, windows, at],
        );
        // The limit-th most recent failure of a key: when it leaves the window, a try frees.
        const { rows } = await client.query<{ win: number; freeing: Date | null }>(
          `SELECT r.win, (SELECT f.at FROM attempt_failures f WHERE f.key = r.key
                           ORDER BY f.at DESC OFFSET r.lim - 1 LIMIT 1) AS freeing
             FROM unnest($1::text[], $2::int[], $3::int[]) AS r(key, win, lim)`,
          [names, windows, limits],
        );
        let wait = 0;
        for (const { win, freeing } of rows) {
          if (freeing === null) continue;
          const seconds = Math.ceil((freeing.getTime() + win * 1000 - at.getTime()) / 1000);
          wait = Math.max(wait, seconds, 1);
        }
        if (wait > 0) return { ok: false, retryAfterSeconds: wait } as const;
        const inserted = await client.query<{ id: string }>(
          `INSERT INTO attempt_failures (key, at)
           SELECT k, $2 FROM unnest($1::text[]) AS k RETURNING id`,
          [names, at],
        );
        return { ok: true, ids: inserted.rows.map((r) => r.id) } as const;
      }),
    succeeded: (reservation, forget) => withdraw(reservation.ids, forget),
    released: (reservation) => withdraw(reservation.ids, []),
  };
}
