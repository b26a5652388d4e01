/**
 * Staff mode on the wire (resources/openapi.yaml, tags `staff` and `audit`): paths and JSON
 * bodies shared by the kiosk's client (staff-client.ts) and the simulator. Every staff call
 * carries the kiosk's bearer token and the staff session in STAFF_SESSION_HEADER.
 */
import { z } from 'zod';
import { MAX_SUBJECT_LENGTH } from '../core/audit-subject';
import { STAFF_ROLES } from '../core/staff-roles';
import type { TimelineKind } from '../core/staff-timeline';
import { IDENTITY_DOCUMENTS, LOCK_REASONS, STAFF_REASONS } from '../core/staff-view';
import { ACCOUNT_STATUSES } from '../core/student';
import { API_PREFIX, AccountStatusResponse, EnrollmentWire } from './wire';

const staffAccount = (identifier: string) =>
  `${API_PREFIX}/staff/accounts/${encodeURIComponent(identifier)}`;

export const STAFF_PATHS = {
  sessions: `${API_PREFIX}/staff/sessions`,
  currentSession: `${API_PREFIX}/staff/sessions/current`,
  students: `${API_PREFIX}/staff/students`,
  account: staffAccount,
  events: (identifier: string) => `${staffAccount(identifier)}/events`,
  revealEmail: (identifier: string) => `${staffAccount(identifier)}/personal-email/reveal`,
  activationEmail: (identifier: string) => `${staffAccount(identifier)}/activation-email`,
  unlock: (identifier: string) => `${staffAccount(identifier)}/unlock`,
  actionProofs: (identifier: string) => `${staffAccount(identifier)}/action-proofs`,
  grants: `${API_PREFIX}/staff/grants`,
  signInLimitsLift: `${API_PREFIX}/staff/sign-in-limits/lift`,
  audit: `${API_PREFIX}/staff/audit`,
  auditUpload: `${API_PREFIX}/audit/events`,
} as const;

/** The header that carries the staff session, next to the kiosk's bearer token. */
export const STAFF_SESSION_HEADER = 'x-staff-session';
/**
 * On a staff write the kiosk replays from its outbox after the agent's session is gone: a proof
 * the API issued to that agent's live session, for this kiosk, this action and this account
 * (POST …/action-proofs). Accepted only on the few operations that may wait (resend to the
 * address on file, unlock), once.
 */
export const STAFF_PROOF_HEADER = 'x-staff-proof';

const instant = z.string().min(1);

export const StaffLoginRequest = z.object({
  staffId: z.string().min(1).max(64),
  pin: z.string().regex(/^\d{4,12}$/),
});

export const StaffMemberWire = z.object({
  staffId: z.string(),
  displayName: z.string(),
  role: z.enum(STAFF_ROLES),
});
export type StaffMemberWire = z.infer<typeof StaffMemberWire>;

export const StaffSessionWire = z.object({
  sessionToken: z.string().min(1),
  expiresIn: z.number().int().min(1),
  staff: StaffMemberWire,
});
export type StaffSessionWire = z.infer<typeof StaffSessionWire>;

export const StudentSummaryWire = z.object({
  identifier: z.string(),
  studentNumber: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  status: z.enum(ACCOUNT_STATUSES),
});
export type StudentSummaryWire = z.infer<typeof StudentSummaryWire>;

export const StudentSearchResult = z.object({
  results: z.array(StudentSummaryWire).max(50),
  truncated: z.boolean(),
});
export type StudentSearchResult = z.infer<typeof StudentSearchResult>;

