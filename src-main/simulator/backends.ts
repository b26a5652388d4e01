/**
 * The ports the route table reads and writes through where the Guichet server's real backends
 * differ from the simulator's memory: accounts (identification, status, passwords, activation,
 * mail forwarding), the failed-attempt limits, the journeys' one-time codes and student
 * sessions, and the mail that carries a code. The simulator's own (memory) implementations are
 * here; the server's, over the university's directory, PostgreSQL and SMTP relay, are in
 * src-server. Every call is asynchronous, so a route is written once for both.
 */
import type { AccountStatusResponse, StudentWire } from '../api/wire';
import type { DirectoryChangeWire } from '../api/wire-directory';
import type { HeartbeatWire } from '../api/wire-fleet';
import type { MailRedirectionWire } from '../api/wire-journeys';
import type {
  AccountEventWire,
  ApiTimelineKind,
  AuditEventWire,
  AuditPage,
  GrantPurpose,
  LockReason,
  QueueableStaffAction,
  StudentSearchResult,
} from '../api/wire-staff';
import { maskEmail } from '../core/email';
import type { EventFields } from './account-events';
import { memoryFleet } from './fleet';
import type { AuditUploadOutcome } from './audit-store';
import { toDirectoryChange } from './directory-feed-wire';
import type { Reply } from './http';
import type { CodeCheck, CodeIssued, CodePurpose, MailboxMessage } from './journey-state';
import { refusal, type LimitedAttempt, type RateLimits } from './rate-limits';
import { searchStudents } from './staff-search';
import type { GrantIssued, ProofIssued, ProofUse, SignIn, StaffPrincipal } from './staff-state';
import type { SimulatorState } from './state';
import { activationAvailableAt, toStudentWire } from './student-wire';
import { isoSeconds } from './time';
import type { IssuedToken } from './tokens';

/** What identification answers: the student, where activation mail goes, when it opens. */
export type IdentifiedStudent = StudentWire & {
  maskedEmail: string | null;
  activationAvailableAt: string | null;
};

export interface AccountReader {
  /** The student with this number and birth date, or null (one answer for both mistakes). */
  identify(studentNumber: string, birthDate: string): Promise<IdentifiedStudent | null>;
  /** GET /v1/accounts/{identifier}'s body, or null for an unknown account. */
  accountStatus(identifier: string): Promise<AccountStatusResponse | null>;
}

/**
 * One account as the journeys need it: its state and enrolments, where its mail goes, and the
 * personal data a new password may not contain. A snapshot: writes go through AccountStore.
 */
export type AccountRecord = StudentWire & {
  studentNumber: string;
  birthDate: string;
  personalEmail?: string | null;
  lockReason?: LockReason;
  /** When the account was locked, if known: reported as its `account_locked` event. */
  lockedAt?: string;
  charterAcceptedAt?: string | null;
  /** Whether the account's mail goes elsewhere (staff see only that, never where). */
  mailRedirected?: boolean;
};

/** A password check: right, wrong, or refused because the account is locked where it lives. */
export type PasswordOutcome = 'ok' | 'wrong' | 'locked';

export interface AccountStore extends AccountReader {
  find(identifier: string): Promise<AccountRecord | null>;
  /** Checks the account's password (the attempt was reserved by the caller). */
  verifyPassword(identifier: string, password: string): Promise<PasswordOutcome>;
  /** Sets a password the policy accepted (reset); as the service, not as the student. */
  setPassword(identifier: string, password: string): Promise<void>;
  /** Changes the password as the student; false when the account's own store refused it. */
  changePassword(identifier: string, current: string, next: string): Promise<boolean>;
  /**
   * Activation in one step: first password, active state, charter accepted. False (nothing
   * changed) when the account is no longer waiting for activation: a parallel one finished.
   */
  activate(identifier: string, password: string, charterAcceptedAt: Date): Promise<boolean>;
  /**
   * Lifts a lock (staff at the desk, or a reset with a staff grant): the account goes back to
   * active, or to waiting for activation when it was never activated. False when the account's
   * own store keeps it locked (a lock the directory's owners set, not Guichet's).
   */
  unlock(identifier: string): Promise<boolean>;
  /** Staff search: every word in the number, identifier or names; best first, at most `limit`. */
  search(query: string, limit: number): Promise<StudentSearchResult>;
  /** A corrected personal address (staff, after checking it in person). */
  setPersonalEmail(identifier: string, address: string): Promise<void>;
  redirection(identifier: string): Promise<MailRedirectionWire>;
  setRedirection(identifier: string, address: string | null, keepCopy: boolean): Promise<void>;
}

