/**
 * The journeys' one-time codes and student sessions in PostgreSQL, so that any instance checks
 * what another issued. Only keyed digests are stored (HMAC-SHA-256 with the server's secret key,
 * which is not in the database): a stolen table gives neither a code nor a session.
 */
import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { normaliseCode } from '../../src-main/core/activation';
import type { Clock } from '../../src-main/core/ports';
import type { JourneySecrets } from '../../src-main/simulator/backends';
import {
  MAX_CODE_FAILURES,
  STUDENT_SESSION_TTL_SECONDS,
} from '../../src-main/simulator/journey-state';
import type { Pool } from './database';
import { unavailableOnOutage } from './outage';

/** How long an operation holds a code before another may use it (an instance that crashed). */
const CODE_HOLD_MS = 60_000;

/** Creates the store over `pool` (migrated); `key` is the server's secret (32 bytes or more). */
export function createPostgresSecrets(pool: Pool, key: Buffer, clock: Clock): JourneySecrets {
  if (key.length < 32) throw new Error('the server secret key must be at least 32 bytes');
  const digest = (...parts: string[]) => {
    const mac = createHmac('sha256', key);
    for (const part of parts) mac.update(part, 'utf8').update('\u0000');
    return mac.digest();
  };
  const db = unavailableOnOutage(pool);

  return {
    async issueCode(identifier, purpose, validForMs) {
      const code = String(randomInt(0, 100_000_000)).padStart(8, '0');
      const expiresAt = new Date(clock.now().getTime() + validForMs);
      await db.query(
        `INSERT INTO journey_codes (identifier, purpose, digest, expires_at, failures)
         VALUES ($1, $2, $3, $4, 0)
         ON CONFLICT (identifier, purpose) DO UPDATE
           SET digest = EXCLUDED.digest, expires_at = EXCLUDED.expires_at, failures = 0,
               held_until = NULL`,
        [identifier, purpose, digest('code', identifier, purpose, code), expiresAt],
      );
      return { code, expiresAt };
    },

    async checkCode(identifier, purpose, code) {
      const given = digest('code', identifier, purpose, normaliseCode(code));
      // Compared and counted under the row's lock: parallel guesses on several instances take
      // turns, so none can overtake the limit.
      const row = await db.transaction(async (client) => {
        const { rows } = await client.query<{ digest: Buffer; expires_at: Date; failures: number }>(
          `SELECT digest, expires_at, failures FROM journey_codes
            WHERE identifier = $1 AND purpose = $2 FOR UPDATE`,
          [identifier, purpose],
        );
        const stored = rows[0];
        if (!stored || timingSafeEqual(stored.digest, given)) return stored ?? null;
        const failures = stored.failures + 1;
        await (failures >= MAX_CODE_FAILURES
          ? client.query('DELETE FROM journey_codes WHERE identifier = $1 AND purpose = $2', [
              identifier,
              purpose,
            ])
          : client.query(
              'UPDATE journey_codes SET failures = $3 WHERE identifier = $1 AND purpose = $2',
              [identifier, purpose, failures],
            ));
        return null;
      });
      if (!row) return { ok: false, reason: 'code_invalid' };
      if (clock.now().getTime() >= row.expires_at.getTime())
        return { ok: false, reason: 'code_expired' };
      return { ok: true, expiresAt: row.expires_at };
    },

    async consumeCode(identifier, purpose) {
      await db.query('DELETE FROM journey_codes WHERE identifier = $1 AND purpose = $2', [
        identifier,
        purpose,
      ]);
    },

    async holdCode(identifier, purpose) {
      const now = clock.now();
      // One statement: of parallel uses on any instance, exactly one holds it.
      const { rowCount } = await db.query(
        `UPDATE journey_codes SET held_until = $3
          WHERE identifier = $1 AND purpose = $2 AND (held_until IS NULL OR held_until <= $4)`,
        [identifier, purpose, new Date(now.getTime() + CODE_HOLD_MS), now],
      );
      return rowCount === 1;
    },

    async releaseCode(identifier, purpose) {
      await db.query(
        'UPDATE journey_codes SET held_until = NULL WHERE identifier = $1 AND purpose = $2',
        [identifier, purpose],
      );
    },

    async openSession(identifier) {
      const now = clock.now();
      const sessionToken = randomBytes(24).toString('base64url');
      const expiresAt = new Date(now.getTime() + STUDENT_SESSION_TTL_SECONDS * 1000);
      await db.query('DELETE FROM student_sessions WHERE expires_at <= $1', [now]);
      await db.query(
        'INSERT INTO student_sessions (token_digest, identifier, expires_at) VALUES ($1, $2, $3)',
        [digest('session', sessionToken), identifier, expiresAt],
      );
      return { sessionToken, expiresIn: STUDENT_SESSION_TTL_SECONDS };
    },

    async sessionAccount(token) {
      if (token === '') return null;
      const { rows } = await db.query<{ identifier: string }>(
        'SELECT identifier FROM student_sessions WHERE token_digest = $1 AND expires_at > $2',
        [digest('session', token), clock.now()],
      );
      return rows[0]?.identifier ?? null;
    },
  };
}
