/**
 * Well-known demo people with fixed numbers and dates, one per situation a help desk meets, so
 * that the README, trainers and tests can try every journey. Their enrolments follow the
 * simulator's clock: "this year" is always the current academic year.
 */
import type { AccountStatus } from '../core/student';
import type { DatasetStaff, DatasetStudent } from './dataset';
import { isoSeconds } from './time';

export interface DemoStudent {
  studentNumber: string;
  birthDate: string;
  firstName: string;
  lastName: string;
  identifier: string;
  status: AccountStatus;
  /** What a demo user should expect, in English, for the README. */
  situation: string;
}

export const DEMO_STUDENTS = {
  activationAvailable: {
    studentNumber: '21901234',
    birthDate: '2001-03-14',
    firstName: 'Éloïse',
    lastName: "N'Diaye-Brûlé",
    identifier: 'endiayebrule',
    status: 'not_activated',
    situation: 'Enrolled this year in July, never activated: activation is available.',
  },
  activationTooEarly: {
    studentNumber: '26004512',
    birthDate: '2008-01-09',
    firstName: 'Thị Mai',
    lastName: 'Nguyễn',
    identifier: 'tnguyen',
    status: 'not_activated',
    situation:
      'Enrolment validated 5 minutes before the simulator started: activation is not possible yet.',
  },
  active: {
    studentNumber: '22004567',
    birthDate: '2003-11-05',
    firstName: 'Zoé',
    lastName: 'Lefèvre',
    identifier: 'zlefevre',
    status: 'active',
    situation: 'Second year, account active since last year.',
  },
  locked: {
    studentNumber: '21807654',
    birthDate: '2000-07-21',
    firstName: 'Søren',
    lastName: 'Ødegaard',
    identifier: 'sodegaard',
    status: 'locked',
    situation: 'Enrolled this year, account locked: needs staff.',
  },
  disabled: {
    studentNumber: '21702345',
    birthDate: '1999-01-30',
    firstName: 'Jean-Baptiste',
    lastName: "O'Connor",
    identifier: 'joconnor',
    status: 'disabled',
    situation: 'Left two years ago (past enrolments only), account disabled.',
  },
  formerStudent: {
    studentNumber: '22305678',
    birthDate: '2002-05-17',
    firstName: 'Aïcha',
    lastName: 'Ben Saïd',
    identifier: 'abensaid',
    status: 'active',
    situation: 'Left last year (no enrolment this year), account still open until 31 December.',
  },
} as const satisfies Record<string, DemoStudent>;

export type DemoStudentKey = keyof typeof DEMO_STUDENTS;

/**
 * The password of every well-known demo student whose account was activated (zlefevre,
 * sodegaard, joconnor, abensaid), for password change and mail settings. Demo data, not a secret.
 */
export const DEMO_PASSWORD = 'Guichet-Demo-42';

/** Staff who can unlock staff mode in the demo. The PINs are demo data, not secrets. */
export const DEMO_STAFF: readonly DatasetStaff[] = [
  { staffId: 'agent01', displayName: 'Camille Martin', pin: '482913', role: 'agent' },
  { staffId: 'agent02', displayName: 'Mamadou Diallo', pin: '305127', role: 'agent' },
  { staffId: 'super01', displayName: 'Hélène Dubois-Laforêt', pin: '917364', role: 'supervisor' },
];

/** A time of day in July or August of `year`, as an ISO instant without milliseconds. */
export function summerInstant(year: number, dayOfSummer: number, hour: number, minute: number) {
  return isoSeconds(new Date(Date.UTC(year, 6, 1 + dayOfSummer, hour, minute)));
}

const academicYear = (start: number) => `${start}-${start + 1}`;

/** The well-known students as dataset records, for the academic year starting in `year`. */
export function wellKnownStudents(year: number, now: Date): DatasetStudent[] {
  const s = DEMO_STUDENTS;
  const enrolment = (
    start: number,
    program: string,
    validatedAt = summerInstant(start, 7, 8, 15),
  ) => ({
    academicYear: academicYear(start),
    program,
    validatedAt,
  });
  const person = (key: DemoStudentKey, personalEmail: string) => {
    const { studentNumber, birthDate, firstName, lastName, identifier, status } = s[key];
    const known = { studentNumber, birthDate, firstName, lastName, identifier, personalEmail };
    return status === 'not_activated' ? known : { ...known, password: DEMO_PASSWORD };
  };
  return [
    {
      ...person('activationAvailable', 'eloise.nd@example.org'),
      enrollments: [enrolment(year, 'Master Informatique')],
      account: { status: 'not_activated', activatedAt: null, leavingYear: null },
      charterAcceptedAt: null,
      mailRedirection: null,
    },
    {
      ...person('activationTooEarly', 'mai.nguyen@example.com'),
      enrollments: [
        enrolment(year, 'Licence Mathématiques', isoSeconds(new Date(now.getTime() - 5 * 60_000))),
      ],
      account: { status: 'not_activated', activatedAt: null, leavingYear: null },
      charterAcceptedAt: null,
      mailRedirection: null,
    },
    {
      ...person('active', 'zoe.lefevre@example.net'),
      enrollments: [enrolment(year - 1, 'Licence Droit'), enrolment(year, 'Licence Droit')],
      account: {
        status: 'active',
        activatedAt: summerInstant(year - 1, 7, 9, 2),
        leavingYear: null,
      },
      charterAcceptedAt: summerInstant(year - 1, 7, 9, 2),
      mailRedirection: 'zoe.lefevre@example.net',
    },
    {
      ...person('locked', 'soren.odegaard@example.org'),
      enrollments: [enrolment(year - 1, 'Master Chimie'), enrolment(year, 'Master Chimie')],
      account: {
        status: 'locked',
        activatedAt: summerInstant(year - 1, 9, 14, 40),
        leavingYear: null,
      },
      charterAcceptedAt: summerInstant(year - 1, 9, 14, 40),
      mailRedirection: null,
      // Locked at the end of the summer after too many wrong passwords: the staff timeline shows
      // when and why.
      lockReason: 'too_many_failures',
      lockedAt: summerInstant(year, 55, 10, 12),
    },
    {
      ...person('disabled', 'jb.oconnor@example.com'),
      enrollments: [year - 4, year - 3, year - 2].map((y) => enrolment(y, 'Licence Histoire')),
      account: {
        status: 'disabled',
        activatedAt: summerInstant(year - 4, 8, 10, 5),
        leavingYear: academicYear(year - 2),
      },
      charterAcceptedAt: summerInstant(year - 4, 8, 10, 5),
      mailRedirection: null,
    },
    {
      ...person('formerStudent', 'aicha.bensaid@example.org'),
      enrollments: [year - 2, year - 1].map((y) => enrolment(y, 'DUT Génie biologique')),
      account: {
        status: 'active',
        activatedAt: summerInstant(year - 2, 12, 16, 20),
        leavingYear: academicYear(year - 1),
      },
      charterAcceptedAt: summerInstant(year - 2, 12, 16, 20),
      mailRedirection: 'aicha.bensaid@example.org',
    },
  ];
}
