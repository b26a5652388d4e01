import { describe, expect, it } from 'vitest';
import type { DatasetStudent } from './dataset';
import { foldForSearch, queryWords, searchStudents } from './staff-search';

const student = (
  identifier: string,
  firstName: string,
  lastName: string,
  studentNumber: string,
): DatasetStudent => ({
  identifier,
  firstName,
  lastName,
  studentNumber,
  birthDate: '2001-03-14',
  enrollments: [],
  account: { status: 'active', activatedAt: '2025-09-01T00:00:00Z', leavingYear: null },
});

const STUDENTS = [
  student('endiayebrule', 'Éloïse', "N'Diaye-Brûlé", '21901234'),
  student('sodegaard', 'Søren', 'Ødegaard', '21807654'),
  student('tnguyen', 'Thị Mai', 'Nguyễn', '26004512'),
  student('jean.dupont', 'Jean', 'Dupont', '21100001'),
  student('jdupont2', 'Jeanne', 'Dupont', '21100002'),
  student('aandersen', 'Ægir', 'Andersen', '21100003'),
];

const ids = (q: string, limit = 10) =>
  searchStudents(STUDENTS, q, limit).hits.map((s) => s.identifier);

describe('search normalisation', () => {
  it('folds case, accents, letters without a decomposition and punctuation', () => {
    expect(foldForSearch("N'Diaye-Brûlé")).toBe('n diaye brule');
    expect(foldForSearch('Ødegaard')).toBe('odegaard');
    expect(foldForSearch('Thị Mai NGUYỄN')).toBe('thi mai nguyen');
    expect(foldForSearch('Ægir  Straße')).toBe('aegir strasse');
    expect(foldForSearch('  --  ')).toBe('');
  });

  it('splits a query into folded words, nothing for punctuation only', () => {
    expect(queryWords('  Éloïse   N’DIAYE ')).toEqual(['eloise', 'n', 'diaye']);
    expect(queryWords("'-")).toEqual([]);
  });
});

describe('student search', () => {
  it('finds by name whatever the accents, case or punctuation, spaced or run together', () => {
    for (const q of ['eloise', 'ÉLOÏSE', 'ndiaye', "n'diaye brule", 'diaye-brû', 'brule eloise']) {
      expect(ids(q), q).toEqual(['endiayebrule']);
    }
    expect(ids('soren odegaard')).toEqual(['sodegaard']);
    expect(ids('nguyen thi')).toEqual(['tnguyen']);
    expect(ids('aegir')).toEqual(['aandersen']);
  });

  it('finds by a part of the student number or the identifier', () => {
    expect(ids('21807654')).toEqual(['sodegaard']);
    expect(ids('0765')).toEqual(['sodegaard']);
    // Jeanne Dupont matches "jean" and "dupont" too; the exact identifier comes first.
    expect(ids('jean.dupont')).toEqual(['jean.dupont', 'jdupont2']);
    expect(ids('JDUPONT')[0]).toBe('jdupont2');
  });

  it('needs every word to match', () => {
    expect(ids('jean dupont')).toEqual(['jean.dupont', 'jdupont2']);
    expect(ids('jeanne dupont')).toEqual(['jdupont2']);
    expect(ids('jean martin')).toEqual([]);
  });

  it('puts the exact number or identifier first, then sorts by name', () => {
    expect(ids('dupont')).toEqual(['jean.dupont', 'jdupont2']);
    expect(ids('jdupont2')).toEqual(['jdupont2']);
    expect(ids('2110000')).toEqual(['aandersen', 'jean.dupont', 'jdupont2']);
    expect(ids('21100002')).toEqual(['jdupont2']);
  });

  it('bounds the list and says when more matched', () => {
    expect(searchStudents(STUDENTS, '21', 2)).toMatchObject({ truncated: true });
    expect(searchStudents(STUDENTS, '21', 2).hits).toHaveLength(2);
    expect(searchStudents(STUDENTS, '2180', 2).truncated).toBe(false);
  });

  it('finds nothing for a query with nothing searchable in it', () => {
    expect(searchStudents(STUDENTS, "' - '", 10)).toEqual({ hits: [], truncated: false });
  });
});