export const StaffAccountView = z.object({
  identifier: z.string(),
  studentNumber: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  currentAcademicYear: z.string(),
  enrollments: z.array(EnrollmentWire),
  status: z.enum(ACCOUNT_STATUSES),
  lockReason: z.enum(LOCK_REASONS).nullable(),
  activatedAt: z.string().nullable(),
  leavingYear: z.string().nullable(),
  activationAvailableAt: z.string().nullable(),
  /** Last day of ENT access, "YYYY-12-31", or null while the student has not left. */
  accessUntil: z.string().nullable(),
  activationEmailSentAt: z.string().nullable(),
  charterAcceptedAt: z.string().nullable(),
  mailRedirected: z.boolean(),
  /** Masked; revealPersonalEmail gives it in clear. */
  personalEmail: z.string().nullable(),
});
export type StaffAccountView = z.infer<typeof StaffAccountView>;

/** The timeline kinds the central API reports (the others are derived or the kiosk's own). */
export const API_TIMELINE_KINDS = [
  'enrollment_validated',
  'activation_email_sent',
  'activated',
  'charter_accepted',
  'password_changed',
  'password_reset',
  'account_locked',
  'account_unlocked',
  'mail_redirection_changed',
  'staff_action',
] as const satisfies readonly TimelineKind[];
export type ApiTimelineKind = (typeof API_TIMELINE_KINDS)[number];

export const ACCOUNT_EVENT_DETAILS = [
  'email_code',
  'staff_grant',
  ...LOCK_REASONS,
  'corrected_address',
  'grant_activation',
  'grant_password_reset',
  'personal_email_revealed',
] as const;
export type AccountEventDetail = (typeof ACCOUNT_EVENT_DETAILS)[number];

export const AccountEventWire = z.object({
  id: z.string(),
  at: instant,
  kind: z.enum(API_TIMELINE_KINDS),
  actor: z.string().optional(),
  reason: z.enum(STAFF_REASONS).optional(),
  note: z.string().max(500).optional(),
  detail: z.enum(ACCOUNT_EVENT_DETAILS).optional(),
});
export type AccountEventWire = z.infer<typeof AccountEventWire>;

export const AccountEvents = z.object({ events: z.array(AccountEventWire) });

/** What the agent looked at; strict, so that no document number can travel with it. */
export const IdentityCheck = z
  .object({ document: z.enum(IDENTITY_DOCUMENTS), checkedAt: instant })
  .strict();
export type IdentityCheck = z.infer<typeof IdentityCheck>;

const reason = z.enum(STAFF_REASONS);
const note = z.string().max(500).optional();

export const StaffRevealRequest = z.object({ verification: IdentityCheck, reason, note }).strict();
export type StaffRevealRequest = z.infer<typeof StaffRevealRequest>;

export const RevealedEmail = z.object({ personalEmail: z.string(), revealedAt: instant });
export type RevealedEmail = z.infer<typeof RevealedEmail>;

export const StaffResendRequest = z
  .object({
    reason,
    note,
    // Checked by the service (422 invalid_email with a reason), like a mail redirection.
    correctedEmail: z.string().optional(),
    verification: IdentityCheck.optional(),
  })
  .strict()
  .refine((r) => r.correctedEmail === undefined || r.verification !== undefined, {
    message: 'a corrected address needs an identity check',
    path: ['verification'],
  });
export type StaffResendRequest = z.infer<typeof StaffResendRequest>;

export const StaffEmailSent = z.object({
  sentTo: z.string(),
  expiresAt: instant,
  personalEmailUpdated: z.boolean(),
});
export type StaffEmailSent = z.infer<typeof StaffEmailSent>;

export const StaffUnlockRequest = z.object({ verification: IdentityCheck, reason, note }).strict();
export type StaffUnlockRequest = z.infer<typeof StaffUnlockRequest>;

export const StaffUnlocked = z.object({
  unlockedAt: instant,
  previousLockReason: z.enum(LOCK_REASONS).nullable(),
  account: AccountStatusResponse,
});
export type StaffUnlocked = z.infer<typeof StaffUnlocked>;

/** The staff actions that may wait in a kiosk's outbox, each needing its own proof. */
export const QUEUEABLE_STAFF_ACTIONS = ['unlock_account', 'resend_activation'] as const;
export type QueueableStaffAction = (typeof QUEUEABLE_STAFF_ACTIONS)[number];

