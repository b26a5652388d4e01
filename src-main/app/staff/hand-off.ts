/** What the student's screens get when an agent hands the kiosk over after an in-person check. */
import type { StaffAccountView } from '../../api/wire-staff';
import { accessUntil, activationInfo } from '../../core/activation';
import type { IdentifiedStudent } from '../../core/student';

/** The handed-off student, as identification would have shown them (this year's enrolments). */
export function handedOffStudent(
  v: StaffAccountView,
  journeyId: string,
  at: { now: Date; academicYear: string; delayMinutes: number },
): IdentifiedStudent {
  const record = {
    identifier: v.identifier,
    firstName: v.firstName,
    lastName: v.lastName,
    enrollments: v.enrollments,
    account: { status: v.status, activatedAt: v.activatedAt, leavingYear: v.leavingYear },
    maskedEmail: v.personalEmail,
    activationAvailableAt: v.activationAvailableAt,
  };
  return {
    journeyId,
    activation: activationInfo(record, { ...at, maskedEmail: v.personalEmail }),
    maskedEmail: v.personalEmail,
    identifier: v.identifier,
    firstName: v.firstName,
    lastName: v.lastName,
    accountStatus: v.status,
    enrollments: v.enrollments.filter((e) => e.academicYear === at.academicYear),
    academicYear: at.academicYear,
    accessUntil: accessUntil(v.leavingYear),
    source: 'online',
  };
}
