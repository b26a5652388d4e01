import type { ActivationInfo } from './journeys';

/** The states of a university computer account. */
export const ACCOUNT_STATUSES = ['not_activated', 'active', 'locked', 'disabled'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export interface Enrollment {
  academicYear: string;
  program: string;
  validatedAt: string;
}

/** What the kiosk may know about a student once identified. No birth date, on purpose. */
export interface StudentRecord {
  identifier: string;
  firstName: string;
  lastName: string;
  enrollments: Enrollment[];
  account: { status: AccountStatus; activatedAt: string | null; leavingYear: string | null };
  /** From the central API only, never cached: the personal address, masked, or null. */
  maskedEmail?: string | null;
  /** From the central API only, never cached: when activation opens, while not activated. */
  activationAvailableAt?: string | null;
}

/** What the identification screen shows. */
export interface IdentifiedStudent {
  /** Names the journey main opened for this student; wiped by `journey.end` and on idle. */
  journeyId: string;
  /** What activation can do for this student now. */
  activation: ActivationInfo;
  /** The personal address, masked (e*****d@example.org), or null when none is known. */
  maskedEmail: string | null;
  identifier: string;
  firstName: string;
  lastName: string;
  accountStatus: AccountStatus;
  /** Enrolments of the current academic year only. */
  enrollments: Enrollment[];
  academicYear: string;
  /** A student who left: the last day of ENT access (31/12 of the leaving year); else null. */
  accessUntil: string | null;
  /** "online" when the central API answered, "cache" when the kiosk answered from its copy. */
  source: 'online' | 'cache';
  /** Something this kiosk must tell the student (app/dead-letter-notice.ts); absent if none. */
  notice?: StudentNotice;
}

/**
 * An operation this kiosk queued for the student was refused by the API later (a dead letter):
 * the student is sent to the help desk. `count` is how many they had not been told of yet.
 */
export interface StudentNotice {
  kind: 'operation_refused';
  count: number;
}