export const ActionProofsRequest = z
  .object({ actions: z.array(z.enum(QUEUEABLE_STAFF_ACTIONS)).min(1).max(2) })
  .strict();
export type ActionProofsRequest = z.infer<typeof ActionProofsRequest>;

export const ActionProofWire = z.object({
  action: z.enum(QUEUEABLE_STAFF_ACTIONS),
  proof: z.string().min(32).max(128),
  expiresAt: instant,
});
export type ActionProofWire = z.infer<typeof ActionProofWire>;

export const ActionProofs = z.object({ proofs: z.array(ActionProofWire) });
export type ActionProofs = z.infer<typeof ActionProofs>;

/** What a supervisor's lift of this kiosk's staff sign-in waits cleared. */
export const SignInLimitsLifted = z.object({ lifted: z.number().int().min(0) });
export type SignInLimitsLifted = z.infer<typeof SignInLimitsLifted>;

export const GRANT_PURPOSES = ['activation', 'password_reset'] as const;
export type GrantPurpose = (typeof GRANT_PURPOSES)[number];

export const StaffGrantRequest = z
  .object({
    identifier: z.string().min(1).max(64),
    purpose: z.enum(GRANT_PURPOSES),
    verification: IdentityCheck,
    reason,
    note,
  })
  .strict();
export type StaffGrantRequest = z.infer<typeof StaffGrantRequest>;

export const StaffGrantWire = z.object({
  grant: z.string().min(1),
  identifier: z.string(),
  purpose: z.enum(GRANT_PURPOSES),
  expiresAt: instant,
});
export type StaffGrantWire = z.infer<typeof StaffGrantWire>;

export const AUDIT_OUTCOMES = [
  'success',
  'refused',
  'queued',
  'applied',
  'dead_lettered',
  'failed',
] as const;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

/** One entry of the kiosk's hash-chained audit journal (core/staff-audit-chain.ts), uploaded. */
export const AuditEventWire = z
  .object({
    eventId: z.uuid(),
    seq: z.number().int().min(1),
    prevHash: sha256Hex,
    hash: sha256Hex,
    at: instant,
    actor: z.string().min(1).max(64),
    action: z.string().min(1).max(64),
    subject: z.string().max(MAX_SUBJECT_LENGTH).nullable(),
    reason: z.string().max(600).nullable(),
    outcome: z.enum(AUDIT_OUTCOMES),
  })
  .strict();
export type AuditEventWire = z.infer<typeof AuditEventWire>;

export const AuditUpload = z.object({ events: z.array(AuditEventWire).min(1).max(500) });

export const AuditUploadResult = z.object({
  accepted: z.number().int().min(0),
  duplicates: z.number().int().min(0),
});
export type AuditUploadResult = z.infer<typeof AuditUploadResult>;

export const AuditPage = z.object({
  events: z.array(AuditEventWire),
  hasMore: z.boolean(),
  /** How far the service verified this kiosk's chain: entry `seq`, accepted at `at`. */
  verified: z.object({ seq: z.number().int().min(1), at: instant }).nullable(),
});
export type AuditPage = z.infer<typeof AuditPage>;

/** Error codes of the staff operations, in ErrorBody.code. */
export const STAFF_API_ERROR_CODES = [
  'invalid_pin',
  'staff_session_required',
  'staff_session_expired',
  'staff_proof_refused',
  'forbidden',
  'audit_hash_mismatch',
  'audit_event_conflict',
  'audit_chain_fork',
  'audit_chain_gap',
  'audit_chain_link',
  'audit_chain_order',
] as const;
export type StaffApiErrorCode = (typeof STAFF_API_ERROR_CODES)[number];

export { IDENTITY_DOCUMENTS, LOCK_REASONS, STAFF_REASONS };
export type { IdentityDocument, LockReason, StaffReason } from '../core/staff-view';
