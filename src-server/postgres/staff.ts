/**
 * Staff mode's state in PostgreSQL, shared by every instance: the staff enrolled with a PIN
 * (a scrypt hash only), wrong PINs kept with the kiosk they came from, staff sessions bound
 * to the kiosk that opened them, and one-time grants. A sign-in checks the limits, the PIN and
 * counts the outcome under advisory locks, so parallel guesses on several instances take turns
 * and none overtakes a limit. The limits are the simulator's rule itself
 * (src-main/simulator/staff-pin-limits.ts), the lifetimes and refusals its
 * (src-main/simulator/staff-state.ts): one contract.
 */
import { createHash, createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { Clock } from '../../src-main/core/ports';
import { parseStaffRole, type StaffRole } from '../../src-main/core/staff-roles';
import type { GrantUse, StaffStore } from '../../src-main/simulator/backends';
import {
  STAFF_PIN_LIMITS,
  STAFF_PIN_MEMORY_MS,
  staffPinRetryAfter,
} from '../../src-main/simulator/staff-pin-limits';
import {
  GRANT_TTL_MS,
  STAFF_PROOF_TTL_MS,
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

  /**
   * Seconds until this kiosk may try a PIN for this identifier again, or null; with
   * `kioskWide` false, the identifier's own wait only (not the kiosk-wide slow-down).
   */
  async function limited(
    client: Pick<Database, 'query'>,
    who: Buffer,
    deviceId: string,
    kioskWide = true,
  ) {
    const now = clock.now().getTime();
    const own = await client.query<{ device_id: string; at: Date; settled: boolean }>(
      `SELECT device_id, at, settled FROM staff_pin_failures
        WHERE staff_digest = $1 AND at > $2 ORDER BY at`,
      [who, new Date(now - STAFF_PIN_MEMORY_MS)],
    );
    const kiosk = kioskWide
      ? await client.query<{ at: Date }>(
          'SELECT at FROM staff_kiosk_failures WHERE device_id = $1 AND at > $2 ORDER BY at',
          [deviceId, new Date(now - STAFF_PIN_LIMITS.kioskWindowSeconds * 1000)],
        )
      : { rows: [] };
    return staffPinRetryAfter(
      own.rows.map((r) => ({ deviceId: r.device_id, at: r.at.getTime(), settled: r.settled })),
      kiosk.rows.map((r) => r.at.getTime()),
      deviceId,
      now,
    );
  }

  async function countFailure(client: Pick<Database, 'query'>, who: Buffer, deviceId: string) {
    const now = clock.now();
    await client.query(
      `WITH kiosk AS (INSERT INTO staff_kiosk_failures (device_id, at) VALUES ($2, $3))
       INSERT INTO staff_pin_failures (staff_digest, device_id, at) VALUES ($1, $2, $3)`,
      [who, deviceId, now],
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
        // The right PIN ends this kiosk's wait; the day's count stays, for the bound.
        await client.query(
          'UPDATE staff_pin_failures SET settled = true WHERE staff_digest = $1 AND device_id = $2',
          [who, deviceId],
        );
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

    async liftPinLimits(deviceId) {
      return db.transaction(async (client) => {
        // The kiosk's sign-in lock, as a sign-in takes it: no guess is counted half-lifted.
        await client.query(
          "SELECT pg_advisory_xact_lock(hashtextextended('staff-kiosk:' || $1, 0))",
          [deviceId],
        );
        await client.query('DELETE FROM staff_kiosk_failures WHERE device_id = $1', [deviceId]);
        const { rowCount } = await client.query(
          'DELETE FROM staff_pin_failures WHERE device_id = $1',
          [deviceId],
        );
        return rowCount ?? 0;
      });
    },

    async issueProofs(staff, identifier, actions) {
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + STAFF_PROOF_TTL_MS);
      const issued = actions.map((action) => ({
        action,
        proof: randomBytes(32).toString('base64url'),
        expiresAt,
      }));
      await db.query(
        `INSERT INTO staff_action_proofs
           (digest, staff_id, role, device_id, identifier, action, expires_at)
         SELECT d, $2, $3, $4, $5, a, $6 FROM unnest($1::bytea[], $7::text[]) AS p(d, a)`,
        [
          issued.map((p) => sha256(p.proof)),
          staff.staffId,
          staff.role,
          staff.deviceId,
          identifier,
          expiresAt,
          issued.map((p) => p.action),
        ],
      );
      return issued;
    },

    async redeemProof(proof, use) {
      return db.transaction(async (client) => {
        // Locked, so that two writes presenting one proof on two instances take turns.
        const { rows } = await client.query<{
          staff_id: string;
          role: string;
          spent_by: string | null;
        }>(
          `SELECT staff_id, role, spent_by FROM staff_action_proofs
            WHERE digest = $1 AND device_id = $2 AND identifier = $3 AND action = $4
              AND expires_at > $5
            FOR UPDATE`,
          [sha256(proof), use.deviceId, use.identifier, use.action, clock.now()],
        );
        const row = rows[0];
        if (!row || (row.spent_by !== null && row.spent_by !== use.key)) return null;
        const known = await member(client, row.staff_id);
        const role = known ? await roleOf(known) : null;
        if (!known || role === null || role !== row.role) return null;
        if ((await limited(client, keyed(row.staff_id), use.deviceId, false)) !== null) return null;
        await client.query('UPDATE staff_action_proofs SET spent_by = $2 WHERE digest = $1', [
          sha256(proof),
          use.key,
        ]);
        return {
          staffId: row.staff_id,
          displayName: known.display_name,
          role,
          deviceId: use.deviceId,
          queued: true,
        } satisfies StaffPrincipal;
      });
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