/** One-time codes sent by e-mail, and student sessions: the journeys' short-lived secrets. */
export interface JourneySecrets {
  /** A new code for this account and purpose; the previous one stops working. */
  issueCode(identifier: string, purpose: CodePurpose, validForMs: number): Promise<CodeIssued>;
  /** Checks a code without using it up; wrong codes count towards MAX_CODE_FAILURES. */
  checkCode(identifier: string, purpose: CodePurpose, code: string): Promise<CodeCheck>;
  /** Uses a code up, once the operation it proves has succeeded. */
  consumeCode(identifier: string, purpose: CodePurpose): Promise<void>;
  /**
   * Reserves a checked code for one operation, so that parallel uses of one code cannot both
   * succeed: false while another operation holds it. Settled by consumeCode or releaseCode.
   */
  holdCode(identifier: string, purpose: CodePurpose): Promise<boolean>;
  releaseCode(identifier: string, purpose: CodePurpose): Promise<void>;
  openSession(identifier: string): Promise<{ sessionToken: string; expiresIn: number }>;
  /** The account a valid, unexpired student session belongs to, or null. */
  sessionAccount(token: string): Promise<string | null>;
}

/** Sends the e-mail that carries a code (captured by the simulator, queued for SMTP by the server). */
export interface CodeMailer {
  send(message: MailboxMessage): Promise<void>;
}

/** A reserved attempt: settle it once the secret was checked. */
export interface HeldAttempt {
  /** A success gives the reservation back and forgets the subject's failures. */
  settle(success: boolean): Promise<void>;
  /** The secret could not be checked (a backend was down): the attempt does not count. */
  release(): Promise<void>;
}

/**
 * Runs `check` under a reserved attempt: settled by its outcome, or released when it threw (a
 * backend was unreachable), so an outage never uses up a student's or a kiosk's tries.
 */
export async function checkUnder<T>(
  held: HeldAttempt,
  check: () => Promise<T>,
  succeeded: (value: T) => boolean,
): Promise<T> {
  let value: T;
  try {
    value = await check();
  } catch (error) {
    await held.release().catch(() => {});
    throw error;
  }
  await held.settle(succeeded(value));
  return value;
}

export interface AttemptGate {
  /**
   * Check-and-reserve in one step: the attempt counts as failed until settled as a success, so
   * parallel attempts can never overtake the limit. A 429 reply when the limit is used up.
   */
  reserve(
    attempt: LimitedAttempt,
  ): Promise<{ ok: true; held: HeldAttempt } | { ok: false; reply: Reply }>;
}

/** One page of the directory change feed, or why the cursor cannot be read. */
export type FeedPage =
  | { kind: 'page'; changes: DirectoryChangeWire[]; nextCursor: string; hasMore: boolean }
  | { kind: 'expired' }
  | { kind: 'malformed' };

/** The directory change feed kiosks delta-sync from (GET /v1/directory/changes). */
export interface ChangeFeedReader {
  /** Up to `limit` changes after `cursor` (null: from the beginning). */
  read(cursor: string | null, limit: number): Promise<FeedPage>;
}

