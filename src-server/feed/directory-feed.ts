/**
 * The directory change feed, built by the server: one instance at a time (a PostgreSQL advisory
 * lock) scans the directory, gives a new version to each record whose served content changed,
 * a tombstone to each record that left, and records when each enrolment value was first seen.
 * Kiosks page through it with a cursor (GET /v1/directory/changes), as they do on the simulator.
 */
import { createHash } from 'node:crypto';
import type { DirectoryChangeWire } from '../../src-main/api/wire-directory';
import type { ChangeFeedReader } from '../../src-main/simulator/backends';
import type { Pool } from '../postgres/database';
import { unavailableOnOutage } from '../postgres/outage';
import { enrolmentsFirstSeen } from '../postgres/enrolments';
import type { Directory, DirectoryPerson } from '../ports/directory';
import { searchableText } from '../../src-main/simulator/staff-search';
import { toStudentWire } from './student-wire';

/** The advisory lock the scan holds (an arbitrary constant, unique to this use). */
const SCAN_LOCK = 7_216_430_001;

export interface FeedOptions {
  programLabel(step: string): string;
  now?: () => Date;
}

export interface ScanReport {
  scanned: number;
  changed: number;
  removed: number;
  firstScan: boolean;
}

export interface ChangeFeed extends ChangeFeedReader {
  /** Scans the directory once; null when another instance is scanning right now. */
  scan(): Promise<ScanReport | null>;
  /** Forgets tombstones older than `before`; cursors from before the oldest forgotten get 410. */
  forgetTombstones(before: Date): Promise<number>;
}

interface Served {
  id: string;
  digest: string;
  body: string;
  /** What staff search reads (staff-search.ts). */
  searchText: string;
}

