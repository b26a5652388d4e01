/**
 * What the help-desk console's JSON endpoints answer (src-server/console), in one place for the
 * service that builds it and the console's page that reads it (src-renderer/console): a field
 * added on one side is a type error on the other. Plain data: nothing here runs.
 */

/** Why a kiosk needs someone, most urgent first (the fleet's sort order). */
export const ATTENTION_CODES = [
  'silent',
  'audit_refused',
  'dead_letters',
  'outbox_growing',
  'disk_low',
] as const;
export type AttentionCode = (typeof ATTENTION_CODES)[number];

/** A kiosk's own mode, as its heartbeat says it. */
export const KIOSK_MODES = ['online', 'offline', 'demo'] as const;
export type KioskMode = (typeof KIOSK_MODES)[number];

/** The console's endpoints, under the console listener's origin. */
export const CONSOLE_API = '/console/api';
/** Set to 1 by the page's timer on its refreshes: not the supervisor's activity, not audited. */
export const AUTO_REFRESH_HEADER = 'x-console-refresh';

export interface SessionAnswer {
  staffId: string;
  csrfToken: string;
  expiresAt: string;
}

export interface FleetRow {
  deviceId: string;
  /** The label given at registration (its place), '' when none. */
  label: string;
  attention: AttentionCode[];
  lastHeartbeatAt: string | null;
  /** Seconds since the last heartbeat; null when never heard from. */
  heartbeatAgeSeconds: number | null;
  /** The kiosk's own mode as its last heartbeat said; null when never heard from. */
  mode: KioskMode | null;
  version: string | null;
  lastSyncAt: string | null;
  /** Seconds between its last sync and its last heartbeat. */
  syncAgeSeconds: number | null;
  outboxPending: number | null;
  deadLetters: number | null;
  freeDiskBytes: number | null;
  audit: {
    /** The kiosk's chain head and what the API acknowledged, as the kiosk said. */
    head: number | null;
    acknowledged: number | null;
    /** Uploads the kiosk saw refused (heartbeat) and the service recorded refusing. */
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

/** A kiosk's audit entry as stored, and the account it is about when its subject is sealed. */
export interface AuditEntryView {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  reason: string | null;
  outcome: string;
  /** The account's identifier, when its subject is sealed and the service's key opens it. */
  identifier: string | null;
}

/** A dead letter as the kiosk's last heartbeat listed it. */
export interface DeadLetterView {
  at: string;
  /** The outbox kind. */
  kind: string;
  /** The refusal code. */
  reason: string;
  /** The account as the staff screens show it (a tag), null for none. */
  account: string | null;
  /** Its identifier, when the kiosk's uploaded lines with that tag are sealed to the service. */
  identifier: string | null;
}

export interface KioskPage {
  kiosk: FleetRow;
  history: HistoryPoint[];
  /** Its latest dead letters, newest first. */
  deadLetters: DeadLetterView[];
  audit: {
    verified: { seq: number; at: string } | null;
    /** The last entries of the chain, latest first. */
    entries: AuditEntryView[];
    refusals: AuditRefusal[];
  };
}

/** An audit upload the service refused (its 422), and whether a supervisor has seen to it. */
export interface AuditRefusal {
  /** Its number: a supervisor marks seen those up to the newest they were shown. */
  id: number;
  at: string;
  /** The typed reason (audit_hash_mismatch, …). */
  code: string;
  /** The entry it stopped at, and the batch's size. */
  seq: number;
  entries: number;
  /** Marked seen in the console: it no longer flags the kiosk. */
  acknowledged: { by: string; at: string } | null;
}

export interface StaffAction {
  at: string;
  /** account_event: the service's record of the account; kiosk_audit: a kiosk's audit chain. */
  source: 'account_event' | 'kiosk_audit';
  staffId: string;
  action: string;
  /**
   * The account's identifier: the account event's, or the one a kiosk sealed in its audit line
   * (@tag:JWE, opened by the service when it accepted the line); an outbox reference as it is.
   */
  account: string | null;
  /** The account's tag as the kiosk's staff screens show it ("compte 3901bf30"), if sealed. */
  accountTag: string | null;
  reason: string | null;
  note: string | null;
  detail: string | null;
  /** The kiosk it was done at (an account event recorded before migration 0012: null). */
  kiosk: string | null;
  outcome: string | null;
}

export interface StaffActionsAnswer {
  actions: StaffAction[];
}
