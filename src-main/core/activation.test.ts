import { describe, expect, it } from 'vitest';
import { academicYearOf } from './academic-year';
import { accessUntil, activationInfo, normaliseCode } from './activation';
import type { StudentRecord } from './student';

const PARIS = 'Europe/Paris';

function student(validatedAt: string, overrides: Partial<StudentRecord> = {}): StudentRecord {
  return {
    identifier: 'tnguyen',
    firstName: 'Thị Mai',
    lastName: 'Nguyễn',
    enrollments: [{ academicYear: '2026-2027', program: 'Licence', validatedAt }],
    account: { status: 'not_activated', activatedAt: null, leavingYear: null },
    ...overrides,
  };
}

function at(record: StudentRecord, now: string) {
  const date = new Date(now);
  return activationInfo(record, {
    now: date,
    academicYear: academicYearOf(date, PARIS),
    delayMinutes: 15,
    maskedEmail: 'm*****n@example.com',
  });
}

describe('activationInfo', () => {
  it('opens exactly 15 minutes after the enrolment was validated', () => {
    const record = student('2026-09-02T08:15:00Z');
    expect(at(record, '2026-09-02T08:29:59.999Z')).toEqual({
      state: 'too_early',
      availableAt: '2026-09-02T08:30:00.000Z',
    });
    expect(at(record, '2026-09-02T08:30:00Z')).toEqual({
      state: 'ready',
      maskedEmail: 'm*****n@example.com',
    });
  });

  it('counts the academic year in Paris across midnight of 31 August (UTC is still August)', () => {
    // 23:50 in Paris on 31 August is 21:50 UTC; 15 minutes later it is 1 September in Paris.
    const record = student('2026-08-31T21:50:00Z');
    expect(at(record, '2026-08-31T22:04:00Z')).toEqual({
      state: 'too_early',
      availableAt: '2026-08-31T22:05:00.000Z',
    });
    expect(at(record, '2026-08-31T22:05:00Z').state).toBe('ready');
    // At 21:55 UTC it is still 2025-2026 in Paris: the 2026-2027 enrolment does not count yet.
    expect(at(record, '2026-08-31T21:55:00Z')).toEqual({ state: 'no_enrollment' });
  });

  it('takes the latest enrolment, and the central API’s date when it gives one', () => {
    const record = student('2026-09-02T08:15:00Z', {
      enrollments: [
        { academicYear: '2025-2026', program: 'L1', validatedAt: '2025-07-01T08:00:00Z' },
        { academicYear: '2026-2027', program: 'L2', validatedAt: '2026-11-25T09:50:00Z' },
      ],
    });
    expect(at(record, '2026-11-25T10:00:00Z')).toMatchObject({ state: 'too_early' });
    const fromApi = { ...record, activationAvailableAt: '2026-11-25T11:00:00Z' };
    expect(at(fromApi, '2026-11-25T10:30:00Z')).toEqual({
      state: 'too_early',
      availableAt: '2026-11-25T11:00:00.000Z',
    });
  });

  it('reports the other account states, and a student not enrolled this year', () => {
    const base = student('2026-09-02T08:15:00Z');
    const now = '2026-11-25T10:00:00Z';
    const status = (s: StudentRecord['account']['status']) => ({
      ...base,
      account: { ...base.account, status: s },
    });
    expect(at(status('active'), now)).toEqual({ state: 'already_active' });
    expect(at(status('locked'), now)).toEqual({ state: 'locked' });
    expect(at(status('disabled'), now)).toEqual({ state: 'disabled' });
    expect(at({ ...base, enrollments: [] }, now)).toEqual({ state: 'no_enrollment' });
  });
});

describe('accessUntil', () => {
  it('is 31 December after the summer the student leaves', () => {
    expect(accessUntil('2025-2026')).toBe('2026-12-31');
    expect(accessUntil(null)).toBeNull();
    expect(accessUntil('garbage')).toBeNull();
  });
});

describe('normaliseCode', () => {
  it('drops the spaces and dashes a student types', () => {
    expect(normaliseCode(' 1234 56-78 ')).toBe('12345678');
    expect(normaliseCode('ab-cd')).toBe('ABCD');
  });
});