/** Creates the feed over `pool` (migrated) and `directory`. */
export function createChangeFeed(
  pool: Pool,
  directory: Directory,
  options: FeedOptions,
): ChangeFeed {
  const now = options.now ?? (() => new Date());
  // Reads answer kiosks: an outage there is a 503 they wait out.
  const db = unavailableOnOutage(pool);

  function served(person: DirectoryPerson, seen: Map<string, string> | undefined): Served | null {
    const studentNumber = person.studentNumbers.find((n) => /^\d{1,20}$/.test(n));
    // Without a number and a birth date a kiosk could never find the record offline.
    if (!studentNumber || !person.birthDate || !person.identifier) return null;
    const student = toStudentWire(person, {
      firstSeen: seen ?? new Map(),
      programLabel: options.programLabel,
    });
    const body = JSON.stringify({ studentNumber, birthDate: person.birthDate, student });
    const digest = createHash('sha256').update(body).digest('base64url');
    return {
      id: person.id,
      digest,
      body,
      searchText: searchableText({ studentNumber, ...student }),
    };
  }

  async function scanLocked(client: { query: Pool['query'] }): Promise<ScanReport> {
    const started = now();
    const state = await client.query<{ first_scan_at: Date | null }>(
      'SELECT first_scan_at FROM directory_feed_state',
    );
    const firstScan = state.rows[0]?.first_scan_at == null;
    // Enrolments already in the directory when Guichet is deployed were validated long ago: a
    // new deployment must not make every student wait for activation. One day back is enough
    // for any activation delay an institution sets.
    const seenAt = firstScan ? new Date(started.getTime() - 86_400_000) : started;
    const seenIds: string[] = [];
    let scanned = 0;
    let changed = 0;
    for await (const people of directory.scan()) {
      scanned += people.length;
      const seen = await enrolmentsFirstSeen(client, people, seenAt);
      const rows = people.flatMap((p) => served(p, seen.get(p.id)) ?? []);
      for (const row of rows) seenIds.push(row.id);
      if (rows.length === 0) continue;
      const result = await client.query(
        `INSERT INTO directory_records (record_id, version, digest, body, deleted_at, search_text)
         SELECT id, nextval('directory_feed_seq'), digest, body::jsonb, NULL, search_text
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
           AS t(id, digest, body, search_text)
         ON CONFLICT (record_id) DO UPDATE
           SET version = EXCLUDED.version, digest = EXCLUDED.digest, body = EXCLUDED.body,
               deleted_at = NULL, search_text = EXCLUDED.search_text
           WHERE directory_records.digest IS DISTINCT FROM EXCLUDED.digest
              OR directory_records.search_text IS NULL`,
        [
          rows.map((r) => r.id),
          rows.map((r) => r.digest),
          rows.map((r) => r.body),
          rows.map((r) => r.searchText),
        ],
      );
      changed += result.rowCount ?? 0;
    }
    // A directory that answers with nobody (a wrong base, an ACL change) is a mistake to report,
    // not every student leaving: tombstones would make every kiosk empty its offline directory.
    if (scanned === 0) return { scanned, changed, removed: 0, firstScan: false };
    const removed = await client.query(
      `UPDATE directory_records
       SET version = nextval('directory_feed_seq'), digest = NULL, body = NULL, deleted_at = $2
       WHERE deleted_at IS NULL AND NOT (record_id = ANY($1::text[]))`,
      [seenIds, started],
    );
    if (firstScan)
      await client.query('UPDATE directory_feed_state SET first_scan_at = $1', [started]);
    return { scanned, changed, removed: removed.rowCount ?? 0, firstScan };
  }

  const encode = (epoch: string, version: number) =>
    Buffer.from(`${epoch}.${version}`, 'utf8').toString('base64url');

  return {
    async scan() {
      const client = await pool.connect();
      try {
        const { rows } = await client.query<{ locked: boolean }>(
          'SELECT pg_try_advisory_lock($1) AS locked',
          [SCAN_LOCK],
        );
        if (!rows[0]?.locked) return null;
        try {
          return await scanLocked(client);
        } finally {
          await client.query('SELECT pg_advisory_unlock($1)', [SCAN_LOCK]);
        }
      } finally {
        client.release();
      }
    },
    async read(cursor, limit) {
      const { rows: stateRows } = await db.query<{ epoch: string; horizon: string }>(
        'SELECT epoch, horizon FROM directory_feed_state',
      );
      const epoch = stateRows[0]?.epoch ?? '';
      const horizon = Number(stateRows[0]?.horizon ?? 0);
      let after = 0;
      if (cursor !== null) {
        const [cursorEpoch, position] = Buffer.from(cursor, 'base64url')
          .toString('utf8')
          .split('.');
        if (!cursorEpoch || !position || !/^\d{1,18}$/.test(position)) return { kind: 'malformed' };
        after = Number(position);
        if (cursorEpoch !== epoch || after < horizon) return { kind: 'expired' };
      }
      const { rows } = await db.query<{
        record_id: string;
        version: string;
        body: { studentNumber: string; birthDate: string; student: never } | null;
        deleted_at: Date | null;
      }>(
        `SELECT record_id, version, body, deleted_at FROM directory_records
         WHERE version > $1 ORDER BY version LIMIT $2`,
        [after, limit + 1],
      );
      const page = rows.slice(0, limit);
      const changes: DirectoryChangeWire[] = page.map((row) =>
        row.body === null
          ? {
              kind: 'tombstone',
              recordId: row.record_id,
              version: Number(row.version),
              deletedAt: (row.deleted_at ?? new Date(0)).toISOString(),
            }
          : { kind: 'record', recordId: row.record_id, version: Number(row.version), ...row.body },
      );
      const last = page.at(-1);
      return {
        kind: 'page',
        changes,
        nextCursor: encode(epoch, last ? Number(last.version) : after),
        hasMore: rows.length > limit,
      };
    },
    async forgetTombstones(before) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const { rows } = await client.query<{ version: string }>(
          'DELETE FROM directory_records WHERE body IS NULL AND deleted_at < $1 RETURNING version',
          [before],
        );
        const newest = Math.max(0, ...rows.map((r) => Number(r.version)));
        if (newest > 0)
          await client.query('UPDATE directory_feed_state SET horizon = GREATEST(horizon, $1)', [
            newest,
          ]);
        await client.query('COMMIT');
        return rows.length;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
  };
}
