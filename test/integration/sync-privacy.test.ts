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
// after an expired cursor, neither database file (WAL included) nor any log line holds a
// student number or a birth date in any usual spelling.

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

function leaks(bytes: Buffer, where: string): string[] {
  const found: string[] = [];
  for (const student of students) {
    for (const text of spellings(student)) {
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
  });

  it('finds no number or birth date in the running kiosk’s files, WAL included', () => {
    expect(readdirSync(dataDir)).toEqual(
      expect.arrayContaining(['cache.db', 'cache.db-wal', 'journal.db', 'journal.db-wal']),
    );
    expect(scanDataDir()).toEqual([]);
  });

  it('finds none in the log lines', () => {
    expect(leaks(Buffer.from(logs.join('\n')), 'logs')).toEqual([]);
  });

  it('finds none once the kiosk has closed its files', async () => {
    await kiosk!.close();
    kiosk = null;
    expect(scanDataDir()).toEqual([]);
  });
});
