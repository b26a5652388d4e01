/** A small dataset for the journey routes' tests, one student per situation. */
import { parseDataset, type Dataset } from './dataset';

export const JOURNEY_NOW = '2026-11-25T10:00:00Z';
export const ZOE_PASSWORD = 'Initial-Pass-1';

/** Students of 2026-2027 as seen at JOURNEY_NOW; the password is demo data. */
export function journeyDataset(): Dataset {
  const enrolled = (validatedAt: string) => [
    { academicYear: '2026-2027', program: 'Licence 2', validatedAt },
  ];
  const notActivated = { status: 'not_activated', activatedAt: null, leavingYear: null };
  const active = { status: 'active', activatedAt: '2026-09-06T09:00:00Z', leavingYear: null };
  return parseDataset({
    students: [
      {
        studentNumber: '21901234',
        birthDate: '2001-03-14',
        firstName: 'Éloïse',
        lastName: "N'Diaye-Brûlé",
        identifier: 'endiayebrule',
        personalEmail: 'eloise.nd@example.org',
        enrollments: enrolled('2026-09-02T08:15:00Z'),
        account: notActivated,
      },
      {
        studentNumber: '26004512',
        birthDate: '2008-01-09',
        firstName: 'Thị Mai',
        lastName: 'Nguyễn',
        identifier: 'tnguyen',
        personalEmail: 'mai.nguyen@example.com',
        // Validated 5 minutes before JOURNEY_NOW: activation opens at 10:10.
        enrollments: enrolled('2026-11-25T09:55:00Z'),
        account: notActivated,
      },
      {
        studentNumber: '26000001',
        birthDate: '2007-02-02',
        firstName: 'Sans',
        lastName: 'Adresse',
        identifier: 'sadresse',
        personalEmail: null,
        enrollments: enrolled('2026-09-02T08:15:00Z'),
        account: notActivated,
      },
      {
        studentNumber: '22004567',
        birthDate: '2003-11-05',
        firstName: 'Zoé',
        lastName: 'Lefèvre',
        identifier: 'zlefevre',
        personalEmail: 'zoe.lefevre@example.net',
        enrollments: enrolled('2026-09-05T10:00:00Z'),
        account: { ...active, leavingYear: '2025-2026' },
        password: ZOE_PASSWORD,
        mailRedirection: 'zoe.lefevre@example.net',
        mailKeepCopy: false,
      },
      {
        studentNumber: '21807654',
        birthDate: '2000-07-21',
        firstName: 'Søren',
        lastName: 'Ødegaard',
        identifier: 'sodegaard',
        personalEmail: 'soren.odegaard@example.org',
        enrollments: enrolled('2026-09-05T10:00:00Z'),
        account: { ...active, status: 'locked' },
        password: ZOE_PASSWORD,
      },
    ],
    staff: [],
  });
}
