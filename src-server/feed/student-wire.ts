/**
 * A directory person as the contract's Student: what identification and the change feed serve.
 * The enrolment's validation time is the time the server first saw it (SupAnn does not say).
 */
import type { StudentWire } from '../../src-main/api/wire';
import { leavingYear } from '../ldap/mapping';
import type { DirectoryPerson } from '../ports/directory';

export interface WireContext {
  /** When each enrolment value was first seen (ISO), by its raw value. */
  firstSeen: ReadonlyMap<string, string>;
  /** The programme's label for an `etape` code (the institution's nomenclature). */
  programLabel(step: string): string;
}

/** The contract's Student for `person`. */
export function toStudentWire(person: DirectoryPerson, context: WireContext): StudentWire {
  return {
    identifier: person.identifier,
    firstName: person.firstName,
    lastName: person.lastName,
    enrollments: person.enrolments.flatMap((e) => {
      const seen = context.firstSeen.get(e.raw);
      return seen
        ? [
            {
              academicYear: e.academicYear,
              program: context.programLabel(e.step),
              validatedAt: seen,
            },
          ]
        : [];
    }),
    account: {
      status: person.status,
      activatedAt: person.status === 'not_activated' ? null : person.activatedAt,
      leavingYear: person.status === 'disabled' ? leavingYear(person.enrolments) : null,
    },
  };
}
