/** For unit tests: staff mode's answers as main would give them (demo agent, one student page). */
import type { StaffSessionInfo, StaffStudentPage } from '../../src-main/core/staff-view';

export const AGENT: StaffSessionInfo = {
  staffId: 'agent01',
  displayName: 'Camille Martin',
  role: 'agent',
  offline: false,
  idleSeconds: 120,
};

export const SUPERVISOR: StaffSessionInfo = {
  ...AGENT,
  staffId: 'super01',
  displayName: 'Hélène Dubois-Laforêt',
  role: 'supervisor',
};

export function staffPage(overrides: Partial<StaffStudentPage> = {}): StaffStudentPage {
  return {
    identifier: 'endiayebrule',
    studentNumber: '21901234',
    firstName: 'Éloïse',
    lastName: "N'Diaye-Brûlé",
    currentAcademicYear: '2026-2027',
    enrollments: [{ academicYear: '2026-2027', program: 'Licence 2', validatedAt: '' }],
    status: 'not_activated',
    lockReason: null,
    accessUntil: null,
    personalEmail: 'e*****d@example.org',
    mailRedirected: false,
    timeline: [],
    current: { state: 'activation_possible', since: null },
    identificationLockedFor: null,
    offline: false,
    ...overrides,
  };
}
