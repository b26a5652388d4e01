import type { DirectoryCache } from '../core/ports';
import type { RecordVault } from '../secrets/record-vault';
import type { Db } from './database';

/**
 * The directory cache on a SQLite file, behind the core's DirectoryCache port. A row holds the
 * lookup hash and the sealed record (cache migration 3): finding and reading it take the number
 * and the birth date, which the cache never stores.
 */
export function createDirectoryCache(db: Db, vault: RecordVault): DirectoryCache {
  // The feed's record id and staff key, when the row has them, are left as they are.
  const upsert = db.prepare(`
    INSERT INTO directory (lookup_key, sealed, seen_at) VALUES (@key, @sealed, @seenAt)
    ON CONFLICT (lookup_key) DO UPDATE SET sealed = excluded.sealed, seen_at = excluded.seen_at
  `);
  const select = db
    .prepare<[string], Buffer>('SELECT sealed FROM directory WHERE lookup_key = ?')
    .pluck();
  return {
    save(query, record, seenAt) {
      const { lookupKey, sealed } = vault.seal(query.studentNumber, query.birthDate, record);
      upsert.run({ key: lookupKey, sealed, seenAt: seenAt.toISOString() });
    },
    find(query) {
      const sealed = select.get(vault.lookupKey(query.studentNumber, query.birthDate));
      return sealed ? vault.open(query.studentNumber, query.birthDate, sealed) : null;
    },
  };
}

/**
 * Staff lookup by student number alone (its keyed hash): it tells that the feed brought a record
 * and when, but cannot read it, since the record's key needs the birth date too. A staff mode
 * must get the record from the API, or the birth date from the student.
 */
export function findByStaffKey(
  db: Db,
  staffKey: string,
): { recordId: string | null; seenAt: string } | null {
  return (
    db
      .prepare<[string], { recordId: string | null; seenAt: string }>(
        'SELECT record_id AS recordId, seen_at AS seenAt FROM directory WHERE staff_key = ?',
      )
      .get(staffKey) ?? null
  );
}
