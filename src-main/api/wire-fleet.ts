/**
 * The fleet on the wire (resources/openapi.yaml, tag `fleet`): each kiosk's heartbeat, sent
 * every minute, so that the help desk sees from afar a kiosk that went silent, an outbox that
 * grows, dead letters, an audit chain the API refused or a disk filling up. No personal data:
 * counts, times, versions and the kiosk's own state only.
 */
import { z } from 'zod';
import { SUBJECT_TAG_SHOWN } from '../core/audit-subject';
import { KIOSK_MODES, type KioskMode } from '../core/console-view';
import { API_PREFIX } from './wire';

export const FLEET_PATHS = {
  heartbeats: `${API_PREFIX}/kiosk/heartbeats`,
} as const;

/** How the kiosk works now: against the API, from its cache and outbox, or on its simulator. */
export { KIOSK_MODES, type KioskMode };

/** A heartbeat is taken at most this often per kiosk; more is refused (429). */
export const HEARTBEAT_MIN_INTERVAL_SECONDS = 15;

/** The most recent dead letters a heartbeat carries, newest first. */
export const HEARTBEAT_DEAD_LETTERS = 20;

const count = z.number().int().min(0);
const instant = z.string().min(1).max(40);

/**
 * One dead letter as the help desk sees it from afar: when it was refused, the outbox kind, the
 * refusal code, and the account as the staff screens show it (the keyed tag, "compte 3901bf30"),
 * null for the audit upload. Shapes leave little room for anything personal: no identifier,
 * birth date, address or sentence fits these patterns (an 8-digit number does fit a tag's: a tag
 * may be all digits, so no shape can tell the two apart; the kiosk only ever sends tags).
 */
export const HeartbeatDeadLetterWire = z
  .object({
    at: instant,
    kind: z
      .string()
      .max(64)
      .regex(/^[a-z][a-z_]*(\.[a-z][a-z_]*)+$/),
    reason: z
      .string()
      .max(64)
      .regex(/^[a-z][a-z0-9_]*$/),
    account: z
      .string()
      .regex(new RegExp(`^[0-9a-f]{${SUBJECT_TAG_SHOWN}}$`))
      .nullable(),
  })
  .strict();
export type HeartbeatDeadLetterWire = z.infer<typeof HeartbeatDeadLetterWire>;

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
    /** The latest dead letters (optional: a kiosk older than them sends only the count). */
    recentDeadLetters: z.array(HeartbeatDeadLetterWire).max(HEARTBEAT_DEAD_LETTERS).optional(),
    /** The last entry of the kiosk's audit chain, and the last one the API acknowledged. */
    audit: z.object({ head: count, acknowledged: count.nullable(), refused: count }).strict(),
    /** The kiosk-wide slow-down of identification, seconds left; null when none. */
    slowDownSeconds: count.nullable(),
    freeDiskBytes: count.nullable(),
  })
  .strict();
export type HeartbeatWire = z.infer<typeof HeartbeatWire>;
