import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kiosk } from '../../src-main/app/kiosk';
import { createLogger } from '../../src-main/app/logger';
import type { DatasetStudent } from '../../src-main/simulator/dataset';
import { DIRECTORY_CONTROL_PATHS } from '../../src-main/simulator/directory-controls';
import { startLiveKiosk, startSyncSimulator } from '../support/sync-kiosk';
import { tempFolder } from '../support/tmp';

// The private cache's promise, checked on the bytes: after syncing a few hundred students,
// identifying some online and offline, failing and locking out others, and rebuilding the cache
// after an expired cursor, neither database file (WAL and SHM included) nor any log line holds a
// student number or a birth date in any usual spelling, nor a name, identifier or programme.

const folder = tempFolder('guichet-privacy-');
const service = `guichet-privacy-${process.pid}-${Date.now()}`;
const logs: string[] = [];
let sim: Awaited<ReturnType<typeof startSyncSimulator>>;
let kiosk: Kiosk | null = null;
let students: DatasetStudent[];
const dataDir = join(folder.path, 'data');

/** Every way a number or a birth date could be written down. */
function spellings(s: DatasetStudent): string[] {
  const [y, m, d] = s.birthDate.split('-') as [string, string, string];
  const dates = [`${y}-${m}-${d}`, `${d}${m}${y}`, `${y}${m}${d}`, `${d}/${m}/${y}`];
  return [s.studentNumber, ...dates, `${d}.${m}.${y}`, `${d}-${m}-${y}`];
}

/**
 * What the directory says of a student. Texts shorter than 5 bytes are left out: sealed records
 * are random bytes, where a given 4-byte string turns up by chance about once in 4 GB, so a
 * few hundred short names over a few MB would match now and then (5 bytes: once in 1 TB).
 */
function personalData(s: DatasetStudent): string[] {
  const texts = [s.identifier, s.firstName, s.lastName, ...s.enrollments.map((e) => e.program)];
  return texts.filter((text) => Buffer.byteLength(text) >= 5);
}

function leaks(bytes: Buffer, where: string): string[] {
  const found: string[] = [];
  for (const student of students) {
    for (const text of [...spellings(student), ...personalData(student)]) {
      for (const encoding of ['utf8', 'utf16le'] as const) {
        if (bytes.includes(Buffer.from(text, encoding)))
          found.push(`${where}: ${student.identifier} (${encoding})`);
      }
    }
  }
  return found;
}

function scanDataDir(): string[] {
  return readdirSync(dataDir).flatMap((file) => leaks(readFileSync(join(dataDir, file)), file));
}

const identify = (studentNumber: string, birthDate: string) =>
  kiosk!.dispatch('student.identify', { studentNumber, birthDate });
const typed = (iso: string) => iso.split('-').reverse().join('');

beforeAll(async () => {
  const logger = createLogger({
    console: { write: (line: string) => void logs.push(line) },
    level: 'debug',
  });
  sim = await startSyncSimulator(undefined, logger);
  await sim.control('POST', DIRECTORY_CONTROL_PATHS.generate, { count: 300, seed: 'privacy' });
  students = sim.simulator.state.dataset.students.map((s) => structuredClone(s));
  kiosk = await startLiveKiosk(sim.url, dataDir, service, logger);
  await kiosk.syncNow();
  const [first, second, third] = students as [DatasetStudent, DatasetStudent, DatasetStudent];
  await identify(first.studentNumber, typed(first.birthDate));
  for (let i = 0; i < 6; i += 1) await identify(second.studentNumber, '01011990');
  await sim.control('DELETE', DIRECTORY_CONTROL_PATHS.student(third.identifier));
  await sim.control('POST', DIRECTORY_CONTROL_PATHS.expireCursors);
  await kiosk.syncNow();
  await sim.simulator.close();
  await identify(students[10]!.studentNumber, typed(students[10]!.birthDate));
  await identify(students[11]!.studentNumber, '02021990');
});
afterAll(async () => {
  await kiosk?.close();
  await sim.simulator.close();
  folder.remove();
});

describe('privacy of the kiosk’s files and logs', () => {
  it('did the work the scan is about', async () => {
    expect(students.length).toBeGreaterThan(300);
    expect(existsSync(join(dataDir, 'cache.db-wal'))).toBe(true);
    const offline = await identify(students[12]!.studentNumber, typed(students[12]!.birthDate));
    expect(offline).toEqual({ ok: true, value: expect.objectContaining({ source: 'cache' }) });
    expect(logs.some((l) => l.includes('sync: done'))).toBe(true);
    // The scan itself finds what it looks for.
    const [d, m, y] = typed(students[0]!.birthDate)
      .match(/(..)(..)(....)/)!
      .slice(1);
    const probe = `probe: ${students[0]!.identifier}`;
    expect(leaks(Buffer.from(`x${d}/${m}/${y}x`), 'probe')).toContain(`${probe} (utf8)`);
    const wide = Buffer.from(students[0]!.studentNumber, 'utf16le');
    expect(leaks(wide, 'probe')).toContain(`${probe} (utf16le)`);
    // Each student's identifier and programme are long enough to be looked for, and most names.
    const withId = students.filter((s) => personalData(s).includes(s.identifier));
    expect(withId.length / students.length).toBeGreaterThan(0.95);
    expect(leaks(Buffer.from(`"${students[1]!.enrollments[0]!.program}"`), 'probe')).toContain(
      `probe: ${students[1]!.identifier} (utf8)`,
    );
    const names = students.flatMap((s) => [s.firstName, s.lastName]);
    const longNames = names.filter((n) => Buffer.byteLength(n) >= 5);
    expect(longNames.length / names.length).toBeGreaterThan(0.7);
  });

  it('finds no number, birth date, name, identifier or programme in the running kiosk’s files, WAL and SHM included', () => {
    expect(readdirSync(dataDir)).toEqual(
      expect.arrayContaining([
        ...['cache.db', 'cache.db-wal', 'cache.db-shm'],
        ...['journal.db', 'journal.db-wal', 'journal.db-shm'],
      ]),
    );
    expect(scanDataDir()).toEqual([]);
  });

  it('finds none in the log lines', () => {
    expect(logs.length).toBeGreaterThan(0);
    expect(leaks(Buffer.from(logs.join('\n')), 'logs')).toEqual([]);
  });

  it('finds none once the kiosk has closed its files', async () => {
    await kiosk!.close();
    kiosk = null;
    expect(scanDataDir()).toEqual([]);
  });
});