/** Kiosk devices and the bearer tokens they get (POST /v1/kiosk/token). */
export interface DeviceAuth {
  /** True for a registered device presenting its secret (one answer for both mistakes). */
  check(deviceId: string, secret: string): Promise<boolean>;
  issueToken(deviceId: string): Promise<IssuedToken>;
  /** The device a valid, unexpired token belongs to, or null. */
  verifyToken(token: string): Promise<{ deviceId: string } | null>;
}

/** A grant reserved for one operation: used up when it succeeded, given back when not. */
export type GrantUse =
  | {
      ok: true;
      staffId: string;
      consume(): Promise<void>;
      release(): Promise<void>;
    }
  | { ok: false; reason: 'code_invalid' | 'code_expired' };

/** Staff members, their PIN checks and sessions, and the grants they issue. */
export interface StaffStore {
  /** Checks the limits, then the PIN, and counts the outcome, as one step for every caller. */
  signIn(staffId: string, pin: string, deviceId: string, ttlSeconds: number): Promise<SignIn>;
  /** The session's owner if the token is valid for this kiosk; each use starts the TTL again. */
  session(token: string, deviceId: string): Promise<StaffPrincipal | 'expired'>;
  close(token: string): Promise<void>;
  /** Proofs for a live session's queueable actions on one account (staff-state.ts). */
  issueProofs(
    staff: StaffPrincipal,
    identifier: string,
    actions: readonly QueueableStaffAction[],
  ): Promise<ProofIssued[]>;
  /** The agent a queued write's proof acts for, spending it; null for any refusal. */
  redeemProof(proof: string, use: ProofUse): Promise<StaffPrincipal | null>;
  /** Forgets the wrong PINs typed at this kiosk (staff-state.ts); how many. */
  liftPinLimits(deviceId: string): Promise<number>;
  /** A new grant for one account and purpose; the previous one stops working. */
  issueGrant(identifier: string, purpose: GrantPurpose, staffId: string): Promise<GrantIssued>;
  /** Reserves a grant: a second use, even in parallel, is refused until the first settles. */
  reserveGrant(grant: string, identifier: string, purpose: GrantPurpose): Promise<GrantUse>;
}

/** Each account's lifecycle, for staff (GET /v1/staff/accounts/{identifier}/events). */
export interface AccountEvents {
  /** Records that `kind` happened to the account now. */
  record(identifier: string, kind: ApiTimelineKind, fields?: EventFields): Promise<void>;
  /** What the account's record says happened, and what was recorded, oldest first. */
  list(account: AccountRecord): Promise<AccountEventWire[]>;
  /** The latest recorded event of a kind, or null. */
  latest(identifier: string, kind: ApiTimelineKind): Promise<AccountEventWire | null>;
}

/** The audit entries kiosks upload, kept per kiosk. */
export interface AuditLog {
  /** Stores a batch from one kiosk if it continues that kiosk's chain, all or nothing. */
  upload(
    deviceId: string,
    events: readonly AuditEventWire[],
    at: Date,
  ): Promise<AuditUploadOutcome>;
  /** One kiosk's entries by seq, after `afterSeq`. */
  list(deviceId: string, afterSeq: number, limit: number): Promise<AuditPage>;
}

/** One heartbeat as the service keeps it. */
export interface StoredHeartbeat {
  deviceId: string;
  receivedAt: Date;
  beat: HeartbeatWire;
}

/** The kiosks' heartbeats (fleet.ts). */
export interface FleetStore {
  /** Keeps a heartbeat; refused when the kiosk's previous one is too recent. */
  record(
    deviceId: string,
    beat: HeartbeatWire,
    at: Date,
  ): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }>;
  /** One kiosk's heartbeats received since `since`, oldest first. */
  history(deviceId: string, since: Date): Promise<StoredHeartbeat[]>;
  /** Each kiosk's latest heartbeat. */
  latest(): Promise<StoredHeartbeat[]>;
}

