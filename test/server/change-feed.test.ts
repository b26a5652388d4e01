// The directory change feed the server builds from a real slapd into a real PostgreSQL: versions
// and tombstones keyed by entryUUID, enrolments' first-seen times, one scanner at a time, and
// cursors that expire. No mock of the directory or the database.
import { Attribute, Change, Client } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DirectoryChangeWire } from '../../src-main/api/wire-directory';
import type { DatasetStudent } from '../../src-main/simulator/dataset';
import { createChangeFeed, type ChangeFeed } from '../../src-server/feed/directory-feed';
import { createLdapDirectory } from '../../src-server/ldap/directory';
import { SUPANN_ATTRIBUTES } from '../../src-server/ldap/mapping';
import { createPool, migrate, type Pool } from '../../src-server/postgres/database';
import type { Directory } from '../../src-server/ports/directory';
import { startPostgres, type Postgres } from '../../src-server/stack/postgres';
import { studentsLdif } from '../../src-server/stack/seed';
import { startSlapd, type Slapd } from '../../src-server/stack/slapd';
import { directoryOver } from '../support/server-stack';
import { tempFolder } from '../support/tmp';

const person = (identifier: string, studentNumber: string): DatasetStudent => ({
  studentNumber,
  birthDate: '2002-05-17',
  firstName: 'Hugo',
  lastName: 'Lefèvre',
  identifier,
  personalEmail: null,
  enrollments: [
    { academicYear: '2026-2027', program: 'UM-L3-HIST', validatedAt: '2026-09-04T08:00:00Z' },
  ],
  account: { status: 'active', activatedAt: '2026-09-05T00:00:00Z', leavingYear: null },
});

const folder = tempFolder('guichet-feed-');
let slapd: Slapd;
let postgres: Postgres;
let pool: Pool;
let directory: Directory;
let feed: ChangeFeed;
let admin: Client;

async function readAll(cursor: string | null = null) {
  const changes: DirectoryChangeWire[] = [];
  for (;;) {
    const page = await feed.read(cursor, 2);
    if (page.kind !== 'page') throw new Error(`unexpected ${page.kind}`);
    changes.push(...page.changes);
    cursor = page.nextCursor;
    if (!page.hasMore) return { changes, cursor };
  }
}

beforeAll(async () => {
  const [s, p] = await Promise.all([
    startSlapd({
      dir: `${folder.path}/ldap`,
      seed: studentsLdif(
        [person('hlefevre', '22110001'), person('ihaddad', '22110002'), person('nmai', '22110003')],
        'ou=people,dc=univ,dc=test',
      ),
    }),
    (async () => {
      const { mkdirSync } = await import('node:fs');
      mkdirSync(`${folder.path}/pg`);
      return startPostgres(`${folder.path}/pg`);
    })(),
  ]);
  slapd = s;
  postgres = p;
  await migrate(postgres.url);
  pool = createPool(postgres.url);
  directory = directoryOver(slapd);
  feed = createChangeFeed(pool, directory, { programLabel: (step) => `Programme ${step}` });
  admin = new Client({ url: slapd.url });
  await admin.bind(slapd.admin.dn, slapd.admin.password);
});
afterAll(async () => {
  await admin?.unbind();
  await directory?.close();
  await pool?.end();
  await Promise.all([slapd?.stop(), postgres?.stop()]);
  folder.remove();
});

