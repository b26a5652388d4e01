/**
 * Idempotency-Key over PostgreSQL, with the pipeline's interface (src-main/simulator/idempotency):
 * every instance sees the same keys. The first request claims a key with a lease (INSERT … ON
 * CONFLICT DO NOTHING: one winner); a repeat gets the stored answer, a different request under
 * the same key 422, a repeat while the first still runs 409. A claim whose lease ran out (the
 * instance died mid-request) is taken over, so the kiosk's retry is served.
 *
 * The claim is also the request's intent, recorded with its digest before any work: a directory
 * write cannot share the database's transaction, so an instance may die after the directory
 * took it and before the answer was stored here. The attempt that takes such a claim over is
 * told so (`resumed`), and the route asks the directory whether the write happened before doing
 * it again (src-server/http/resume.ts).
 */
import { createHash } from 'node:crypto';
import type { Reply } from '../../src-main/simulator/http';
import type {
  IdempotencyStore,
  KeyedAttempt,
  WriteRequest,
} from '../../src-main/simulator/idempotency';
import type { Pool } from './database';
import { unavailableOnOutage } from './outage';

const KEY_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;
const KEEP = '24 hours';

const errorReply = (status: number, code: string, message: string): Reply => ({
  status,
  body: { code, message },
});

/** Not 5xx (the work failed: a retry should do it) nor 429 (nothing was done). */
const isFinal = (reply: Reply) => reply.status < 500 && reply.status !== 429;

export interface PostgresIdempotencyOptions {
  /** How long a claim holds before another instance may take the key over. */
  leaseSeconds?: number;
}

/** Creates the store over `pool` (migrated). */
export function createPostgresIdempotency(
  pool: Pool,
  options: PostgresIdempotencyOptions = {},
): IdempotencyStore {
  const lease = `${options.leaseSeconds ?? 30} seconds`;
  const db = unavailableOnOutage(pool);

  /** Claims the key: null when another attempt holds it or answered it. */
  async function claim(
    device: string,
    key: string,
    fingerprint: string,
  ): Promise<KeyedAttempt | null> {
    // `previous` is the row as it was before this statement: a takeover of this very request
    // left unanswered is a resumed attempt; a fresh key, or one older than KEEP, is not.
    const claimed = await db.query<{ resumed: boolean }>(
      `WITH previous AS (
         SELECT reply IS NULL AND fingerprint = $3 AS unanswered
           FROM idempotency_keys WHERE device_id = $1 AND key = $2
       )
       INSERT INTO idempotency_keys (device_id, key, fingerprint, leased_until)
       VALUES ($1, $2, $3, now() + $4::interval)
       ON CONFLICT (device_id, key) DO UPDATE
         SET fingerprint = EXCLUDED.fingerprint, leased_until = EXCLUDED.leased_until,
             created_at = now(), status = NULL, reply = NULL
         WHERE (idempotency_keys.reply IS NULL AND idempotency_keys.leased_until < now()
                AND idempotency_keys.fingerprint = EXCLUDED.fingerprint)
            OR idempotency_keys.created_at < now() - $5::interval
       RETURNING COALESCE((SELECT unanswered FROM previous), false) AS resumed`,
      [device, key, fingerprint, lease, KEEP],
    );
    const row = claimed.rows[0];
    return row ? { resumed: row.resumed } : null;
  }

  return {
    async run(request: WriteRequest, work) {
      if (request.method === 'GET' || request.key === undefined) return work({ resumed: false });
      if (!KEY_PATTERN.test(request.key))
        return errorReply(
          400,
          'invalid_request',
          'Idempotency-Key must be 16 to 128 of A-Z a-z 0-9 _ -',
        );
      const device = request.deviceId ?? '-';
      const fingerprint = createHash('sha256')
        .update(`${request.method} ${request.path}\u0000${request.bodyText}`)
        .digest('base64url');
      const attempt = await claim(device, request.key, fingerprint);
      if (!attempt) {
        const { rows } = await db.query<{ fingerprint: string; reply: Reply | null }>(
          'SELECT fingerprint, reply FROM idempotency_keys WHERE device_id = $1 AND key = $2',
          [device, request.key],
        );
        const row = rows[0];
        if (row && row.fingerprint !== fingerprint)
          return errorReply(422, 'idempotency_key_reused', 'this key was used for another request');
        if (!row || row.reply === null)
          return errorReply(
            409,
            'idempotency_in_progress',
            'the first request with this key is still running',
          );
        return { ...row.reply, headers: { ...row.reply.headers, 'idempotent-replayed': 'true' } };
      }
      let reply: Reply;
      try {
        reply = await work(attempt);
      } catch (error) {
        // The handler's own error is what the client must get, even if this fails too (the
        // claim then ends with its lease).
        await db
          .query('DELETE FROM idempotency_keys WHERE device_id = $1 AND key = $2', [
            device,
            request.key,
          ])
          .catch(() => {});
        throw error;
      }
      if (isFinal(reply))
        await db.query(
          `UPDATE idempotency_keys SET status = $3, reply = $4, leased_until = NULL
           WHERE device_id = $1 AND key = $2`,
          [device, request.key, reply.status, JSON.stringify(reply)],
        );
      else
        await db.query('DELETE FROM idempotency_keys WHERE device_id = $1 AND key = $2', [
          device,
          request.key,
        ]);
      return reply;
    },
    // The simulator's control routes count performed writes for tests; the server has none, and
    // keeping a list would grow without end.
    performed: () => [],
  };
}
