/**
 * What the server's tables no longer need, deleted once an hour by one instance (an advisory
 * try-lock; the others skip): answers of Idempotency-Keys past their 24 hours, expired codes,
 * sessions, tokens and grants, failures out of every limit's window, sent mail. Nothing here is
 * read once expired: deleting it changes no answer, it only keeps the tables small and keeps no
 * more than needed of who did what.
 */
import { CONSOLE_SIGN_IN_LIMITS } from '../console/sign-in';
import { HEARTBEAT_KEEP_SECONDS } from './fleet';
import { SIMULATOR_LIMITS } from '../../src-main/simulator/rate-limits';
import { STAFF_PIN_LIMITS, STAFF_PIN_MEMORY_MS } from '../../src-main/simulator/staff-pin-limits';
import { STAFF_SESSION_MAX_SECONDS } from '../../src-main/simulator/staff-state';
import type { Pool } from './database';

/** The advisory lock the housekeeping holds (an arbitrary constant, unique to this use). */
const HOUSEKEEPING_LOCK = 7_216_430_002;
const HOUR = 3600;
/** Idempotency answers are promised for 24 h; kept a day more for kiosks with a slow clock. */
const IDEMPOTENCY_KEEP_SECONDS = 48 * HOUR;
/** A sent message's row (its body is already erased) is kept a week, for the logs' sake. */
const SENT_MAIL_KEEP_SECONDS = 7 * 24 * HOUR;

const longestAttemptWindow = Math.max(
  ...[...Object.values(SIMULATOR_LIMITS), ...Object.values(CONSOLE_SIGN_IN_LIMITS)].map(
    (r) => r.windowSeconds,
  ),
);

/** Each statement, with the age in seconds (or 0) its $1 is "now minus". */
const DELETES: readonly [table: string, sql: string, seconds: number][] = [
  [
    'idempotency_keys',
    `DELETE FROM idempotency_keys WHERE created_at < $1
       AND (leased_until IS NULL OR leased_until < now())`,
    IDEMPOTENCY_KEEP_SECONDS,
  ],
  ['journey_codes', 'DELETE FROM journey_codes WHERE expires_at < $1', 0],
  ['student_sessions', 'DELETE FROM student_sessions WHERE expires_at < $1', 0],
  ['kiosk_tokens', 'DELETE FROM kiosk_tokens WHERE expires_at < $1', 0],
  ['staff_grants', 'DELETE FROM staff_grants WHERE expires_at < $1', 0],
  ['staff_action_proofs', 'DELETE FROM staff_action_proofs WHERE expires_at < $1', 0],
  // The help-desk console's sessions past their absolute expiry (an idle one is refused
  // already, and deleted once its absolute expiry passes).
  ['console_sessions', 'DELETE FROM console_sessions WHERE expires_at < $1', 0],
  [
    'kiosk_heartbeats',
    'DELETE FROM kiosk_heartbeats WHERE received_at < $1',
    HEARTBEAT_KEEP_SECONDS,
  ],
  [
    'staff_sessions',
    `DELETE FROM staff_sessions WHERE opened_at < $1
        OR last_used_at + make_interval(secs => ttl_seconds) < now()`,
    STAFF_SESSION_MAX_SECONDS,
  ],
  [
    'staff_kiosk_failures',
    'DELETE FROM staff_kiosk_failures WHERE at < $1',
    STAFF_PIN_LIMITS.kioskWindowSeconds,
  ],
  [
    'staff_pin_failures',
    'DELETE FROM staff_pin_failures WHERE at < $1',
    STAFF_PIN_MEMORY_MS / 1000,
  ],
  ['attempt_failures', 'DELETE FROM attempt_failures WHERE at < $1', longestAttemptWindow],
  [
    'mail_queue',
    'DELETE FROM mail_queue WHERE sent_at IS NOT NULL AND sent_at < $1',
    SENT_MAIL_KEEP_SECONDS,
  ],
];

/** Rows deleted per table; null when another instance is doing it right now. */
export async function houseKeep(
  pool: Pool,
  now: Date = new Date(),
): Promise<Record<string, number> | null> {
  const client = await pool.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>(
      'SELECT pg_try_advisory_lock($1) AS locked',
      [HOUSEKEEPING_LOCK],
    );
    if (!rows[0]?.locked) return null;
    try {
      const deleted: Record<string, number> = {};
      for (const [table, sql, seconds] of DELETES) {
        const result = await client.query(sql, [new Date(now.getTime() - seconds * 1000)]);
        deleted[table] = result.rowCount ?? 0;
      }
      return deleted;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [HOUSEKEEPING_LOCK]);
    }
  } finally {
    client.release();
  }
}
