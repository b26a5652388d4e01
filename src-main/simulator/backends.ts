/**
 * The ports the route table reads through where the Guichet server's real backends differ from
 * the simulator's memory: the accounts identification and status read, and the failed-attempt
 * limits. The simulator's own (memory) implementations are here; the server's, over the
 * university's directory and PostgreSQL, are in src-server. Every call is asynchronous, so a
 * route is written once for both.
 */
import type { AccountStatusResponse, StudentWire } from '../api/wire';
import { maskEmail } from '../core/email';
import type { Reply } from './http';
import { rateLimited, type LimitedAttempt, type RateLimits } from './rate-limits';
import type { SimulatorState } from './state';
import { activationAvailableAt, toStudentWire } from './student-wire';

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

/** A reserved attempt: settle it once the secret was checked. */
export interface HeldAttempt {
  /** A success gives the reservation back and forgets the subject's failures. */
  settle(success: boolean): Promise<void>;
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

export interface Backends {
  accounts: AccountReader;
  attempts: AttemptGate;
}

/** The simulator's backends, over whatever state `state()` returns now (it changes on reset). */
export function memoryBackends(
  state: () => SimulatorState,
  activationDelayMinutes: number,
): Backends {
  return {
    accounts: {
      async identify(studentNumber, birthDate) {
        const student = state().studentByNumber(studentNumber);
        if (!student || student.birthDate !== birthDate) return null;
        return {
          ...toStudentWire(student),
          maskedEmail: student.personalEmail ? maskEmail(student.personalEmail) : null,
          activationAvailableAt: activationAvailableAt(student, activationDelayMinutes),
        };
      },
      async accountStatus(identifier) {
        const student = state().studentByIdentifier(identifier);
        if (!student) return null;
        return {
          identifier: student.identifier,
          ...student.account,
          activationAvailableAt: activationAvailableAt(student, activationDelayMinutes),
        };
      },
    },
    attempts: {
      async reserve(attempt) {
        return reserveInMemory(state().limits, attempt);
      },
    },
  };
}

function reserveInMemory(
  limits: RateLimits,
  attempt: LimitedAttempt,
): { ok: true; held: HeldAttempt } | { ok: false; reply: Reply } {
  const waits = [
    limits.retryAfter(attempt.subject, attempt.subjectRule),
    limits.retryAfter(attempt.kiosk, attempt.kioskRule),
  ].filter((w): w is number => w !== null);
  if (waits.length > 0) return { ok: false, reply: rateLimited(Math.max(...waits)) };
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
    },
  };
}
