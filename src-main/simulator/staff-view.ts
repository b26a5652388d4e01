/** What staff see of an account (GET /v1/staff/accounts/{identifier}), from the live record. */
import type { StaffAccountView } from '../api/wire-staff';
import { academicYearOf } from '../core/academic-year';
import { accessUntil } from '../core/activation';
import { maskEmail } from '../core/email';
import type { AccountRecord } from './backends';
import { accountStatusOf } from './journey-support';
import type { SimulatorEnv } from './router';

/** The lock reason of a locked account (too many failures unless the dataset says otherwise). */
export function lockReasonOf(student: AccountRecord): StaffAccountView['lockReason'] {
  return student.account.status === 'locked' ? (student.lockReason ?? 'too_many_failures') : null;
}

/** The staff view of one account; the personal address masked. */
export async function staffAccountView(
  student: AccountRecord,
  env: SimulatorEnv,
): Promise<StaffAccountView> {
  const emailSent = await env.backends.events.latest(student.identifier, 'activation_email_sent');
  const status = accountStatusOf(student, env);
  const enrollments = [...student.enrollments].sort(
    (a, b) =>
      b.academicYear.localeCompare(a.academicYear) || b.validatedAt.localeCompare(a.validatedAt),
  );
  return {
    identifier: student.identifier,
    studentNumber: student.studentNumber,
    firstName: student.firstName,
    lastName: student.lastName,
    currentAcademicYear: academicYearOf(env.clock.now(), env.settings.timeZone),
    enrollments: enrollments.map(({ academicYear, program, validatedAt }) => ({
      academicYear,
      program,
      validatedAt,
    })),
    status: status.status,
    lockReason: lockReasonOf(student),
    activatedAt: status.activatedAt,
    leavingYear: status.leavingYear,
    activationAvailableAt: status.activationAvailableAt,
    accessUntil: accessUntil(status.leavingYear),
    activationEmailSentAt: emailSent?.at ?? null,
    charterAcceptedAt: student.charterAcceptedAt ?? null,
    mailRedirected: student.mailRedirected ?? false,
    personalEmail: student.personalEmail ? maskEmail(student.personalEmail) : null,
  };
}
