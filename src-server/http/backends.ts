/**
 * The route table's ports (src-main/simulator/backends.ts) over the university's systems:
 * accounts read from the directory, enrolments dated from the server's first sight of them,
 * attempt limits counted in PostgreSQL so that every instance sees the same counts.
 */
import { maskEmail } from '../../src-main/core/email';
import type { AttemptGate, Backends } from '../../src-main/simulator/backends';
import { rateLimited } from '../../src-main/simulator/rate-limits';
import { activationAvailableAt } from '../../src-main/simulator/student-wire';
import { toStudentWire } from '../feed/student-wire';
import type { AttemptLimiter } from '../postgres/attempts';
import type { Pool } from '../postgres/database';
import { enrolmentsFirstSeen } from '../postgres/enrolments';
import type { Directory, DirectoryPerson } from '../ports/directory';

export interface ServerBackendOptions {
  activationDelayMinutes: number;
  programLabel(step: string): string;
}

function attemptGate(limiter: AttemptLimiter): AttemptGate {
  return {
    async reserve(attempt) {
      const reservation = await limiter.reserve([
        { key: attempt.subject, rule: attempt.subjectRule },
        { key: attempt.kiosk, rule: attempt.kioskRule },
      ]);
      if (!reservation.ok) return { ok: false, reply: rateLimited(reservation.retryAfterSeconds) };
      return {
        ok: true,
        held: {
          settle: (success) =>
            success ? limiter.succeeded(reservation, [attempt.subject]) : Promise.resolve(),
        },
      };
    },
  };
}

/** The server's backends over `directory` and `pool` (migrated). */
export function serverBackends(
  directory: Directory,
  pool: Pool,
  limiter: AttemptLimiter,
  options: ServerBackendOptions,
): Backends {
  async function wire(person: DirectoryPerson) {
    const student = toStudentWire(person, {
      firstSeen:
        (await enrolmentsFirstSeen(pool, [person], new Date())).get(person.id) ?? new Map(),
      programLabel: options.programLabel,
    });
    return {
      student,
      activationAvailableAt: activationAvailableAt(student, options.activationDelayMinutes),
    };
  }
  return {
    accounts: {
      async identify(studentNumber, birthDate) {
        const person = await directory.identify(studentNumber, birthDate);
        if (!person) return null;
        const { student, activationAvailableAt } = await wire(person);
        return {
          ...student,
          maskedEmail: person.personalEmail ? maskEmail(person.personalEmail) : null,
          activationAvailableAt,
        };
      },
      async accountStatus(identifier) {
        const person = await directory.byIdentifier(identifier);
        if (!person) return null;
        const { student, activationAvailableAt } = await wire(person);
        return { identifier: person.identifier, ...student.account, activationAvailableAt };
      },
    },
    attempts: attemptGate(limiter),
  };
}
