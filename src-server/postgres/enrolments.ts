/**
 * When the server first saw each enrolment value of a person: SupAnn does not say when an
 * enrolment was validated, and activation opens a set delay after it. Shared by the change
 * feed's scan and by identification, so both date an enrolment the same way.
 */
import type { DirectoryPerson } from '../ports/directory';
import type { Database } from './outage';

/** Anything that runs a query: the pool, or a client the caller holds. */
type Queryable = Pick<Database, 'query'>;

/**
 * Records `seenAt` for every enrolment value of `people` not seen before, and returns each
 * person's first-seen times (ISO, whole seconds) by raw value.
 */
export async function enrolmentsFirstSeen(
  db: Queryable,
  people: readonly DirectoryPerson[],
  seenAt: Date,
): Promise<Map<string, Map<string, string>>> {
  const ids: string[] = [];
  const values: string[] = [];
  for (const person of people)
    for (const e of person.enrolments) {
      ids.push(person.id);
      values.push(e.raw);
    }
  // One round trip: the rows inserted now come back from the INSERT (a statement does not see
  // its own CTE's inserts), the ones seen before from the SELECT.
  const { rows } = await db.query<{ person_id: string; value: string; first_seen_at: Date }>(
    `WITH added AS (
       INSERT INTO enrolments_seen (person_id, value, first_seen_at)
       SELECT *, $3::timestamptz FROM unnest($1::text[], $2::text[])
       ON CONFLICT DO NOTHING
       RETURNING person_id, value, first_seen_at)
     SELECT person_id, value, first_seen_at FROM enrolments_seen
      WHERE person_id = ANY($4::text[])
     UNION ALL SELECT person_id, value, first_seen_at FROM added`,
    [ids, values, seenAt, [...new Set(ids)]],
  );
  const byPerson = new Map<string, Map<string, string>>();
  for (const row of rows) {
    const map = byPerson.get(row.person_id) ?? new Map<string, string>();
    map.set(row.value, row.first_seen_at.toISOString().replace(/\.\d{3}Z$/, 'Z'));
    byPerson.set(row.person_id, map);
  }
  return byPerson;
}
