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
import type { MailRedirectionWire } from '../api/wire-journeys';
import type { LockReason } from '../api/wire-staff';
import { maskEmail } from '../core/email';
import { toDirectoryChange } from './directory-feed-wire';
import type { Reply } from './http';
import type { CodeCheck, CodeIssued, CodePurpose, MailboxMessage } from './journey-state';
import { refusal, type LimitedAttempt, type RateLimits } from './rate-limits';
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
  birthDate: string;
  personalEmail?: string | null;
  lockReason?: LockReason;
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
  /** Lifts a lock after a staff grant (the desk checked the identity). */
  unlock(identifier: string): Promise<void>;
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

export interface Backends {
  devices: DeviceAuth;
  accounts: AccountStore;
  feed: ChangeFeedReader;
  attempts: AttemptGate;
  secrets: JourneySecrets;
  mail: CodeMailer;
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
      async find(identifier) {
        return state().studentByIdentifier(identifier) ?? null;
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
      async unlock(identifier) {
        const found = student(identifier);
        found.account = { ...found.account, status: 'active' };
        delete found.lockReason;
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
      openSession: async (identifier) => journeys().openSession(identifier),
      sessionAccount: async (token) => journeys().sessionAccount(token),
    },
    mail: {
      send: async (message) => journeys().deliver(message),
    },
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
