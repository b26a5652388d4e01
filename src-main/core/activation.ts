/**
 * Activation rules ("1ère connexion"): when a student may activate, and until when a former
 * student keeps the ENT. Pure functions of a directory record and the time.
 */
import type { ActivationInfo } from './journeys';
import type { Enrollment, StudentRecord } from './student';

/** The latest enrolment validation, as epoch milliseconds, or null without enrolments. */
function latestValidation(enrollments: readonly Enrollment[]): number | null {
  const times = enrollments.map((e) => Date.parse(e.validatedAt)).filter((t) => !Number.isNaN(t));
  return times.length === 0 ? null : Math.max(...times);
}

/** When activation opens: the latest enrolment's validation plus the institution's delay. */
export function activationOpensAt(
  enrollments: readonly Enrollment[],
  delayMinutes: number,
): Date | null {
  const latest = latestValidation(enrollments);
  return latest === null ? null : new Date(latest + delayMinutes * 60_000);
}

export interface ActivationContext {
  now: Date;
  /** The current academic year ("2026-2027"), in the institution's time zone. */
  academicYear: string;
  delayMinutes: number;
  /** The personal address, already masked, or null when none is known. */
  maskedEmail: string | null;
}

/**
 * Where a student stands with activation. The central API's `activationAvailableAt` wins when
 * the record carries one (it knows the enrolment system's own delay); otherwise the delay is
 * counted from the latest validated enrolment. Activation needs an enrolment this year.
 */
export function activationInfo(record: StudentRecord, ctx: ActivationContext): ActivationInfo {
  switch (record.account.status) {
    case 'active':
      return { state: 'already_active' };
    case 'locked':
      return { state: 'locked' };
    case 'disabled':
      return { state: 'disabled' };
    case 'not_activated':
      break;
  }
  if (!record.enrollments.some((e) => e.academicYear === ctx.academicYear)) {
    return { state: 'no_enrollment' };
  }
  const fromApi = record.activationAvailableAt ? new Date(record.activationAvailableAt) : null;
  const opensAt =
    fromApi && !Number.isNaN(fromApi.getTime())
      ? fromApi
      : activationOpensAt(record.enrollments, ctx.delayMinutes);
  if (opensAt && ctx.now.getTime() < opensAt.getTime()) {
    return { state: 'too_early', availableAt: opensAt.toISOString() };
  }
  return { state: 'ready', maskedEmail: ctx.maskedEmail };
}

/**
 * The last day of ENT access of a student who left: services stay open until 31 December of
 * the academic year they leave in, i.e. the December after the summer they leave
 * ("2025-2026" → "2026-12-31"). Null while the student has not left.
 */
export function accessUntil(leavingYear: string | null): string | null {
  if (leavingYear === null) return null;
  const match = /^(\d{4})-(\d{4})$/.exec(leavingYear);
  return match ? `${match[2]}-12-31` : null;
}

/** Removes what a student may add when typing a code from an e-mail (spaces, dashes). */
export function normaliseCode(raw: string): string {
  return raw.replace(/[\s-]/g, '').toUpperCase();
}
