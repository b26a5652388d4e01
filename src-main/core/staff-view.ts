/**
 * What staff mode shows and sends across IPC (issue "Staff mode"): the closed lists the screens
 * offer and the shapes of what main answers. Plain types and constants, so the renderer can
 * import them; main's IPC contract (ipc/staff-contract.ts) validates inputs against the lists.
 */
import type { StaffRole } from './staff-roles';
import type { CurrentState, TimelineEntry } from './staff-timeline';
import type { AccountStatus, Enrollment } from './student';

/** Why an agent acts; each action asks for one, plus an optional note. */
export const STAFF_REASONS = [
  'student_request',
  'email_not_received',
  'email_address_wrong',
  'forgotten_password',
  'account_locked',
  'activation_help',
  'other',
] as const;
export type StaffReason = (typeof STAFF_REASONS)[number];

/** The identity documents an agent may check in person; never the document's number. */
export const IDENTITY_DOCUMENTS = [
  'national_id_card',
  'passport',
  'residence_permit',
  'driving_licence',
  'student_card',
] as const;
export type IdentityDocument = (typeof IDENTITY_DOCUMENTS)[number];

export const LOCK_REASONS = ['too_many_failures', 'security', 'administrative'] as const;
export type LockReason = (typeof LOCK_REASONS)[number];

/** The signed-in agent, as the screens see it (no token: that stays in main). */
export interface StaffSessionInfo {
  staffId: string;
  displayName: string;
  role: StaffRole;
  /** Signed in against this kiosk's verifier while the central API was unreachable. */
  offline: boolean;
  /** Idle time that ends the session, so the screen can warn before. */
  idleSeconds: number;
}

/** One line of a search result. */
export interface StaffStudentSummary {
  identifier: string;
  studentNumber: string;
  firstName: string;
  lastName: string;
  status: AccountStatus;
}

export interface StaffSearchResult {
  results: StaffStudentSummary[];
  /** More matched than shown: refine the search. */
  truncated: boolean;
  /** Answered from this kiosk's cache (number + birth date only). */
  offline: boolean;
}

/** One student's page: the account, its merged timeline and where it stands now. */
export interface StaffStudentPage {
  identifier: string;
  studentNumber: string;
  firstName: string;
  lastName: string;
  currentAcademicYear: string;
  enrollments: Enrollment[];
  status: AccountStatus;
  lockReason: LockReason | null;
  /** Last day of ENT access ("YYYY-12-31"), or null while the student has not left. */
  accessUntil: string | null;
  /** Masked until revealed after an in-person check. */
  personalEmail: string | null;
  mailRedirected: boolean;
  timeline: TimelineEntry[];
  current: CurrentState;
  /** This kiosk's identification lockout for the student's number, in seconds, or null. */
  identificationLockedFor: number | null;
  /** Read from the cache while offline: actions that need the API are unavailable. */
  offline: boolean;
}

/** An offline write the central API refused later (outbox dead letter). */
export interface StaffDeadLetter {
  id: number;
  reference: string;
  kind: string;
  identifier: string;
  /** The API's refusal code, or the kiosk's reason (e.g. `unreadable_at_rest`). */
  reason: string;
  queuedAt: string;
  settledAt: string;
}

/** Kiosk health for the help desk; no personal data. */
export interface StaffDiagnostics {
  connectivity: string;
  connectivitySince: string | null;
  lastLatencyMs: number | null;
  lastSyncAt: string | null;
  cursorAgeSeconds: number | null;
  cachedRecords: number;
  outbox: { pending: number; dead: number };
  keychainReachable: boolean;
  sealingKeyPinned: boolean;
  versions: { app: string; node: string; electron: string | null };
  freeDiskBytes: number | null;
  /** Audit batches the API refused (dead letters): the central copy stopped at this kiosk. */
  auditRefused: number;
}

/** One entry of the kiosk's audit chain, as the supervisor screen lists it. */
export interface StaffAuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  /**
   * An outbox reference, or the account when this staff session opened it; null for another
   * account (shown by its tag) and for a line about no one.
   */
  subject: string | null;
  /** The start of an account's keyed tag: two lines with the same one are about one account. */
  subjectTag: string | null;
  reason: string | null;
  outcome: string;
}

export interface StaffAuditView {
  entries: StaffAuditEntry[];
  /** The chain checked end to end: intact, or the first entry that does not hold. */
  verdict: { ok: true; count: number } | { ok: false; brokenAt: number };
  /** How far the API verified this kiosk's chain; null when it cannot be asked now. */
  central: { seq: number; at: string } | null;
}
