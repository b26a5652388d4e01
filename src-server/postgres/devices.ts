/**
 * Kiosk devices and their bearer tokens in PostgreSQL: a token one instance issued is valid on
 * every other, and a device revoked once is refused by all. Only SHA-256 digests of secrets and
 * tokens are stored (both are 32 random bytes: a digest cannot be turned back into them).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../src-main/core/ports';
import type { DeviceAuth } from '../../src-main/simulator/backends';
import { DEFAULT_TOKEN_TTL_SECONDS } from '../../src-main/simulator/tokens';
import type { Pool } from './database';
import { unavailableOnOutage } from './outage';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();
// Compared against when the device is unknown, so both refusals take the same time.
const DECOY = sha256('no such device');

/** Device identifiers as the contract allows them (KioskTokenRequest.deviceId). */
export const DEVICE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export class DeviceExists extends Error {
  override name = 'DeviceExists';
}

/**
 * Registers a kiosk and returns its secret (generated unless given, e.g. by a test): the only
 * time it exists outside the kiosk. `replace` gives an existing device a new secret and revokes
 * its tokens.
 */
export async function registerDevice(
  pool: Pool,
  deviceId: string,
  options: { label?: string; secret?: string; replace?: boolean } = {},
): Promise<string> {
  if (!DEVICE_ID.test(deviceId))
    throw new Error('a device id is 1 to 128 letters, digits, dots, dashes or underscores');
  const secret = options.secret ?? randomBytes(32).toString('base64url');
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rowCount } = await client.query(
      `INSERT INTO devices (device_id, secret_digest, label) VALUES ($1, $2, $3)
       ON CONFLICT (device_id) DO UPDATE
         SET secret_digest = EXCLUDED.secret_digest, label = EXCLUDED.label,
             registered_at = now(), revoked_at = NULL
         WHERE $4::boolean`,
      [deviceId, sha256(secret), options.label ?? '', options.replace === true],
    );
    if (rowCount !== 1) throw new DeviceExists(`the device ${deviceId} is already registered`);
    await client.query('DELETE FROM kiosk_tokens WHERE device_id = $1', [deviceId]);
    await client.query('COMMIT');
    return secret;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** Revokes a device: its tokens stop working at once, on every instance. */
export async function revokeDevice(pool: Pool, deviceId: string): Promise<boolean> {
  const { rowCount } = await pool.query(
    'UPDATE devices SET revoked_at = now() WHERE device_id = $1 AND revoked_at IS NULL',
    [deviceId],
  );
  await pool.query('DELETE FROM kiosk_tokens WHERE device_id = $1', [deviceId]);
  return rowCount === 1;
}

/** The device port over `pool` (migrated). */
export function createPostgresDevices(
  pool: Pool,
  clock: Clock,
  ttlSeconds = DEFAULT_TOKEN_TTL_SECONDS,
): DeviceAuth {
  const db = unavailableOnOutage(pool);
  return {
    async check(deviceId, secret) {
      const { rows } = await db.query<{ secret_digest: Buffer }>(
        'SELECT secret_digest FROM devices WHERE device_id = $1 AND revoked_at IS NULL',
        [deviceId],
      );
      const expected = rows[0]?.secret_digest;
      const same = timingSafeEqual(expected ?? DECOY, sha256(secret));
      return expected !== undefined && same;
    },
    async issueToken(deviceId) {
      const now = clock.now();
      const accessToken = randomBytes(32).toString('base64url');
      await db.query('DELETE FROM kiosk_tokens WHERE expires_at <= $1', [now]);
      await db.query(
        'INSERT INTO kiosk_tokens (token_digest, device_id, expires_at) VALUES ($1, $2, $3)',
        [sha256(accessToken), deviceId, new Date(now.getTime() + ttlSeconds * 1000)],
      );
      return { accessToken, expiresIn: ttlSeconds };
    },
    async verifyToken(token) {
      const { rows } = await db.query<{ device_id: string }>(
        `SELECT t.device_id FROM kiosk_tokens t JOIN devices d USING (device_id)
          WHERE t.token_digest = $1 AND t.expires_at > $2 AND d.revoked_at IS NULL`,
        [sha256(token), clock.now()],
      );
      const deviceId = rows[0]?.device_id;
      return deviceId === undefined ? null : { deviceId };
    },
  };
}
