/**
 * The staff channels of the IPC contract (issue "Staff mode"). Every one of them is checked in
 * main against the staff session (role, expiry) before anything else: a student screen that
 * crafts a call gets `staff_session_required`. The session itself never crosses to the renderer.
 */
import { z } from 'zod';
import {
  IDENTITY_DOCUMENTS,
  STAFF_REASONS,
  type StaffAuditView,
  type StaffDeadLetter,
  type StaffDiagnostics,
  type StaffSearchResult,
  type StaffSessionInfo,
  type StaffStudentPage,
} from '../core/staff-view';
import type { OfflineReceipt } from '../core/journeys';
import type { IdentifiedStudent } from '../core/student';

function output<T>(): T {
  return undefined as T;
}

const empty = z.object({}).strict();
const identifier = z.string().min(1).max(64);
const reason = z.enum(STAFF_REASONS);
const note = z.string().max(500).optional();
/** What the agent checked in person; strict, so no document number can be sent along. */
const verification = z.object({ document: z.enum(IDENTITY_DOCUMENTS) }).strict();
const action = { reason, note };

export const staffContract = {
  /** Staff identifier + PIN; online against the API, offline against this kiosk's verifier. */
  'staff.signIn': {
    input: z
      .object({ staffId: z.string().min(1).max(64), pin: z.string().min(4).max(12) })
      .strict(),
    output: output<StaffSessionInfo>(),
  },
  /** "Terminer": ends the session and wipes what the agent saw. */
  'staff.signOut': { input: empty, output: output<null>() },
  /** The current session, or null (after idle, restart or sign-out). */
  'staff.session': { input: empty, output: output<StaffSessionInfo | null>() },
  /** Online: number, identifier or name (accent- and case-insensitive, partial). */
  'staff.search': {
    input: z.object({ query: z.string().min(2).max(64) }).strict(),
    output: output<StaffSearchResult>(),
  },
  /** Offline: from the cache, by student number and birth date ("jjmmaaaa") only. */
  'staff.searchOffline': {
    input: z.object({ studentNumber: z.string().max(32), birthDate: z.string().max(16) }).strict(),
    output: output<StaffSearchResult>(),
  },
  'staff.student': { input: z.object({ identifier }).strict(), output: output<StaffStudentPage>() },
  /** The personal e-mail in clear, after an in-person check; audited. */
  'staff.revealEmail': {
    input: z.object({ identifier, verification, ...action }).strict(),
    output: output<{ personalEmail: string }>(),
  },
  /** To the address on file, or to a corrected one after an in-person check. */
  'staff.resendActivation': {
    input: z
      .object({
        identifier,
        correctedEmail: z.string().max(254).optional(),
        verification: verification.optional(),
        ...action,
      })
      .strict(),
    // Queued with a receipt when the API does not answer (to the address on file only).
    output: output<
      { sentTo: string; expiresAt: string; receipt: null } | { receipt: OfflineReceipt }
    >(),
  },
  'staff.unlock': {
    input: z.object({ identifier, verification, ...action }).strict(),
    output: output<
      { unlockedAt: string; receipt: null } | { unlockedAt: null; receipt: OfflineReceipt }
    >(),
  },
  /** Clears this kiosk's identification lockout of one student number. */
  'staff.clearIdentificationLockout': {
    input: z.object({ identifier, ...action }).strict(),
    output: output<null>(),
  },
  /** Clears the kiosk-wide slow-down of identification (issue 8's progressive budget). */
  'staff.clearKioskBudget': { input: z.object(action).strict(), output: output<null>() },
  /**
   * In-person identity check, then the kiosk is handed to the student: the staff session ends
   * and a student journey opens on the grant, which the student finishes (charter and password,
   * or a new password). Staff never see or set the password.
   */
  'staff.handOff': {
    input: z
      .object({
        identifier,
        purpose: z.enum(['activation', 'password_reset']),
        verification,
        ...action,
      })
      .strict(),
    output: output<{
      journeyId: string;
      purpose: 'activation' | 'password_reset';
      student: IdentifiedStudent;
    }>(),
  },
  'staff.deadLetters': { input: empty, output: output<StaffDeadLetter[]>() },
  'staff.retryDeadLetter': {
    input: z.object({ id: z.number().int().positive(), ...action }).strict(),
    output: output<null>(),
  },
  'staff.discardDeadLetter': {
    input: z.object({ id: z.number().int().positive(), ...action }).strict(),
    output: output<null>(),
  },
  /** Agents: read-only summary. */
  'staff.diagnostics': { input: empty, output: output<StaffDiagnostics>() },
  /** Supervisors: sync the directory now. */
  'staff.syncNow': { input: empty, output: output<null>() },
  /** Supervisors: retry every pending outbox operation now. */
  'staff.retryOutbox': { input: empty, output: output<null>() },
  /** Supervisors: lifts every staff sign-in lock and slow-down of this kiosk. */
  'staff.clearStaffLockouts': { input: empty, output: output<null>() },
  /** Supervisors: the audit chain, newest last, and its verification. */
  'staff.audit': {
    input: z.object({ limit: z.number().int().min(1).max(500).optional() }).strict(),
    output: output<StaffAuditView>(),
  },
  /** Supervisors: writes the support bundle under the data folder; no secret, no personal data. */
  'staff.supportBundle': { input: empty, output: output<{ fileName: string; bytes: number }>() },
};

export type StaffChannel = keyof typeof staffContract;
