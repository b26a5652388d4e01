import { describe, expect, it } from 'vitest';
import { ACCOUNT_STATUSES } from '../core/student';
import { parseDataset } from './dataset';
import { DEMO_POPULATION_SIZE, DEMO_STUDENTS, generateDemoPopulation } from './demo-population';
import { baseIdentifier } from './identifiers';

const NOW = new Date('2026-11-25T10:00:00Z');
const THIS_YEAR = '2026-2027';
const population = generateDemoPopulation(NOW);
const students = population.students;
const current = (s: (typeof students)[number]) =>
  s.enrollments.some((e) => e.academicYear === THIS_YEAR);

describe('demo population', () => {
  it('is a valid dataset of about 300 students and a few staff', () => {
    expect(parseDataset(JSON.parse(JSON.stringify(population)))).toEqual(population);
    expect(students).toHaveLength(DEMO_POPULATION_SIZE);
    expect(population.staff.length).toBeGreaterThanOrEqual(2);
    expect(population.devices).toBeUndefined();
  });

  it('is the same on every run for the same instant', () => {
    expect(generateDemoPopulation(new Date(NOW))).toEqual(population);
  });

  it('is the same all year long, except enrolments validated minutes before now', () => {
    const later = new Date('2027-03-02T15:30:00Z');
    const other = generateDemoPopulation(later);
    const recentIn = (now: Date) => (v: string) =>
      now.getTime() - new Date(v).getTime() < 15 * 60_000;
    const strip = (list: typeof students, now: Date) =>
      list.map((s) => ({
        ...s,
        enrollments: s.enrollments.map((e) =>
          recentIn(now)(e.validatedAt) ? { ...e, validatedAt: 'recent' } : e,
        ),
      }));
    expect(strip(other.students, later)).toEqual(strip(students, NOW));
  });

  it('changes with the academic year', () => {
    const nextYear = generateDemoPopulation(new Date('2027-10-01T10:00:00Z'));
    expect(nextYear.students.slice(10).map((s) => s.identifier)).not.toEqual(
      students.slice(10).map((s) => s.identifier),
    );
  });

  it('has unique 8-digit student numbers and identifiers derived from names', () => {
    expect(new Set(students.map((s) => s.studentNumber)).size).toBe(students.length);
    expect(new Set(students.map((s) => s.identifier)).size).toBe(students.length);
    for (const s of students) {
      expect(s.studentNumber).toMatch(/^\d{8}$/);
      const base = baseIdentifier(s.firstName, s.lastName);
      expect(s.identifier).toMatch(new RegExp(`^${base}(\\d+)?$`));
    }
    expect(students.some((s) => /\d$/.test(s.identifier))).toBe(true);
  });

  it('has names with accents, apostrophes, hyphens, spaces and non-French letters', () => {
    const names = students.map((s) => `${s.firstName} ${s.lastName}`);
    expect(names.filter((n) => /[éèêëàâäïîôöùûüçÉ]/.test(n)).length).toBeGreaterThan(60);
    expect(names.filter((n) => n.includes("'")).length).toBeGreaterThan(3);
    expect(names.filter((n) => /\p{L}-\p{L}/u.test(n)).length).toBeGreaterThan(5);
    expect(names.filter((n) => /[øåæðþłşğıőțșřễệạăđ]/iu.test(n)).length).toBeGreaterThan(5);
    expect(new Set(students.map((s) => s.lastName)).size).toBeGreaterThan(120);
    expect(new Set(students.map((s) => s.firstName)).size).toBeGreaterThan(100);
  });

  it('covers every account state, programmes of every kind and past-year-only students', () => {
    for (const status of ACCOUNT_STATUSES) {
      expect(students.filter((s) => s.account.status === status).length, status).toBeGreaterThan(5);
    }
    const programs = students.flatMap((s) => s.enrollments.map((e) => e.program));
    for (const kind of ['Licence', 'Master', 'DUT', 'Doctorat']) {
      expect(
        programs.some((p) => p.startsWith(kind)),
        kind,
      ).toBe(true);
    }
    expect(students.filter(current).length).toBeGreaterThan(200);
    const former = students.filter((s) => !current(s));
    expect(former.length).toBeGreaterThan(20);
    for (const s of former) expect(s.account.leavingYear).not.toBeNull();
    expect(
      students.filter((s) => s.enrollments.filter((e) => e.academicYear === THIS_YEAR).length > 1)
        .length,
    ).toBeGreaterThan(0);
  });

  it('has enrolments validated minutes before now, so activation is still too early', () => {
    const recent = students.filter((s) =>
      s.enrollments.some((e) => {
        const age = NOW.getTime() - new Date(e.validatedAt).getTime();
        return age > 0 && age < 15 * 60_000;
      }),
    );
    expect(recent.length).toBeGreaterThanOrEqual(5);
    for (const s of recent) expect(s.account.status).toBe('not_activated');
  });

  it('never dates an enrolment or an activation after now', () => {
    for (const s of students) {
      for (const e of s.enrollments) expect(new Date(e.validatedAt) <= NOW).toBe(true);
      if (s.account.activatedAt) expect(new Date(s.account.activatedAt) <= NOW).toBe(true);
    }
  });

  it('includes the well-known demo students as documented', () => {
    const statuses = new Set(Object.values(DEMO_STUDENTS).map((d) => d.status));
    expect([...statuses].sort()).toEqual([...ACCOUNT_STATUSES].sort());
    for (const demo of Object.values(DEMO_STUDENTS)) {
      const found = students.find((s) => s.studentNumber === demo.studentNumber);
      expect(found, demo.identifier).toMatchObject({
        birthDate: demo.birthDate,
        identifier: demo.identifier,
        firstName: demo.firstName,
        lastName: demo.lastName,
        account: { status: demo.status },
      });
      expect(baseIdentifier(demo.firstName, demo.lastName)).toBe(demo.identifier);
    }
    expect(DEMO_STUDENTS.activationAvailable.lastName).toMatch(/'.*-|-.*'/);
    const formerOnes = [DEMO_STUDENTS.disabled, DEMO_STUDENTS.formerStudent].map((d) =>
      students.find((s) => s.identifier === d.identifier),
    );
    for (const s of formerOnes) expect(s && current(s)).toBe(false);
  });
});
