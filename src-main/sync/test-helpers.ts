/**
 * Shared by the sync tests (unit, integration, crash): what the cache should hold for a set of
 * students, and what it does hold, in one comparable shape.
 */
import { createApiClient } from '../api/client';
import { silentLogger } from '../app/logger';
import type { Clock } from '../core/ports';
import type { RecordKeys } from '../secrets/lookup-keys';
import { createRecordVault } from '../secrets/record-vault';
import { DEMO_DEVICE, type DatasetStudent } from '../simulator/dataset';
import type { Db } from '../store/database';

/** One cache row, comparable with `toEqual` (its sealed record opened). */
export interface ComparableRow {
  lookupKey: string;
  staffKey: string | null;
  identifier: string;
  firstName: string;
  lastName: string;
  account: unknown;
  enrollments: unknown;
}

/** The rows a fully synced cache holds for these students, sorted by lookup key. */
export function expectedRows(
  students: readonly DatasetStudent[],
  keys: RecordKeys,
): ComparableRow[] {
  return students
    .map((s) => ({
      lookupKey: keys.identity(s.studentNumber, s.birthDate),
      staffKey: keys.staffLookup(s.studentNumber),
      identifier: s.identifier,
      firstName: s.firstName,
      lastName: s.lastName,
      account: s.account,
      enrollments: s.enrollments.map((e) => ({
        academicYear: e.academicYear,
        program: e.program,
        validatedAt: e.validatedAt,
      })),
    }))
    .sort((a, b) => (a.lookupKey < b.lookupKey ? -1 : 1));
}

interface RawRow {
  lookup_key: string;
  staff_key: string | null;
  sealed: Buffer;
}

/**
 * The rows the cache's live directory table holds, sorted by lookup key, each opened with the
 * number and birth date of the student among `students` it is filed under. A row none of them
 * opens shows as `unreadable`, so that it fails a comparison.
 */
export function cacheRows(
  db: Db,
  keys: RecordKeys,
  students: readonly Pick<DatasetStudent, 'studentNumber' | 'birthDate'>[],
): (ComparableRow | { lookupKey: string; unreadable: true })[] {
  const vault = createRecordVault(keys);
  const byKey = new Map(students.map((s) => [keys.identity(s.studentNumber, s.birthDate), s]));
  return db
    .prepare<[], RawRow>('SELECT lookup_key, staff_key, sealed FROM directory ORDER BY lookup_key')
    .all()
    .map((r) => {
      const s = byKey.get(r.lookup_key);
      const record = s ? vault.open(s.studentNumber, s.birthDate, r.sealed) : null;
      if (!record) return { lookupKey: r.lookup_key, unreadable: true as const };
      return {
        lookupKey: r.lookup_key,
        staffKey: r.staff_key,
        identifier: record.identifier,
        firstName: record.firstName,
        lastName: record.lastName,
        account: record.account,
        enrollments: record.enrollments,
      };
    });
}

/** The real API client against a simulator URL, with the demo device's credential. */
export function demoClient(baseUrl: string, clock: Clock = { now: () => new Date() }) {
  return createApiClient({
    baseUrl,
    timeoutMs: 10_000,
    credential: async () => DEMO_DEVICE,
    clock,
    logger: silentLogger,
  });
}
