/**
 * The fleet on the wire (resources/openapi.yaml, tag `fleet`): each kiosk's heartbeat, sent
 * every minute, so that the help desk sees from afar a kiosk that went silent, an outbox that
 * grows, dead letters, an audit chain the API refused or a disk filling up. No personal data:
 * counts, times, versions and the kiosk's own state only.
 */
import { z } from 'zod';
import { API_PREFIX } from './wire';

export const FLEET_PATHS = {
  heartbeats: `${API_PREFIX}/kiosk/heartbeats`,
} as const;

/** How the kiosk works now: against the API, from its cache and outbox, or on its simulator. */
export const KIOSK_MODES = ['online', 'offline', 'demo'] as const;
export type KioskMode = (typeof KIOSK_MODES)[number];

/** A heartbeat is taken at most this often per kiosk; more is refused (429). */
export const HEARTBEAT_MIN_INTERVAL_SECONDS = 15;

const count = z.number().int().min(0);
const instant = z.string().min(1).max(40);

export const HeartbeatWire = z
  .object({
    sentAt: instant,
    version: z.string().min(1).max(64),
    /** The institution profile's id. */
    profile: z.string().min(1).max(64),
    mode: z.enum(KIOSK_MODES),
    startedAt: instant,
    lastSyncAt: instant.nullable(),
    /** Writes waiting in the outbox, by kind (`account.activate`, `staff.unlock`…). */
    outbox: z.array(z.object({ kind: z.string().min(1).max(64), pending: count }).strict()).max(32),
    deadLetters: count,
    /** The last entry of the kiosk's audit chain, and the last one the API acknowledged. */
    audit: z.object({ head: count, acknowledged: count.nullable(), refused: count }).strict(),
    /** The kiosk-wide slow-down of identification, seconds left; null when none. */
    slowDownSeconds: count.nullable(),
    freeDiskBytes: count.nullable(),
  })
  .strict();
export type HeartbeatWire = z.infer<typeof HeartbeatWire>;
