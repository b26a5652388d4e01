/**
 * The console's view of the fleet: one row per registered kiosk (the `devices` table, revoked
 * ones left out) with its last heartbeat, and the reasons it needs someone, sorted so that
 * those come first; and one kiosk's page: its heartbeats of the last 24 hours, its audit chain
 * as the service verified it, and the uploads the service refused.
 */
import type { HeartbeatWire } from '../../src-main/api/wire-fleet';
import {
  ATTENTION_CODES,
  type AttentionCode,
  type FleetRow,
  type KioskPage,
} from '../../src-main/core/console-view';
import type { AuditEventWire } from '../../src-main/api/wire-staff';
import type { FleetStore, StoredHeartbeat } from '../../src-main/simulator/backends';
import type { SimulatorSealingKey } from '../../src-main/simulator/sealing-key';
import { isoSeconds } from '../../src-main/simulator/time';
import type { Pool } from '../postgres/database';
import { unavailableOnOutage } from '../postgres/outage';
import { openDeadLetters, openEntries } from './sealed-subjects';

/** A kiosk heard from longer ago than this (or never) is silent (`console.silentAfterSeconds`). */
export const SILENT_AFTER_SECONDS = 5 * 60;
/** Less free disk than this is low. */
export const LOW_DISK_BYTES = 1024 ** 3;
/** Audit uploads refused within this long still flag the kiosk. */
export const REFUSALS_FLAG_SECONDS = 7 * 86_400;
/** The outbox grows when it grew over this many heartbeats in a row, within the window. */
const GROWTH_BEATS = 3;
const GROWTH_WINDOW_SECONDS = 30 * 60;
/** How far back a kiosk's page charts its heartbeats. */
export const HISTORY_SECONDS = 24 * 3600;
/** How many of the last audit entries and refusals a kiosk's page shows. */
const LAST_ENTRIES = 50;

export { ATTENTION_CODES, type AttentionCode, type FleetRow, type KioskPage };

const pending = (beat: HeartbeatWire) => beat.outbox.reduce((n, k) => n + k.pending, 0);
const seconds = (from: Date, to: Date) =>
  Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));
const syncAge = (stored: StoredHeartbeat) =>
  stored.beat.lastSyncAt === null || Number.isNaN(Date.parse(stored.beat.lastSyncAt))
    ? null
    : seconds(new Date(stored.beat.lastSyncAt), stored.receivedAt);

/** Strictly growing over the last GROWTH_BEATS heartbeats (oldest first). */
function growing(recent: readonly number[]): boolean {
  if (recent.length < GROWTH_BEATS) return false;
  return recent.every((n, i) => i === 0 || n > recent[i - 1]!);
}

function sortKey(row: FleetRow): [number, number, number] {
  const first = Math.min(...row.attention.map((c) => ATTENTION_CODES.indexOf(c)), 99);
  return [first, -row.attention.length, -(row.heartbeatAgeSeconds ?? Number.MAX_SAFE_INTEGER)];
}

function compareRows(a: FleetRow, b: FleetRow): number {
  const [ka, kb] = [sortKey(a), sortKey(b)];
  for (let i = 0; i < ka.length; i += 1) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
  return a.deviceId < b.deviceId ? -1 : a.deviceId > b.deviceId ? 1 : 0;
}

/**
 * Marks the refused uploads of a registered kiosk seen by `staffId`: those not yet acknowledged
 * up to `upTo`, the newest the supervisor was shown (one refused since is not marked unseen);
 * how many, or null when no such kiosk is registered.
 */
export async function acknowledgeRefusals(
  pool: Pool,
  deviceId: string,
  staffId: string,
  upTo: number,
  now: Date,
): Promise<number | null> {
  const db = unavailableOnOutage(pool);
  const known = await db.query(
    'SELECT 1 FROM devices WHERE device_id = $1 AND revoked_at IS NULL',
    [deviceId],
  );
  if (known.rows.length === 0) return null;
  const { rowCount } = await db.query(
    `UPDATE audit_refusals SET acknowledged_at = $3, acknowledged_by = $2
      WHERE device_id = $1 AND acknowledged_at IS NULL AND id <= $4`,
    [deviceId, staffId, now, upTo],
  );
  return rowCount ?? 0;
}

export interface FleetView {
  fleet(now: Date): Promise<FleetRow[]>;
  /** Null when no such kiosk is registered. */
  kiosk(deviceId: string, now: Date): Promise<KioskPage | null>;
}

export interface FleetViewOptions {
  /** Seconds without a heartbeat before a kiosk is silent; SILENT_AFTER_SECONDS by default. */
  silentAfterSeconds?: number;
  /** The service's sealing key: it opens the kiosks' sealed audit subjects. */
  sealingKey?: SimulatorSealingKey;
}

