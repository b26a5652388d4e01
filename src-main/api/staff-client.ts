/**
 * Staff mode's endpoints of the central API as typed functions returning results (wire bodies
 * in wire-staff.ts). Stateless: main's staff session keeps the token `openSession` returns and
 * passes it to every call, so that the session, its expiry and its role live in one place.
 * Refusals come back as the kiosk's codes: `staff_pin_invalid`, `rate_limited` (with
 * `retryAfterSeconds`), `staff_session_required`, `staff_session_expired`, `staff_forbidden`,
 * and the journeys' (`not_found`, `account_state`, `too_early`, `invalid_email`, `code_invalid`…).
 */
import { z } from 'zod';
import type { AccountSnapshot } from '../core/journey-ports';
import { err, ok, type AppError, type Result } from '../core/result';
import type { AuditEntry } from '../core/staff-audit-chain';
import type { StaffRole } from '../core/staff-roles';
import type { TimelineEntry } from '../core/staff-timeline';
import { activationBody, passwordResetBody } from './journey-requests';
import type { Call } from './transport';
import { AccountStatusResponse } from './wire';
import { JOURNEY_PATHS, PasswordChanged } from './wire-journeys';
import {
  ActionProofs,
  AccountEvents,
  AuditPage,
  AuditUploadResult,
  RevealedEmail,
  STAFF_PATHS,
  STAFF_SESSION_HEADER,
  SignInLimitsLifted,
  StaffAccountView,
  StaffEmailSent,
  StaffGrantWire,
  StaffSessionWire,
  StaffUnlocked,
  StudentSearchResult,
  type AccountEventWire,
  type QueueableStaffAction,
  type StaffGrantRequest,
  type StaffResendRequest,
  type StaffRevealRequest,
  type StaffUnlockRequest,
} from './wire-staff';

/** A signed-in staff member, as the API vouches for them. */
export interface StaffSignIn {
  /** Goes with every staff call; main keeps it in memory only. */
  token: string;
  /** Seconds without a staff call after which the API ends the session. */
  expiresIn: number;
  staffId: string;
  displayName: string;
  role: StaffRole;
}

/** An audit journal entry ready to upload: the chained entry and its upload id (a UUID). */
export type AuditUploadEntry = AuditEntry & { eventId: string };

const NoContent = z.unknown();

function map<A, B>(result: Result<A>, f: (value: A) => B): Result<B> {
  return result.ok ? ok(f(result.value)) : result;
}

/** An API event as an entry of the kiosk's timeline (core/staff-timeline.ts). */
export function toTimelineEntry(event: AccountEventWire): TimelineEntry {
  const entry: TimelineEntry = {
    id: `api:${event.id}`,
    at: event.at,
    kind: event.kind,
    source: 'api',
  };
  if (event.actor !== undefined) entry.actor = event.actor;
  if (event.reason !== undefined) entry.reason = event.reason;
  if (event.detail !== undefined) entry.detail = event.detail;
  return entry;
}

