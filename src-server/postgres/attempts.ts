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
        for (const { key } of ordered)
          await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
        const at = now();
        let wait = 0;
        for (const { key, rule } of ordered) {
          const since = new Date(at.getTime() - rule.windowSeconds * 1000);
          // Failures out of the window count no more: forgotten here, under the key's lock.
          await client.query('DELETE FROM attempt_failures WHERE key = $1 AND at <= $2', [
            key,
            since,
          ]);
          const { rows } = await client.query<{ at: Date }>(
            `SELECT at FROM attempt_failures WHERE key = $1 ORDER BY at DESC LIMIT $2`,
            [key, rule.failures],
          );
          if (rows.length >= rule.failures) {
            const freeing = (rows[rule.failures - 1] as { at: Date }).at.getTime();
            const seconds = Math.ceil((freeing + rule.windowSeconds * 1000 - at.getTime()) / 1000);
            wait = Math.max(wait, seconds, 1);
          }
        }
        if (wait > 0) return { ok: false, retryAfterSeconds: wait } as const;
        const ids: string[] = [];
        for (const { key } of ordered) {
          const { rows } = await client.query<{ id: string }>(
            'INSERT INTO attempt_failures (key, at) VALUES ($1, $2) RETURNING id',
            [key, at],
          );
          ids.push((rows[0] as { id: string }).id);
        }
        return { ok: true, ids } as const;
      }),
    succeeded: (reservation, forget) => withdraw(reservation.ids, forget),
    released: (reservation) => withdraw(reservation.ids, []),
  };
}
