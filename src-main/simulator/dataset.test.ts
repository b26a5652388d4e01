import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_DEVICE, allowedDevices, loadDataset, parseDataset } from './dataset';

const student = () => ({
  studentNumber: '21901234',
  birthDate: '2001-03-14',
  firstName: 'Éloïse',
  lastName: "N'Diaye-Brûlé",
  identifier: 'endiayebrule',
  personalEmail: 'eloise.nd@example.org',
  enrollments: [
    {
      academicYear: '2026-2027',
      program: 'Licence Informatique',
      validatedAt: '2026-09-02T08:15:00Z',
    },
  ],
  account: { status: 'not_activated', activatedAt: null, leavingYear: null },
});

const example = () => ({
  students: [student()],
  staff: [{ staffId: 'agent01', displayName: 'Camille Martin', pin: '482913', role: 'agent' }],
});

/** The message parseDataset throws for `data`. */
function problems(data: unknown): string {
  try {
    parseDataset(data);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the dataset to be refused');
}

let folder: string | null = null;
afterEach(() => {
  if (folder) rmSync(folder, { recursive: true, force: true });
  folder = null;
});

describe('dataset', () => {
  it('accepts the documented example, with the demo device when none is listed', () => {
    const dataset = parseDataset(example());
    expect(dataset.students[0]?.identifier).toBe('endiayebrule');
    expect(allowedDevices(dataset)).toEqual([DEMO_DEVICE]);
    expect(parseDataset({ students: [] }).staff).toEqual([]);
  });

  it('accepts the optional fields', () => {
    const full = {
      ...example(),
      students: [
        { ...student(), charterAcceptedAt: null, mailRedirection: 'eloise@example.net' },
        {
          ...student(),
          studentNumber: '21901235',
          identifier: 'endiayebrule2',
          personalEmail: null,
          account: {
            status: 'active',
            activatedAt: '2026-09-02T10:15:00+02:00',
            leavingYear: null,
          },
        },
      ],
      devices: [{ deviceId: 'kiosk-bu-01', secret: 'long-enough-secret' }],
    };
    expect(allowedDevices(parseDataset(full))).toEqual(full.devices);
  });

  it('names the key path of each problem', () => {
    const bad = example();
    Object.assign(bad.students[0]!, { birthDate: '2001-02-30', identifier: 'Éloïse' });
    bad.students[0]!.enrollments[0]!.academicYear = '2026-2028';
    const message = problems(bad);
    expect(message).toContain('dataset.students.0.birthDate: not a calendar date');
    expect(message).toContain('dataset.students.0.identifier:');
    expect(message).toContain('dataset.students.0.enrollments.0.academicYear:');
  });

  it('never echoes the refused values', () => {
    const bad = {
      students: [{ ...student(), studentNumber: '2190-1234', birthDate: '14/03/2001' }],
    };
    const message = problems(bad);
    expect(message).toContain('dataset.students.0.studentNumber');
    expect(message).not.toContain('2190-1234');
    expect(message).not.toContain('14/03/2001');
  });

  it('refuses unknown keys, wrong statuses and inconsistent accounts', () => {
    expect(problems({ ...example(), extra: 1 })).toContain('dataset: unexpected key(s) extra');
    const wrongStatus = {
      students: [{ ...student(), account: { ...student().account, status: 'frozen' } }],
    };
    expect(problems(wrongStatus)).toContain('dataset.students.0.account.status');
    const activeWithoutDate = {
      students: [
        { ...student(), account: { status: 'active', activatedAt: null, leavingYear: null } },
      ],
    };
    expect(problems(activeWithoutDate)).toContain(
      'dataset.students.0.account.activatedAt: is required',
    );
    const staff = { students: [], staff: [{ ...example().staff[0], role: 'root' }] };
    expect(problems(staff)).toContain('dataset.staff.0.role');
    expect(problems({ students: [], devices: [] })).toContain('dataset.devices');
  });

  it('refuses duplicates without naming the duplicated value', () => {
    const message = problems({ students: [student(), student()] });
    expect(message).toContain(
      'dataset.students.1.studentNumber: duplicate of students.0.studentNumber',
    );
    expect(message).toContain('dataset.students.1.identifier: duplicate of students.0.identifier');
    expect(message).not.toContain('21901234');
  });

  it('loads a file, and says which file could not be read', () => {
    folder = mkdtempSync(join(tmpdir(), 'guichet-dataset-'));
    const good = join(folder, 'good.json');
    writeFileSync(good, JSON.stringify(example()));
    expect(loadDataset(good).students).toHaveLength(1);

    const broken = join(folder, 'broken.json');
    writeFileSync(broken, '{"students": [{"birthDate": 2001-03-14}]}');
    const error = (() => {
      try {
        loadDataset(broken);
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    })();
    expect(error).toMatch(/^Cannot read dataset .*broken\.json: not valid JSON/);
    expect(error).not.toContain('2001-03-14');
    expect(() => loadDataset(join(folder!, 'missing.json'))).toThrow(
      /Cannot read dataset .*ENOENT/,
    );

    const invalid = join(folder, 'invalid.json');
    writeFileSync(invalid, JSON.stringify({ students: [{ ...student(), birthDate: 'x' }] }));
    expect(() => loadDataset(invalid)).toThrow(
      /invalid\.json:\n {2}dataset\.students\.0\.birthDate: /,
    );
  });
});