/** Builds the staff endpoints over the transport's `call`. Writes take an idempotency key. */
export function createStaffEndpoints(call: Call) {
  const staff = (token: string) => ({ [STAFF_SESSION_HEADER]: token });
  return {
    /** Signs a staff member in with their identifier and PIN (never retried: each try counts). */
    openSession: async (staffId: string, pin: string): Promise<Result<StaffSignIn>> =>
      map(
        await call({
          method: 'post',
          path: STAFF_PATHS.sessions,
          schema: StaffSessionWire,
          body: { staffId, pin },
          retry: false,
        }),
        (v) => ({ token: v.sessionToken, expiresIn: v.expiresIn, ...v.staff }),
      ),
    /** Ends the session at the API ("Terminer", idle, restart); an expired one is fine too. */
    closeSession: async (token: string): Promise<Result<void>> =>
      map(
        await call({
          method: 'delete',
          path: STAFF_PATHS.currentSession,
          schema: NoContent,
          headers: staff(token),
        }),
        () => undefined,
      ),
    /** Students whose number, identifier or name contains every word of `query`. */
    searchStudents: async (
      token: string,
      query: string,
      limit?: number,
    ): Promise<Result<StudentSearchResult>> =>
      call({
        method: 'get',
        path: STAFF_PATHS.students,
        schema: StudentSearchResult,
        query: limit === undefined ? { q: query } : { q: query, limit },
        headers: staff(token),
      }),
    /** One student's account, personal e-mail masked. */
    account: async (token: string, identifier: string): Promise<Result<StaffAccountView>> =>
      call({
        method: 'get',
        path: STAFF_PATHS.account(identifier),
        schema: StaffAccountView,
        headers: staff(token),
      }),
    /** The account's lifecycle as the API knows it, as timeline entries (source `api`). */
    accountEvents: async (token: string, identifier: string): Promise<Result<TimelineEntry[]>> =>
      map(
        await call({
          method: 'get',
          path: STAFF_PATHS.events(identifier),
          schema: AccountEvents,
          headers: staff(token),
        }),
        (v) => v.events.map(toTimelineEntry),
      ),
    /** The personal e-mail in clear, after the in-person check; the API records the reveal. */
    revealPersonalEmail: async (
      token: string,
      identifier: string,
      request: StaffRevealRequest,
      key: string,
    ): Promise<Result<RevealedEmail>> =>
      call({
        method: 'post',
        path: STAFF_PATHS.revealEmail(identifier),
        schema: RevealedEmail,
        body: request,
        headers: staff(token),
        idempotencyKey: key,
      }),
    /** Resends the activation e-mail, to the address on file or to `correctedEmail`. */
    resendActivationEmail: async (
      token: string,
      identifier: string,
      request: StaffResendRequest,
      key: string,
    ): Promise<Result<StaffEmailSent>> =>
      call({
        method: 'post',
        path: STAFF_PATHS.activationEmail(identifier),
        schema: StaffEmailSent,
        body: request,
        headers: staff(token),
        idempotencyKey: key,
      }),
    /** Unlocks a locked account after the in-person check. */
    unlockAccount: async (
      token: string,
      identifier: string,
      request: StaffUnlockRequest,
      key: string,
    ): Promise<Result<StaffUnlocked>> =>
      call({
        method: 'post',
        path: STAFF_PATHS.unlock(identifier),
        schema: StaffUnlocked,
        body: request,
        headers: staff(token),
        idempotencyKey: key,
      }),
    /**
     * Proofs that let this kiosk replay a queued unlock or resend for this account in the
     * agent's name later, once each (asked with the live session, never queued).
     */
    actionProofs: async (
      token: string,
      identifier: string,
      actions: readonly QueueableStaffAction[],
    ): Promise<Result<ActionProofs>> =>
      call({
        method: 'post',
        path: STAFF_PATHS.actionProofs(identifier),
        schema: ActionProofs,
        body: { actions },
        headers: staff(token),
      }),
    /** A supervisor lifts this kiosk's staff sign-in waits at the API. */
    liftSignInLimits: async (token: string): Promise<Result<SignInLimitsLifted>> =>
      call({
        method: 'post',
        path: STAFF_PATHS.signInLimitsLift,
        schema: SignInLimitsLifted,
        headers: staff(token),
      }),
    /** A one-time grant (activation or password reset) for the student at the desk. */
    issueGrant: async (
      token: string,
      request: StaffGrantRequest,
      key: string,
    ): Promise<Result<StaffGrantWire>> =>
      call({
        method: 'post',
        path: STAFF_PATHS.grants,
        schema: StaffGrantWire,
        body: request,
        headers: staff(token),
        idempotencyKey: key,
      }),
    /** What this kiosk uploaded to the audit log, by sequence number (supervisors only). */
    auditLog: async (
      token: string,
      page: { afterSeq?: number; limit?: number } = {},
    ): Promise<Result<AuditPage>> =>
      call({
        method: 'get',
        path: STAFF_PATHS.audit,
        schema: AuditPage,
        query: Object.fromEntries(Object.entries(page).filter(([, v]) => v !== undefined)),
        headers: staff(token),
      }),
    /** Uploads journal entries (kiosk token only, no staff session); idempotent by eventId. */
    uploadAuditEvents: async (
      events: readonly AuditUploadEntry[],
      key: string,
    ): Promise<Result<AuditUploadResult>> => {
      if (events.length === 0 || events.length > 500)
        return err<AppError>({ code: 'invalid_input' });
      return call({
        method: 'post',
        path: STAFF_PATHS.auditUpload,
        schema: AuditUploadResult,
        body: { events: events.map(auditWire) },
        idempotencyKey: key,
      });
    },
    /** The student finishes activation with the agent's grant instead of the mailed code. */
    activateWithGrant: async (
      identifier: string,
      request: { grant: string; password: string; charterVersion: string },
      key: string,
    ): Promise<Result<AccountSnapshot>> =>
      map(
        await call({
          method: 'post',
          path: JOURNEY_PATHS.activation(identifier),
          schema: AccountStatusResponse,
          body: activationBody(request),
          idempotencyKey: key,
        }),
        (v) => ({ status: v.status, leavingYear: v.leavingYear }),
      ),
    /** The student sets a new password with the agent's grant instead of the mailed code. */
    resetPasswordWithGrant: async (
      identifier: string,
      request: { grant: string; password: string },
      key: string,
    ): Promise<Result<AccountSnapshot>> =>
      map(
        await call({
          method: 'post',
          path: JOURNEY_PATHS.passwordReset(identifier),
          schema: PasswordChanged,
          body: passwordResetBody(request),
          idempotencyKey: key,
        }),
        (v) => ({ status: v.account.status, leavingYear: v.account.leavingYear }),
      ),
  };
}
export type StaffApi = ReturnType<typeof createStaffEndpoints>;

/** Only the fields the contract knows, in case the journal's rows carry more. */
export function auditWire(entry: AuditUploadEntry) {
  const { eventId, seq, prevHash, hash, at, actor, action, subject, reason, outcome } = entry;
  return { eventId, seq, prevHash, hash, at, actor, action, subject, reason, outcome };
}
