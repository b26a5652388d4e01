/**
 * Staff search on the server: over the change feed's copy of the directory (kept by the scan,
 * at most one scan interval behind), with the simulator's rules (accents, case and punctuation
 * ignored; every word in the number, identifier or names; exact number or identifier first).
 * The account page staff open next is read from the directory itself.
 */
import type { StudentSearchResult } from '../../src-main/api/wire-staff';
import type { StudentWire } from '../../src-main/api/wire';
import { searchRow } from '../../src-main/simulator/backends';
import { queryWords, searchStudents } from '../../src-main/simulator/staff-search';
import type { Database } from '../postgres/outage';

/** Candidates read at most: beyond, the answer says it was truncated. */
const MAX_CANDIDATES = 500;

/** At most `limit` students matching `query`, from the feed's records. */
export async function searchFeedRecords(
  db: Database,
  query: string,
  limit: number,
): Promise<StudentSearchResult> {
  const words = queryWords(query);
  if (words.length === 0) return { results: [], truncated: false };
  // Folded words are letters and digits only: nothing in them is special to LIKE.
  const { rows } = await db.query<{ body: { studentNumber: string; student: StudentWire } }>(
    `SELECT body FROM directory_records
      WHERE body IS NOT NULL AND search_text LIKE ALL ($1::text[])
      ORDER BY (body->>'studentNumber' = $2 OR body->'student'->>'identifier' = $2) DESC
      LIMIT $3`,
    [words.map((w) => `%${w}%`), words.join(''), MAX_CANDIDATES],
  );
  const candidates = rows.map((r) => ({ ...r.body.student, studentNumber: r.body.studentNumber }));
  const found = searchStudents(candidates, query, limit);
  return {
    results: found.hits.map(searchRow),
    truncated: found.truncated || rows.length === MAX_CANDIDATES,
  };
}
