/** A dataset student as the contract shows it: identification, status and the change feed. */
import type { StudentWire } from '../api/wire';
import type { DatasetStudent } from './dataset';
import { isoSeconds } from './time';

/** The public part of a student record: what identification returns. No birth date, no number. */
export function toStudentWire(student: DatasetStudent): StudentWire {
  return {
    identifier: student.identifier,
    firstName: student.firstName,
    lastName: student.lastName,
    enrollments: student.enrollments.map((e) => ({
      academicYear: e.academicYear,
      program: e.program,
      validatedAt: e.validatedAt,
    })),
    account: { ...student.account },
  };
}

/** When activation opens: the latest enrolment's validation plus the delay, while not activated. */
export function activationAvailableAt(
  student: Pick<StudentWire, 'account' | 'enrollments'>,
  delayMinutes: number,
): string | null {
  if (student.account.status !== 'not_activated') return null;
  const times = student.enrollments.map((e) => new Date(e.validatedAt).getTime());
  if (times.length === 0) return null;
  return isoSeconds(new Date(Math.max(...times) + delayMinutes * 60_000));
}
