import { academicYearOf } from '../../src-main/core/academic-year';

/** The current academic year, as the kiosk will compute it today. */
export const THIS_YEAR = academicYearOf(new Date(), 'Europe/Paris');
const [start] = THIS_YEAR.split('-');
const LAST_YEAR = `${Number(start) - 1}-${start}`;

/** A small seeded dataset in the simulator's file format, shared by integration and e2e tests. */
export const SEEDED = {
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
    },
  ],
  staff: [{ staffId: 'agent01', displayName: 'Camille Martin', pin: '482913', role: 'agent' }],
};