/** The state of what the service depends on (GET /v1/health). */
export interface DependencyHealth {
  /** null: nothing to report (the simulator has no directory, database or relay). */
  check(): Promise<{
    directory: 'ok' | 'down';
    database: 'ok' | 'down';
    mail: 'ok' | 'down';
  } | null>;
}

export interface Backends {
  devices: DeviceAuth;
  accounts: AccountStore;
  feed: ChangeFeedReader;
  attempts: AttemptGate;
  secrets: JourneySecrets;
  mail: CodeMailer;
  staff: StaffStore;
  events: AccountEvents;
  audit: AuditLog;
  health: DependencyHealth;
  fleet: FleetStore;
}

/** The simulator's backends, over whatever state `state()` returns now (it changes on reset). */
export function memoryBackends(
  state: () => SimulatorState,
  activationDelayMinutes: number,
): Backends {
  const student = (identifier: string) => {
    const found = state().studentByIdentifier(identifier);
    if (!found) throw new Error('no such account');
    return found;
  };
  const journeys = () => state().journeys;
  // Heartbeats outlive a reset of the demo data: they are the kiosks', not the students'.
  const fleet = memoryFleet();
  return {
    devices: {
      check: async (deviceId, secret) => state().checkDevice(deviceId, secret),
      issueToken: async (deviceId) => state().tokens.issue(deviceId),
      verifyToken: async (token) => state().tokens.verify(token),
    },
    accounts: {
      async identify(studentNumber, birthDate) {
        const found = state().studentByNumber(studentNumber);
        if (!found || found.birthDate !== birthDate) return null;
        return {
          ...toStudentWire(found),
          maskedEmail: found.personalEmail ? maskEmail(found.personalEmail) : null,
          activationAvailableAt: activationAvailableAt(found, activationDelayMinutes),
        };
      },
      async accountStatus(identifier) {
        const found = state().studentByIdentifier(identifier);
        if (!found) return null;
        return {
          identifier: found.identifier,
          ...found.account,
          activationAvailableAt: activationAvailableAt(found, activationDelayMinutes),
        };
      },
      async verifyPassword(identifier, password) {
        const found = state().studentByIdentifier(identifier);
        return found && journeys().verifyPassword(found, password) ? 'ok' : 'wrong';
      },
      async setPassword(identifier, password) {
        journeys().setPassword(student(identifier), password);
      },
      async changePassword(identifier, _current, next) {
        journeys().setPassword(student(identifier), next);
        return true;
      },
      async activate(identifier, password, at) {
        const found = student(identifier);
        if (found.account.status !== 'not_activated') return false;
        journeys().setPassword(found, password);
        const now = isoSeconds(at);
        found.account = { ...found.account, status: 'active', activatedAt: now };
        found.charterAcceptedAt = now;
        state().recordChange(identifier);
        return true;
      },
      async find(identifier) {
        const found = state().studentByIdentifier(identifier);
        return found ? { ...found, mailRedirected: Boolean(found.mailRedirection) } : null;
      },
      async unlock(identifier) {
        const found = student(identifier);
        const status = found.account.activatedAt ? 'active' : 'not_activated';
        // The lock reason stays with lockedAt: the lock is history now (its event says why);
        // the account view shows a reason only while the account is locked (lockReasonOf).
        found.account = { ...found.account, status };
        state().recordChange(identifier);
        return true;
      },
      async search(query, limit) {
        const found = searchStudents(state().dataset.students, query, limit);
        return { results: found.hits.map(searchRow), truncated: found.truncated };
      },
      async setPersonalEmail(identifier, address) {
        student(identifier).personalEmail = address;
        state().recordChange(identifier);
      },
      async redirection(identifier) {
        const found = student(identifier);
        return { address: found.mailRedirection ?? null, ...journeys().redirectionOf(found) };
      },
      async setRedirection(identifier, address, keepCopy) {
        journeys().setRedirection(student(identifier), address, keepCopy);
      },
    },
    attempts: {
      async reserve(attempt) {
        return reserveInMemory(state().limits, attempt);
      },
    },
    secrets: {
      issueCode: async (identifier, purpose, validForMs) =>
        journeys().issueCode(identifier, purpose, validForMs),
      checkCode: async (identifier, purpose, code) =>
        journeys().checkCode(identifier, purpose, code),
      consumeCode: async (identifier, purpose) => journeys().consumeCode(identifier, purpose),
      holdCode: async (identifier, purpose) => journeys().holdCode(identifier, purpose),
      releaseCode: async (identifier, purpose) => journeys().releaseCode(identifier, purpose),
      openSession: async (identifier) => journeys().openSession(identifier),
      sessionAccount: async (token) => journeys().sessionAccount(token),
    },
    mail: {
      send: async (message) => journeys().deliver(message),
    },
    staff: {
      signIn: async (staffId, pin, deviceId, ttl) =>
        state().staff.signIn(staffId, pin, deviceId, ttl),
      session: async (token, deviceId) => state().staff.session(token, deviceId),
      close: async (token) => state().staff.close(token),
      issueProofs: async (staff, identifier, actions) =>
        state().staff.issueProofs(staff, identifier, actions),
      redeemProof: async (proof, use) => state().staff.redeemProof(proof, use),
      liftPinLimits: async (deviceId) => state().staff.liftPinLimits(deviceId),
      issueGrant: async (identifier, purpose, staffId) =>
        state().staff.issueGrant(identifier, purpose, staffId),
      async reserveGrant(grant, identifier, purpose) {
        const use = state().staff.reserveGrant(grant, identifier, purpose);
        if (!use.ok) return use;
        return {
          ok: true,
          staffId: use.staffId,
          consume: async () => use.consume(),
          release: async () => use.release(),
        };
      },
    },
    events: {
      record: async (identifier, kind, fields) => state().events.record(identifier, kind, fields),
      list: async (account) => state().events.list(account),
      latest: async (identifier, kind) => state().events.latest(identifier, kind),
    },
    audit: {
      upload: async (deviceId, events, at) => state().audit.upload(deviceId, events, at),
      list: async (deviceId, afterSeq, limit) => state().audit.list(deviceId, afterSeq, limit),
    },
    health: { check: async () => null },
    fleet,
    feed: {
      async read(cursor, limit) {
        const read = state().directory.read(cursor, limit);
        if (read.kind !== 'page') return read;
        return {
          kind: 'page',
          changes: read.entries.flatMap((e) => toDirectoryChange(e, state()) ?? []),
          nextCursor: read.nextCursor,
          hasMore: read.hasMore,
        };
      },
    },
  };
}

/** One line of a staff search. */
export function searchRow(
  student: Pick<
    AccountRecord,
    'identifier' | 'studentNumber' | 'firstName' | 'lastName' | 'account'
  >,
): StudentSearchResult['results'][number] {
  const { identifier, studentNumber, firstName, lastName } = student;
  return { identifier, studentNumber, firstName, lastName, status: student.account.status };
}

function reserveInMemory(
  limits: RateLimits,
  attempt: LimitedAttempt,
): { ok: true; held: HeldAttempt } | { ok: false; reply: Reply } {
  const limited = refusal(limits, attempt);
  if (limited) return { ok: false, reply: limited };
  limits.fail(attempt.subject, attempt.subjectRule);
  limits.fail(attempt.kiosk, attempt.kioskRule);
  return {
    ok: true,
    held: {
      async settle(success) {
        if (!success) return;
        limits.reset(attempt.subject);
        limits.forgiveLast(attempt.kiosk);
      },
      async release() {
        limits.forgiveLast(attempt.subject);
        limits.forgiveLast(attempt.kiosk);
      },
    },
  };
}
