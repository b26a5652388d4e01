/**
 * Shared by the sync tests (unit, integration, crash): what the cache should hold for a set of
 * students, and what it does hold, in one comparable shape.
 */
import { createApiClient } from '../api/client';
import { silentLogger } from '../app/logger';
import type { Clock } from '../core/ports';
import type { RecordKeys } from '../secrets/lookup-keys';
import { DEMO_DEVICE, type DatasetStudent } from '../simulator/dataset';
import type { Db } from '../store/database';

/** One cache row, comparable with `toEqual` (JSON columns parsed). */
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
  identifier: string;
  first_name: string;
  last_name: string;
  account_json: string;
  enrollments_json: string;
}

/** The rows the cache's live directory table holds, sorted by lookup key. */
export function cacheRows(db: Db): ComparableRow[] {
  return db
    .prepare<[], RawRow>(
      `SELECT lookup_key, staff_key, identifier, first_name, last_name, account_json, enrollments_json
       FROM directory ORDER BY lookup_key`,
    )
    .all()
    .map((r) => ({
      lookupKey: r.lookup_key,
      staffKey: r.staff_key,
      identifier: r.identifier,
      firstName: r.first_name,
      lastName: r.last_name,
      account: JSON.parse(r.account_json) as unknown,
      enrollments: JSON.parse(r.enrollments_json) as unknown,
    }));
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
