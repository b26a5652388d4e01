// Two Guichet server instances over one real slapd and one real PostgreSQL, reached over HTTP
// on 127.0.0.1 by the kiosk's own API client: identification and account status read from the
// SupAnn directory, the identification limit shared by both instances, a directory outage
// answered with 503. Every answer is checked against resources/openapi.yaml.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src-main/app/logger';
import { createApiClient } from '../../src-main/api/client';
import type { DatasetStudent } from '../../src-main/simulator/dataset';
import type { Simulator } from '../../src-main/simulator/server';
import { createGuichetServer } from '../../src-server/http/server';
import { createPool, migrate, type Pool } from '../../src-server/postgres/database';
import type { Directory } from '../../src-server/ports/directory';
import { startPostgres, type Postgres } from '../../src-server/stack/postgres';
import { studentsLdif } from '../../src-server/stack/seed';
import { startSlapd, type Slapd } from '../../src-server/stack/slapd';
import { directoryOver } from '../support/server-stack';
import { tempFolder } from '../support/tmp';

const DEVICE = { deviceId: 'kiosk-bu-sciences', secret: 'a-long-device-secret-for-tests' };

const ELOISE: DatasetStudent = {
  studentNumber: '21901234',
  birthDate: '2001-03-14',
  firstName: 'Éloïse',
  lastName: "N'Diaye-Brûlé",
  identifier: 'endiayebrule',
  personalEmail: 'eloise.ndiaye@example.org',
  enrollments: [
    { academicYear: '2026-2027', program: 'UM-L1-INFO', validatedAt: '2026-07-01T08:00:00Z' },
  ],
  account: { status: 'not_activated', activatedAt: null, leavingYear: null },
};

const folder = tempFolder('guichet-server-');
let slapd: Slapd;
let postgres: Postgres;
const pools: Pool[] = [];
const directories: Directory[] = [];
const servers: Simulator[] = [];
const urls: string[] = [];

const client = (baseUrl: string) =>
  createApiClient({
    baseUrl,
    timeoutMs: 10_000,
    credential: async () => DEVICE,
    clock: { now: () => new Date() },
    logger: silentLogger,
    retry: { maxAttempts: 1 },
  });

beforeAll(async () => {
  mkdirSync(`${folder.path}/pg`);
  [slapd, postgres] = await Promise.all([
    startSlapd({
      dir: `${folder.path}/ldap`,
      seed: studentsLdif([ELOISE], 'ou=people,dc=univ,dc=test'),
    }),
    startPostgres(`${folder.path}/pg`),
  ]);
  await migrate(postgres.url);
  for (let i = 0; i < 2; i += 1) {
    const pool = createPool(postgres.url);
    const directory = directoryOver(slapd);
    const server = createGuichetServer({
      directory,
      pool,
      devices: [DEVICE],
      clock: { now: () => new Date() },
      programLabel: (step) => (step === 'UM-L1-INFO' ? 'Licence 1 Informatique' : step),
    });
    pools.push(pool);
    directories.push(directory);
    servers.push(server);
    urls.push((await server.listen()).url);
  }
});
afterAll(async () => {
  for (const server of servers) await server.close();
  for (const directory of directories) await directory.close();
  for (const pool of pools) await pool.end();
  await Promise.all([slapd?.stop(), postgres?.stop()]);
  folder.remove();
});

describe('the Guichet server over a real directory and database', () => {
  it('identifies a student from the SupAnn directory, with the masked address and activation time', async () => {
    const result = await client(urls[0]!).identify({
      studentNumber: '21901234',
      birthDate: '2001-03-14',
    });
    expect(result).toMatchObject({
      ok: true,
      value: {
        identifier: 'endiayebrule',
        firstName: 'Éloïse',
        lastName: "N'Diaye-Brûlé",
        enrollments: [{ academicYear: '2026-2027', program: 'Licence 1 Informatique' }],
        account: { status: 'not_activated' },
      },
    });
    const status = await client(urls[1]!).accountStatus('endiayebrule');
    expect(status).toMatchObject({ ok: true, value: { status: 'not_activated' } });
    for (const server of servers) expect(server.contractViolations).toEqual([]);
  });

  it('refuses a wrong date and an unknown number alike, and holds the limit across both instances', async () => {
    const kiosks = [client(urls[0]!), client(urls[1]!)];
    // Forty wrong dates for one number, in parallel, half on each instance.
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        kiosks[i % 2]!.identify({ studentNumber: '22000077', birthDate: '2001-01-01' }),
      ),
    );
    const codes = results.map((r) => (r.ok ? 'ok' : r.error.code));
    expect(codes.filter((c) => c === 'not_found' || c === 'identification_failed')).toHaveLength(5);
    expect(codes.filter((c) => c === 'rate_limited')).toHaveLength(35);
    // The right date is refused too, now that the number's tries are used up (on either one).
    const right = await kiosks[1]!.identify({ studentNumber: '22000077', birthDate: '2001-03-14' });
    expect(right).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    for (const server of servers) expect(server.contractViolations).toEqual([]);
  });

  it('answers 503 while the directory is down, and serves again once it is back', async () => {
    await slapd.stop();
    const down = await client(urls[0]!).identify({
      studentNumber: '21901234',
      birthDate: '2001-03-14',
    });
    expect(down.ok).toBe(false);
    // 503 with Retry-After: the kiosk's offline mode takes over.
    expect(down).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    await slapd.start();
    const back = await client(urls[0]!).identify({
      studentNumber: '21901234',
      birthDate: '2001-03-14',
    });
    expect(back).toMatchObject({ ok: true, value: { identifier: 'endiayebrule' } });
  });
});