export function createFleetView(
  pool: Pool,
  store: FleetStore,
  options: FleetViewOptions = {},
): FleetView {
  const db = unavailableOnOutage(pool);
  const silentAfter = options.silentAfterSeconds ?? SILENT_AFTER_SECONDS;
  const key = options.sealingKey ?? null;

  async function rows(now: Date, only: string | null): Promise<FleetRow[]> {
    const devices = await db.query<{ device_id: string; label: string }>(
      `SELECT device_id, label FROM devices
        WHERE revoked_at IS NULL AND ($1::text IS NULL OR device_id = $1)`,
      [only],
    );
    if (devices.rows.length === 0) return [];
    const latest = new Map((await store.latest()).map((s) => [s.deviceId, s]));
    const recent = await db.query<{ device_id: string; beat: HeartbeatWire }>(
      `SELECT device_id, beat FROM (
         SELECT device_id, received_at, beat,
                row_number() OVER (PARTITION BY device_id ORDER BY received_at DESC) AS n
           FROM kiosk_heartbeats WHERE received_at > $1) r
        WHERE n <= $2 ORDER BY device_id, received_at`,
      [new Date(now.getTime() - GROWTH_WINDOW_SECONDS * 1000), GROWTH_BEATS],
    );
    const depths = new Map<string, number[]>();
    for (const { device_id, beat } of recent.rows)
      depths.set(device_id, [...(depths.get(device_id) ?? []), pending(beat)]);
    const refusals = await db.query<{ device_id: string; count: number }>(
      `SELECT device_id, count(*)::int AS count FROM audit_refusals
        WHERE at > $1 AND acknowledged_at IS NULL GROUP BY device_id`,
      [new Date(now.getTime() - REFUSALS_FLAG_SECONDS * 1000)],
    );
    const refused = new Map(refusals.rows.map((r) => [r.device_id, r.count]));
    const heads = await db.query<{ device_id: string; seq: number; verified_at: Date }>(
      'SELECT device_id, seq, verified_at FROM audit_heads',
    );
    const verified = new Map(
      heads.rows.map((h) => [h.device_id, { seq: h.seq, at: isoSeconds(h.verified_at) }]),
    );

    return devices.rows
      .map(({ device_id: deviceId, label }): FleetRow => {
        const last = latest.get(deviceId);
        const beat = last?.beat;
        const age = last ? seconds(last.receivedAt, now) : null;
        const refusedCentrally = refused.get(deviceId) ?? 0;
        const attention: AttentionCode[] = [];
        if (age === null || age > silentAfter) attention.push('silent');
        if ((beat?.audit.refused ?? 0) > 0 || refusedCentrally > 0) attention.push('audit_refused');
        if ((beat?.deadLetters ?? 0) > 0) attention.push('dead_letters');
        if (growing(depths.get(deviceId) ?? [])) attention.push('outbox_growing');
        if (beat?.freeDiskBytes != null && beat.freeDiskBytes < LOW_DISK_BYTES)
          attention.push('disk_low');
        return {
          deviceId,
          label,
          attention,
          lastHeartbeatAt: last ? isoSeconds(last.receivedAt) : null,
          heartbeatAgeSeconds: age,
          mode: beat?.mode ?? null,
          version: beat?.version ?? null,
          lastSyncAt: beat?.lastSyncAt ?? null,
          syncAgeSeconds: last ? syncAge(last) : null,
          outboxPending: beat ? pending(beat) : null,
          deadLetters: beat?.deadLetters ?? null,
          freeDiskBytes: beat?.freeDiskBytes ?? null,
          audit: {
            head: beat?.audit.head ?? null,
            acknowledged: beat?.audit.acknowledged ?? null,
            refusedByKiosk: beat?.audit.refused ?? null,
            refusedCentrally,
            verified: verified.get(deviceId) ?? null,
          },
        };
      })
      .sort(compareRows);
  }

  return {
    fleet: (now) => rows(now, null),
    async kiosk(deviceId, now) {
      const [kiosk] = await rows(now, deviceId);
      if (!kiosk) return null;
      const last = (await store.latest()).find((s) => s.deviceId === deviceId);
      const history = await store.history(
        deviceId,
        new Date(now.getTime() - HISTORY_SECONDS * 1000),
      );
      const entries = await db.query<{ body: AuditEventWire }>(
        'SELECT body FROM audit_entries WHERE device_id = $1 ORDER BY seq DESC LIMIT $2',
        [deviceId, LAST_ENTRIES],
      );
      const refusals = await db.query<{
        id: string;
        at: Date;
        code: string;
        seq: number;
        entries: number;
        acknowledged_at: Date | null;
        acknowledged_by: string | null;
      }>(
        `SELECT id, at, code, seq, entries, acknowledged_at, acknowledged_by FROM audit_refusals
          WHERE device_id = $1 ORDER BY id DESC LIMIT $2`,
        [deviceId, LAST_ENTRIES],
      );
      return {
        kiosk,
        history: history.map((h) => ({
          at: isoSeconds(h.receivedAt),
          outboxPending: pending(h.beat),
          deadLetters: h.beat.deadLetters,
          syncAgeSeconds: syncAge(h),
        })),
        deadLetters: await openDeadLetters(db, key, deviceId, last?.beat.recentDeadLetters ?? []),
        audit: {
          verified: kiosk.audit.verified,
          entries: await openEntries(
            key,
            entries.rows.map((r) => r.body),
          ),
          refusals: refusals.rows.map((r) => ({
            id: Number(r.id),
            at: isoSeconds(r.at),
            code: r.code,
            seq: r.seq,
            entries: r.entries,
            acknowledged:
              r.acknowledged_at && r.acknowledged_by
                ? { by: r.acknowledged_by, at: isoSeconds(r.acknowledged_at) }
                : null,
          })),
        },
      };
    },
  };
}
