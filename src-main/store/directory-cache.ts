import type { DirectoryCache } from '../core/ports';
import type { StudentRecord } from '../core/student';
import type { Db } from './database';

interface DirectoryRow {
  identifier: string;
  first_name: string;
  last_name: string;
  account_json: string;
  enrollments_json: string;
}

const COLUMNS = 'identifier, first_name, last_name, account_json, enrollments_json';

function toRecord(row: DirectoryRow | undefined): StudentRecord | null {
  if (!row) return null;
  return {
    identifier: row.identifier,
    firstName: row.first_name,
    lastName: row.last_name,
    account: JSON.parse(row.account_json) as StudentRecord['account'],
    enrollments: JSON.parse(row.enrollments_json) as StudentRecord['enrollments'],
  };
}

/** The directory cache on a SQLite file, behind the core's DirectoryCache port. */
export function createDirectoryCache(db: Db): DirectoryCache {
  // The feed's record id and staff key, when the row has them, are left as they are.
  const upsert = db.prepare(`
    INSERT INTO directory (lookup_key, identifier, first_name, last_name, account_json, enrollments_json, seen_at)
    VALUES (@key, @identifier, @firstName, @lastName, @account, @enrollments, @seenAt)
    ON CONFLICT (lookup_key) DO UPDATE SET
      identifier = excluded.identifier, first_name = excluded.first_name, last_name = excluded.last_name,
      account_json = excluded.account_json, enrollments_json = excluded.enrollments_json, seen_at = excluded.seen_at
  `);
  const select = db.prepare<[string], DirectoryRow>(
    `SELECT ${COLUMNS} FROM directory WHERE lookup_key = ?`,
  );
  return {
    save(lookupKey, record, seenAt) {
      upsert.run({
        key: lookupKey,
        identifier: record.identifier,
        firstName: record.firstName,
        lastName: record.lastName,
        account: JSON.stringify(record.account),
        enrollments: JSON.stringify(record.enrollments),
        seenAt: seenAt.toISOString(),
      });
    },
    find: (lookupKey) => toRecord(select.get(lookupKey)),
  };
}

/** Staff lookup by student number alone (its keyed hash), for rows the directory feed brought. */
export function findByStaffKey(db: Db, staffKey: string): StudentRecord | null {
  return toRecord(
    db
      .prepare<[string], DirectoryRow>(`SELECT ${COLUMNS} FROM directory WHERE staff_key = ?`)
      .get(staffKey),
  );
}
