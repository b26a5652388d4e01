/** For unit tests: students as main would answer them, and the profile's relevant parts. */
import type { JourneyDone } from '../../src-main/core/journeys';
import type { AppError } from '../../src-main/core/result';
import type { IdentifiedStudent } from '../../src-main/core/student';

export const PROFILE = {
  studentNumber: { length: 8 },
  timeZone: 'Europe/Paris',
  password: { minLength: 8, recommendedLength: 12, forbiddenCharacters: '<>"\'$' },
  entUrl: 'https://ent.umontpellier.fr',
  mailDomains: ['umontpellier.fr'],
};

export const NOW = () => new Date('2026-11-25T10:00:00Z');

export function student(overrides: Partial<IdentifiedStudent> = {}): IdentifiedStudent {
  return {
    journeyId: 'j-1',
    activation: { state: 'ready', maskedEmail: 'e*****d@example.org' },
    maskedEmail: 'e*****d@example.org',
    identifier: 'endiayebrule',
    firstName: 'Éloïse',
    lastName: "N'Diaye-Brûlé",
    accountStatus: 'not_activated',
    enrollments: [{ academicYear: '2026-2027', program: 'Licence 2', validatedAt: '' }],
    academicYear: '2026-2027',
    accessUntil: null,
    source: 'online',
    ...overrides,
  };
}

export const DONE: JourneyDone = {
  identifier: 'endiayebrule',
  entUrl: 'https://ent.umontpellier.fr',
  accessUntil: null,
  receipt: null,
};

export const ok = <T>(value: T) => Promise.resolve({ ok: true as const, value });
export const refused = (error: AppError) => Promise.resolve({ ok: false as const, error });
