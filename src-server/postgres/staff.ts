/**
 * Staff mode's state in PostgreSQL, shared by every instance: the staff enrolled with a PIN
 * (a scrypt hash only), wrong PINs counted per staff member and per kiosk, staff sessions bound
 * to the kiosk that opened them, and one-time grants. A sign-in checks the limits, the PIN and
 * counts the outcome under advisory locks, so parallel guesses on several instances take turns
 * and none overtakes a limit. The limits, lifetimes and refusals are the simulator's
 * (src-main/simulator/staff-state.ts): one contract.
 */
import { createHash, createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { Clock } from '../../src-main/core/ports';
import { parseStaffRole, type StaffRole } from '../../src-main/core/staff-roles';
import type { GrantUse, StaffStore } from '../../src-main/simulator/backends';
import {
  GRANT_TTL_MS,
  KIOSK_FAILURE_WINDOW_SECONDS,
  MAX_KIOSK_PIN_FAILURES,
  MAX_STAFF_PIN_FAILURES,
  STAFF_LOCKOUT_SECONDS,
  STAFF_SESSION_MAX_SECONDS,
  type StaffPrincipal,
} from '../../src-main/simulator/staff-state';
import type { Pool } from './database';
import { unavailableOnOutage, type Database } from './outage';

const scryptAsync = promisify(scrypt) as (
  pin: string,
  salt: Buffer,
  length: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

/** A PIN is short: its hash must be slow (16 MiB of scrypt, about 50 ms here). */
const PIN_COST = { N: 16_384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const hashPin = (pin: string, salt: Buffer) => scryptAsync(pin, salt, 32, PIN_COST);
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();
/** How long a grant stays reserved by an operation before another may use it (a crash). */
const GRANT_RESERVATION_MS = 60_000;

/** PIN format, as the contract's StaffLoginRequest has it. */
export const STAFF_PIN = /^\d{4,12}$/;
/** Staff identifiers, as the contract allows them. */
export const STAFF_ID = /^[^\s]{1,64}$/;

export interface StaffEnrolment {
  staffId: string;
  displayName: string;
  /** null: read from the directory's groups at every sign-in. */
  role: StaffRole | null;
  pin: string;
}

/** Enrols a staff member, or gives an enrolled one a new PIN, name and role. */
export async function enrolStaff(pool: Pool, member: StaffEnrolment): Promise<void> {
  if (!STAFF_ID.test(member.staffId))
    throw new Error('a staff identifier is 1 to 64 characters without spaces');
  if (!STAFF_PIN.test(member.pin)) throw new Error('a PIN is 4 to 12 digits');
  const salt = randomBytes(16);
  await pool.query(
    `INSERT INTO staff_members (staff_id, display_name, role, pin_salt, pin_hash)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (staff_id) DO UPDATE
       SET display_name = EXCLUDED.display_name, role = EXCLUDED.role,
           pin_salt = EXCLUDED.pin_salt, pin_hash = EXCLUDED.pin_hash, removed_at = NULL`,
    [member.staffId, member.displayName, member.role, salt, await hashPin(member.pin, salt)],
  );
}

/** Removes a staff member: their sessions end at once, on every instance. */
export async function removeStaff(pool: Pool, staffId: string): Promise<boolean> {
  const { rowCount } = await pool.query(
    'UPDATE staff_members SET removed_at = now() WHERE staff_id = $1 AND removed_at IS NULL',
    [staffId],
  );
  await pool.query('DELETE FROM staff_sessions WHERE staff_id = $1', [staffId]);
  return rowCount === 1;
}

export interface StaffStoreOptions {
  clock: Clock;
  /** Keys the digest under which a typed staff identifier is counted (it may be a PIN). */
  secretKey: Buffer;
  /**
   * The role of a member enrolled without one: from the directory's groups, read at each
   * sign-in; null when the member is in none of them (refused like a wrong PIN).
   */
  roleFromDirectory?: (staffId: string) => Promise<StaffRole | null>;
}

interface MemberRow {
  staff_id: string;
  display_name: string;
  role: string | null;
  pin_salt: Buffer;
  pin_hash: Buffer;
}

/** The staff port over `pool` (migrated). */
export function createPostgresStaff(pool: Pool, options: StaffStoreOptions): StaffStore {
  const db = unavailableOnOutage(pool);
  const { clock } = options;
  const keyed = (text: string) =>
    createHmac('sha256', options.secretKey).update(text, 'utf8').digest();
  // Checked for an unknown identifier, so that both refusals cost the same.
  const decoy = { pin_salt: randomBytes(16), pin_hash: randomBytes(32) };

  async function roleOf(row: Pick<MemberRow, 'staff_id' | 'role'>): Promise<StaffRole | null> {
    if (row.role !== null) return parseStaffRole(row.role);
    return options.roleFromDirectory ? options.roleFromDirectory(row.staff_id) : null;
  }

  async function member(client: Pick<Database, 'query'>, staffId: string) {
    const { rows } = await client.query<MemberRow>(
      `SELECT staff_id, display_name, role, pin_salt, pin_hash FROM staff_members
        WHERE staff_id = $1 AND removed_at IS NULL`,
      [staffId],
    );
    return rows[0] ?? null;
  }

  /** Seconds until this identifier or this kiosk may try again, or null. */
  async function limited(client: Pick<Database, 'query'>, who: Buffer, deviceId: string) {
    const now = clock.now();
    const own = await client.query<{ locked_until: Date | null }>(
      'SELECT locked_until FROM staff_pin_lockouts WHERE staff_digest = $1',
      [who],
    );
    const until = own.rows[0]?.locked_until;
    if (until && until > now) return Math.ceil((until.getTime() - now.getTime()) / 1000);
    const since = new Date(now.getTime() - KIOSK_FAILURE_WINDOW_SECONDS * 1000);
    await client.query('DELETE FROM staff_kiosk_failures WHERE device_id = $1 AND at <= $2', [
      deviceId,
      since,
    ]);
    const kiosk = await client.query<{ n: number; oldest: Date | null }>(
      `SELECT count(*)::int AS n, min(at) AS oldest FROM staff_kiosk_failures
        WHERE device_id = $1`,
      [deviceId],
    );
    const { n, oldest } = kiosk.rows[0] ?? { n: 0, oldest: null };
    if (n < MAX_KIOSK_PIN_FAILURES) return null;
    const free = (oldest ?? now).getTime() + KIOSK_FAILURE_WINDOW_SECONDS * 1000;
    return Math.max(1, Math.ceil((free - now.getTime()) / 1000));
  }

  async function countFailure(client: Pick<Database, 'query'>, who: Buffer, deviceId: string) {
    const now = clock.now();
    await client.query('INSERT INTO staff_kiosk_failures (device_id, at) VALUES ($1, $2)', [
      deviceId,
      now,
    ]);
    const lockedUntil = new Date(now.getTime() + STAFF_LOCKOUT_SECONDS * 1000);
    // The MAX_STAFF_PIN_FAILURES-th failure in a row locks the identifier and starts again.
    await client.query(
      `INSERT INTO staff_pin_lockouts (staff_digest, failures, locked_until) VALUES ($1, 1, NULL)
       ON CONFLICT (staff_digest) DO UPDATE SET
         failures = CASE WHEN staff_pin_lockouts.failures + 1 >= $2 THEN 0
                         ELSE staff_pin_lockouts.failures + 1 END,
         locked_until = CASE WHEN staff_pin_lockouts.failures + 1 >= $2 THEN $3::timestamptz
                             ELSE staff_pin_lockouts.locked_until END`,
      [who, MAX_STAFF_PIN_FAILURES, lockedUntil],
    );
  }

  return {
    async signIn(staffId, pin, deviceId, ttlSeconds) {
      const who = keyed(staffId);
      return db.transaction(async (client) => {
        // The kiosk's lock first, then the identifier's: every sign-in takes them in this order.
        await client.query(
          "SELECT pg_advisory_xact_lock(hashtextextended('staff-kiosk:' || $1, 0))",
          [deviceId],
        );
        await client.query(
          "SELECT pg_advisory_xact_lock(hashtextextended('staff-pin:' || encode($1, 'hex'), 0))",
          [who],
        );
        const wait = await limited(client, who, deviceId);
        if (wait !== null)
          return { ok: false, reason: 'rate_limited', retryAfterSeconds: wait } as const;
        const known = await member(client, staffId);
        const stored = known ?? decoy;
        const same = timingSafeEqual(stored.pin_hash, await hashPin(pin, stored.pin_salt));
        const role = known && same ? await roleOf(known) : null;
        if (!known || !same || role === null) {
          if (!known || !same) await countFailure(client, who, deviceId);
          return { ok: false, reason: 'invalid_pin' } as const;
        }
        await client.query('DELETE FROM staff_pin_lockouts WHERE staff_digest = $1', [who]);
        const now = clock.now();
        await client.query(
          `DELETE FROM staff_sessions
            WHERE last_used_at + make_interval(secs => ttl_seconds) <= $1 OR opened_at <= $2`,
          [now, new Date(now.getTime() - STAFF_SESSION_MAX_SECONDS * 1000)],
        );
        const sessionToken = randomBytes(32).toString('base64url');
        await client.query(
          `INSERT INTO staff_sessions
             (token_digest, staff_id, role, device_id, opened_at, last_used_at, ttl_seconds)
           VALUES ($1, $2, $3, $4, $5, $5, $6)`,
          [sha256(sessionToken), staffId, role, deviceId, now, ttlSeconds],
        );
        const staff: StaffPrincipal = {
          staffId,
          displayName: known.display_name,
          role,
          deviceId,
        };
        return { ok: true, sessionToken, expiresIn: ttlSeconds, staff } as const;
      });
    },

    async session(token, deviceId) {
      const now = clock.now();
      // Another kiosk's session is as good as none here: a token copied elsewhere is useless.
      const { rows } = await db.query<{ staff_id: string; display_name: string; role: string }>(
        `UPDATE staff_sessions s SET last_used_at = $3
           FROM staff_members m
          WHERE s.token_digest = $1 AND s.device_id = $2 AND m.staff_id = s.staff_id
            AND m.removed_at IS NULL
            AND s.last_used_at + make_interval(secs => s.ttl_seconds) > $3
            AND s.opened_at > $4
        RETURNING s.staff_id, m.display_name, s.role`,
        [sha256(token), deviceId, now, new Date(now.getTime() - STAFF_SESSION_MAX_SECONDS * 1000)],
      );
      const row = rows[0];
      const role = row ? parseStaffRole(row.role) : null;
      if (!row || role === null) return 'expired';
      return { staffId: row.staff_id, displayName: row.display_name, role, deviceId };
    },

    async close(token) {
      await db.query('DELETE FROM staff_sessions WHERE token_digest = $1', [sha256(token)]);
    },

    async member(staffId, deviceId) {
      const known = await member(db, staffId);
      const role = known ? await roleOf(known) : null;
      if (!known || role === null) return null;
      return { staffId, displayName: known.display_name, role, deviceId, queued: true };
    },

    async issueGrant(identifier, purpose, staffId) {
      const grant = randomBytes(32).toString('base64url');
      const expiresAt = new Date(clock.now().getTime() + GRANT_TTL_MS);
      await db.query(
        `INSERT INTO staff_grants (identifier, purpose, digest, staff_id, expires_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (identifier, purpose) DO UPDATE
           SET digest = EXCLUDED.digest, staff_id = EXCLUDED.staff_id,
               expires_at = EXCLUDED.expires_at, reserved_until = NULL`,
        [identifier, purpose, sha256(grant), staffId, expiresAt],
      );
      return { grant, expiresAt };
    },

    async reserveGrant(grant, identifier, purpose): Promise<GrantUse> {
      const digest = sha256(grant);
      const now = clock.now();
      // One statement: of parallel uses on any instance, exactly one reserves it.
      const { rows } = await db.query<{ staff_id: string; expires_at: Date }>(
        `UPDATE staff_grants SET reserved_until = $4
          WHERE identifier = $1 AND purpose = $2 AND digest = $3
            AND (reserved_until IS NULL OR reserved_until <= $5)
        RETURNING staff_id, expires_at`,
        [identifier, purpose, digest, new Date(now.getTime() + GRANT_RESERVATION_MS), now],
      );
      const row = rows[0];
      if (!row) return { ok: false, reason: 'code_invalid' };
      const key = [identifier, purpose, digest] as const;
      const release = async () => {
        await db.query(
          `UPDATE staff_grants SET reserved_until = NULL
            WHERE identifier = $1 AND purpose = $2 AND digest = $3`,
          [...key],
        );
      };
      if (now >= row.expires_at) {
        await release();
        return { ok: false, reason: 'code_expired' };
      }
      return {
        ok: true,
        staffId: row.staff_id,
        release,
        consume: async () => {
          await db.query(
            'DELETE FROM staff_grants WHERE identifier = $1 AND purpose = $2 AND digest = $3',
            [...key],
          );
        },
      };
    },
  };
}