describe('the directory change feed (real slapd and PostgreSQL)', () => {
  let cursor: string;

  it('serves every student after the first scan, with enrolments counted as validated long ago', async () => {
    const report = await feed.scan();
    expect(report).toMatchObject({ scanned: 3, changed: 3, removed: 0, firstScan: true });
    const all = await readAll();
    cursor = all.cursor;
    expect(all.changes).toHaveLength(3);
    const hugo = all.changes.find(
      (c) => c.kind === 'record' && c.student.identifier === 'hlefevre',
    );
    expect(hugo).toMatchObject({
      kind: 'record',
      recordId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      studentNumber: '22110001',
      birthDate: '2002-05-17',
      student: {
        firstName: 'Hugo',
        account: { status: 'active' },
        enrollments: [{ academicYear: '2026-2027', program: 'Programme UM-L3-HIST' }],
      },
    });
    const validatedAt = new Date(
      (hugo as { student: { enrollments: { validatedAt: string }[] } }).student.enrollments[0]!
        .validatedAt,
    );
    // Already in the directory at the first scan: activation is open right away.
    expect(Date.now() - validatedAt.getTime()).toBeGreaterThan(15 * 60_000);
  });

  it('gives nothing new when nothing changed', async () => {
    expect(await feed.scan()).toMatchObject({ changed: 0, removed: 0, firstScan: false });
    expect((await readAll(cursor)).changes).toEqual([]);
  });

  it('serves a changed entry again, and dates a new enrolment from when it was first seen', async () => {
    const before = Date.now();
    await admin.modify(`uid=ihaddad,${slapd.peopleBase}`, [
      new Change({
        operation: 'add',
        modification: new Attribute({
          type: 'supannEtuInscription',
          values: ['[anneeinsc=2027][etape=UM-M1-DROIT]'],
        }),
      }),
    ]);
    expect(await feed.scan()).toMatchObject({ changed: 1, removed: 0 });
    const next = await readAll(cursor);
    cursor = next.cursor;
    expect(next.changes).toHaveLength(1);
    const record = next.changes[0];
    if (record?.kind !== 'record') throw new Error('expected a record');
    const added = record.student.enrollments.find((e) => e.academicYear === '2027-2028');
    // Seen just now: activation opens 15 minutes after this.
    expect(new Date(added!.validatedAt).getTime()).toBeGreaterThanOrEqual(before - 2000);
  });

  it('sends a tombstone for an entry that left the directory', async () => {
    const recordId = (await directory.byIdentifier('nmai'))?.id;
    await admin.del(`uid=nmai,${slapd.peopleBase}`);
    expect(await feed.scan()).toMatchObject({ removed: 1 });
    const next = await readAll(cursor);
    expect(next.changes).toEqual([
      { kind: 'tombstone', recordId, version: expect.any(Number), deletedAt: expect.any(String) },
    ]);
    cursor = next.cursor;
  });

  it('removes nobody when the directory answers with nobody (a wrong person class)', async () => {
    const wrong = createLdapDirectory({
      url: slapd.url,
      peopleBase: slapd.peopleBase,
      personClass: 'device',
      service: slapd.service,
      attributes: SUPANN_ATTRIBUTES,
      timeoutMs: 5000,
      startTls: false,
    });
    try {
      const blind = createChangeFeed(pool, wrong, { programLabel: (step) => step });
      expect(await blind.scan()).toMatchObject({ scanned: 0, removed: 0 });
    } finally {
      await wrong.close();
    }
    // Kiosks see no tombstone: their offline directories stay whole.
    expect((await readAll(cursor)).changes).toEqual([]);
  });

  it('lets one instance scan at a time', async () => {
    const other = await pool.connect();
    try {
      await other.query('SELECT pg_advisory_lock(7216430001)');
      expect(await feed.scan()).toBeNull();
    } finally {
      await other.query('SELECT pg_advisory_unlock(7216430001)');
      other.release();
    }
    expect(await feed.scan()).not.toBeNull();
  });

  it('answers 410 (expired) to a cursor from before forgotten tombstones, and refuses garbage', async () => {
    const old = (await feed.read(null, 1)) as { nextCursor: string };
    expect(await feed.forgetTombstones(new Date(Date.now() + 1000))).toBe(1);
    expect(await feed.read(old.nextCursor, 10)).toEqual({ kind: 'expired' });
    expect((await feed.read(cursor, 10)).kind).toBe('page');
    expect(await feed.read('not-a-cursor', 10)).toEqual({ kind: 'malformed' });
  });
});
