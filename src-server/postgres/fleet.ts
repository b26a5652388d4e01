/**
 * The kiosks' heartbeats in PostgreSQL, shared by every instance (the simulator's are in
 * memory: src-main/simulator/fleet.ts, with the same rule: one per kiosk per 15 seconds).
 */
import { HEARTBEAT_MIN_INTERVAL_SECONDS, HeartbeatWire } from '../../src-main/api/wire-fleet';
import type { FleetStore, StoredHeartbeat } from '../../src-main/simulator/backends';
import type { Pool } from './database';
import { unavailableOnOutage } from './outage';

/** How long heartbeats are kept (housekeeping.ts). */
export const HEARTBEAT_KEEP_SECONDS = 7 * 86_400;

interface Row {
  device_id: string;
  received_at: Date;
  beat: unknown;
}

const stored = (row: Row): StoredHeartbeat => ({
  deviceId: row.device_id,
  receivedAt: row.received_at,
  // Written after the route checked it against the same schema.
  beat: HeartbeatWire.parse(row.beat),
});

/** `minIntervalSeconds`: one heartbeat per kiosk per so many seconds (the contract's 15). */
export function createPostgresFleet(
  pool: Pool,
  minIntervalSeconds = HEARTBEAT_MIN_INTERVAL_SECONDS,
): FleetStore {
  const db = unavailableOnOutage(pool);
  return {
    async record(deviceId, beat, at) {
      return db.transaction(async (client) => {
        // Per kiosk, in turn: of two heartbeats racing on two instances, one is kept.
        await client.query(
          "SELECT pg_advisory_xact_lock(hashtextextended('heartbeat:' || $1, 0))",
          [deviceId],
        );
        const { rows } = await client.query<{ at: Date | null }>(
          'SELECT max(received_at) AS at FROM kiosk_heartbeats WHERE device_id = $1',
          [deviceId],
        );
        const last = rows[0]?.at?.getTime() ?? null;
        const next = last === null ? 0 : last + minIntervalSeconds * 1000;
        if (at.getTime() < next)
          return { ok: false, retryAfterSeconds: Math.ceil((next - at.getTime()) / 1000) };
        await client.query(
          'INSERT INTO kiosk_heartbeats (device_id, received_at, beat) VALUES ($1, $2, $3)',
          [deviceId, at, JSON.stringify(beat)],
        );
        return { ok: true };
      });
    },
    async history(deviceId, since) {
      const { rows } = await db.query<Row>(
        `SELECT device_id, received_at, beat FROM kiosk_heartbeats
          WHERE device_id = $1 AND received_at >= $2 ORDER BY received_at`,
        [deviceId, since],
      );
      return rows.map(stored);
    },
    async latest() {
      const { rows } = await db.query<Row>(
        `SELECT DISTINCT ON (device_id) device_id, received_at, beat FROM kiosk_heartbeats
          ORDER BY device_id, received_at DESC`,
      );
      return rows.map(stored);
    },
  };
}
