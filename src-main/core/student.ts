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
}

/** What the identification screen shows. */
export interface IdentifiedStudent {
  identifier: string;
  firstName: string;
  lastName: string;
  accountStatus: AccountStatus;
  /** Enrolments of the current academic year only. */
  enrollments: Enrollment[];
  academicYear: string;
  /** "online" when the central API answered, "cache" when the kiosk answered from its copy. */
  source: 'online' | 'cache';
}
