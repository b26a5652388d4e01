/**
 * The kiosks' heartbeats (POST /v1/kiosk/heartbeats): one every minute from each kiosk, kept
 * with the time the service received it. The simulator keeps a day of them per kiosk in memory;
 * the server keeps them in PostgreSQL (src-server/postgres/fleet.ts).
 */
import { FLEET_PATHS, HEARTBEAT_MIN_INTERVAL_SECONDS, HeartbeatWire } from '../api/wire-fleet';
import type { FleetStore, StoredHeartbeat } from './backends';
import type { Reply } from './http';
import { rateLimited } from './rate-limits';
import { defineRoute } from './router';

const noContent: Reply = { status: 204, body: undefined };

/** A day of minutes: what the simulator keeps per kiosk. */
const KEPT_PER_KIOSK = 1440;

/** The simulator's heartbeats, in memory. */
export function memoryFleet(): FleetStore {
  const beats = new Map<string, StoredHeartbeat[]>();
  return {
    async record(deviceId, beat, at) {
      const list = beats.get(deviceId) ?? [];
      const last = list.at(-1);
      const wait = last
        ? Math.ceil(
            (last.receivedAt.getTime() + HEARTBEAT_MIN_INTERVAL_SECONDS * 1000 - at.getTime()) /
              1000,
          )
        : 0;
      if (wait > 0) return { ok: false, retryAfterSeconds: wait };
      list.push({ deviceId, receivedAt: at, beat });
      if (list.length > KEPT_PER_KIOSK) list.splice(0, list.length - KEPT_PER_KIOSK);
      beats.set(deviceId, list);
      return { ok: true };
    },
    async history(deviceId, since) {
      return (beats.get(deviceId) ?? []).filter((b) => b.receivedAt >= since);
    },
    async latest() {
      return [...beats.values()].flatMap((list) => list.slice(-1));
    },
  };
}

export const heartbeatRoute = defineRoute({
  method: 'POST',
  path: FLEET_PATHS.heartbeats,
  auth: 'kiosk',
  body: HeartbeatWire,
  handle: async ({ body, device, env }) => {
    const recorded = await env.backends.fleet.record(device?.deviceId ?? '', body, env.clock.now());
    return recorded.ok ? noContent : rateLimited(recorded.retryAfterSeconds);
  },
});
