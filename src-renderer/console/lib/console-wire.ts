/**
 * What the console's JSON endpoints answer (src-server/console: fleet-view.ts, staff-actions.ts,
 * server.ts), as the page reads it. The renderer never imports the server's code: these types
 * repeat its shapes, and the server's tests and the console's end-to-end test hold them together.
 */

/** Why a kiosk needs someone, most urgent first (fleet-view.ts ATTENTION_CODES). */
export const ATTENTION_CODES = [
  'silent',
  'audit_refused',
  'dead_letters',
  'outbox_growing',
  'disk_low',
] as const;
export type AttentionCode = (typeof ATTENTION_CODES)[number];

export const KIOSK_MODES = ['online', 'offline', 'demo'] as const;
export type KioskMode = (typeof KIOSK_MODES)[number];

export interface SessionAnswer {
  staffId: string;
  csrfToken: string;
  expiresAt: string;
}

export interface FleetRow {
  deviceId: string;
  label: string;
  /** Codes the page translates; a code it does not know yet still shows (as "to check"). */
  attention: string[];
  lastHeartbeatAt: string | null;
  heartbeatAgeSeconds: number | null;
  mode: string | null;
  version: string | null;
  lastSyncAt: string | null;
  syncAgeSeconds: number | null;
  outboxPending: number | null;
  deadLetters: number | null;
  freeDiskBytes: number | null;
  audit: {
    head: number | null;
    acknowledged: number | null;
    refusedByKiosk: number | null;
    refusedCentrally: number;
    verified: { seq: number; at: string } | null;
  };
}

export interface FleetAnswer {
  kiosks: FleetRow[];
  at: string;
}

export interface HistoryPoint {
  at: string;
  outboxPending: number;
  deadLetters: number;
  syncAgeSeconds: number | null;
}

export interface AuditEntryWire {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  reason: string | null;
  outcome: string;
  /** The account's identifier, when its subject is sealed and the service's key opens it. */
  identifier?: string | null;
}

/** A dead letter as the kiosk page may list it (the back end adds it as the page grows). */
export interface DeadLetterWire {
  at: string;
  kind: string;
  reason: string;
  account: string | null;
  /** The account's identifier, when the kiosk's sealed lines with that tag tell it. */
  identifier?: string | null;
}

export interface KioskPageAnswer {
  kiosk: FleetRow;
  history: HistoryPoint[];
  deadLetters?: DeadLetterWire[];
  audit: {
    verified: { seq: number; at: string } | null;
    entries: AuditEntryWire[];
    refusals: { at: string; code: string; seq: number; entries: number }[];
  };
}

export interface StaffActionWire {
  at: string;
  source: 'account_event' | 'kiosk_audit';
  staffId: string;
  action: string;
  /** The identifier (opened by the service when the kiosk sealed it), or a reference. */
  account: string | null;
  /** The account's tag as the kiosk's staff screens show it, when the kiosk sealed it. */
  accountTag: string | null;
  reason: string | null;
  note: string | null;
  detail: string | null;
  kiosk: string | null;
  outcome: string | null;
}

export interface StaffActionsAnswer {
  actions: StaffActionWire[];
}
