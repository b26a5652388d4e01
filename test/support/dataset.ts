import { academicYearOf } from '../../src-main/core/academic-year';

/** The current academic year, as the kiosk will compute it today. */
export const THIS_YEAR = academicYearOf(new Date(), 'Europe/Paris');
const [start] = THIS_YEAR.split('-');
const LAST_YEAR = `${Number(start) - 1}-${start}`;

/** The password of the seeded active accounts (nmai, tbalises): demo data, not a secret. */
export const SEEDED_PASSWORD = 'Seeded-Pass-24';

/** Passwords of the accounts the journeys' end-to-end tests log in with (demo data, not secrets). */
export const PASSWORDS = {
  hlefevre: 'Ancien-Velo-2025',
  ihaddad: 'Courrier-Bleu-77',
  abensaid: 'Parti-En-Juin-24',
} as const;

/**
 * The seeded dataset for a simulator starting at `now`: the student enrolled "a few minutes ago"
 * (activation too early) is placed relative to it. The e2e fixture builds one per test.
 */
export function seededDataset(now: Date = new Date()) {
  const minutesAgo = (minutes: number) =>
    new Date(now.getTime() - minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const enrolled = (program: string, academicYear = THIS_YEAR) => ({
    academicYear,
    program,
    validatedAt: `${start}-09-04T08:00:00Z`,
  });
  return {
    ...SEEDED_BASE,
    students: [
      ...SEEDED_BASE.students,
      {
        studentNumber: '22110001',
        birthDate: '2002-05-17',
        firstName: 'Hugo',
        lastName: 'Lefèvre',
        identifier: 'hlefevre',
        personalEmail: 'hugo.lefevre@example.com',
        enrollments: [enrolled('Licence 3 Histoire')],
        account: { status: 'active', activatedAt: `${start}-09-05T09:00:00Z`, leavingYear: null },
        password: PASSWORDS.hlefevre,
      },
      {
        studentNumber: '22110002',
        birthDate: '2003-02-08',
        firstName: 'Inès',
        lastName: 'Haddad',
        identifier: 'ihaddad',
        personalEmail: 'ines.haddad@example.net',
        enrollments: [enrolled('Master Droit')],
        account: { status: 'active', activatedAt: `${start}-09-05T09:00:00Z`, leavingYear: null },
        mailRedirection: 'ines.h@example.net',
        mailKeepCopy: false,
        password: PASSWORDS.ihaddad,
      },
      {
        studentNumber: '22110003',
        birthDate: '2000-11-30',
        firstName: 'Amine',
        lastName: 'Bensaïd',
        identifier: 'abensaid',
        personalEmail: 'amine.b@example.org',
        enrollments: [enrolled('Master Physique', LAST_YEAR)],
        account: {
          status: 'active',
          activatedAt: `${start}-09-05T09:00:00Z`,
          leavingYear: LAST_YEAR,
        },
        password: PASSWORDS.abensaid,
      },
      {
        studentNumber: '26110004',
        birthDate: '2008-01-09',
        firstName: 'Lucas',
        lastName: 'Moreau',
        identifier: 'lmoreau',
        personalEmail: 'lucas.moreau@example.org',
        enrollments: [
          { academicYear: THIS_YEAR, program: 'Licence 1 Biologie', validatedAt: minutesAgo(2) },
        ],
        account: { status: 'not_activated', activatedAt: null, leavingYear: null },
      },
      {
        studentNumber: '21110005',
        birthDate: '2000-07-21',
        firstName: 'Sofia',
        lastName: 'Ødegaard',
        identifier: 'sodegaard',
        personalEmail: 'sofia.o@example.org',
        enrollments: [enrolled('Licence 3 Mathématiques')],
        account: { status: 'locked', activatedAt: `${start}-09-05T09:00:00Z`, leavingYear: null },
        lockReason: 'too_many_failures' as const,
        lockedAt: minutesAgo(25 * 60),
      },
      {
        studentNumber: '21110006',
        birthDate: '1999-01-30',
        firstName: 'Jack',
        lastName: "O'Connor",
        identifier: 'joconnor',
        personalEmail: 'jack.oc@example.org',
        enrollments: [enrolled('Master Anglais')],
        account: { status: 'disabled', activatedAt: `${start}-09-05T09:00:00Z`, leavingYear: null },
      },
      {
        studentNumber: '21110007',
        birthDate: '2001-06-12',
        firstName: 'Paul',
        lastName: 'Garnier',
        identifier: 'pgarnier',
        personalEmail: 'paul.g@example.org',
        enrollments: [enrolled('Licence 2 Économie', LAST_YEAR)],
        account: { status: 'not_activated', activatedAt: null, leavingYear: null },
      },
      {
        studentNumber: '21110008',
        birthDate: '2002-09-03',
        firstName: 'Chloé',
        lastName: 'Petit',
        identifier: 'cpetit',
        personalEmail: null,
        enrollments: [enrolled('Licence 1 Psychologie')],
        account: { status: 'not_activated', activatedAt: null, leavingYear: null },
      },
    ],
  };
}

/** The three first students, as the skeleton's tests know them. */
const SEEDED_BASE = {
  students: [
    {
      studentNumber: '21901234',
      birthDate: '2001-03-14',
      firstName: 'Éloïse',
      lastName: "N'Diaye-Brûlé",
      identifier: 'endiayebrule',
      personalEmail: 'eloise.nd@example.org',
      enrollments: [
        {
          academicYear: LAST_YEAR,
          program: 'Licence 1 Informatique',
          validatedAt: `${start}-07-10T08:15:00Z`,
        },
        {
          academicYear: THIS_YEAR,
          program: 'Licence 2 Informatique',
          validatedAt: `${start}-09-02T08:15:00Z`,
        },
      ],
      account: { status: 'not_activated', activatedAt: null, leavingYear: null },
    },
    {
      studentNumber: '22004567',
      birthDate: '1999-12-31',
      firstName: 'Nguyễn Thị',
      lastName: 'Mai',
      identifier: 'nmai',
      personalEmail: 'mai.nguyen@example.net',
      enrollments: [
        {
          academicYear: THIS_YEAR,
          program: 'Master Chimie',
          validatedAt: `${start}-09-05T10:00:00Z`,
        },
      ],
      account: { status: 'active', activatedAt: `${start}-09-06T09:00:00Z`, leavingYear: null },
      password: SEEDED_PASSWORD,
    },
    {
      studentNumber: '23001111',
      birthDate: '2004-07-01',
      firstName: '<img src=x onerror=alert(1)>',
      lastName: 'Test & <b>Balises</b>',
      identifier: 'tbalises',
      personalEmail: 'balises@example.org',
      enrollments: [
        { academicYear: THIS_YEAR, program: 'DUT GEA', validatedAt: `${start}-09-03T10:00:00Z` },
      ],
      account: { status: 'active', activatedAt: `${start}-09-04T09:00:00Z`, leavingYear: null },
      password: SEEDED_PASSWORD,
    },
  ],
  staff: [
    { staffId: 'agent01', displayName: 'Camille Martin', pin: '482913', role: 'agent' },
    { staffId: 'super01', displayName: 'Hélène Dubois-Laforêt', pin: '917364', role: 'supervisor' },
  ],
};

/** A small seeded dataset in the simulator's file format, shared by integration and e2e tests. */
export const SEEDED = seededDataset();
