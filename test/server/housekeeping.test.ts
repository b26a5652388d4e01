// The hourly housekeeping on a real PostgreSQL: what expired is deleted, what is still live is
// kept (a live session, a fresh Idempotency-Key answer, a failure inside its window, unsent
// mail), and a second instance finds the work taken.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, migrate, type Pool } from '../../src-server/postgres/database';
import { houseKeep } from '../../src-server/postgres/housekeeping';
import { startPostgres, type Postgres } from '../../src-server/stack/postgres';
import { tempFolder } from '../support/tmp';

const folder = tempFolder('guichet-housekeeping-');
let postgres: Postgres;
let pool: Pool;

beforeAll(async () => {
  postgres = await startPostgres(folder.path);
  await migrate(postgres.url);
  pool = createPool(postgres.url);
});
afterAll(async () => {
  await pool?.end();
  await postgres?.stop();
  folder.remove();
});

const NOW = new Date();
const ago = (seconds: number) => new Date(NOW.getTime() - seconds * 1000);
const count = async (table: string) =>
  Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n);

describe('housekeeping', () => {
  it('deletes what expired and keeps what is live', async () => {
    const later = new Date(NOW.getTime() + 600_000);
    await pool.query(
      `INSERT INTO idempotency_keys (device_id, key, fingerprint, status, reply, created_at)
       VALUES ('k', 'old', 'f', 200, '{}', $1), ('k', 'fresh', 'f', 200, '{}', $2)`,
      [ago(3 * 86_400), ago(3600)],
    );
    await pool.query(
      `INSERT INTO journey_codes (identifier, purpose, digest, expires_at)
       VALUES ('a', 'activation', '\\x00', $1), ('b', 'activation', '\\x00', $2)`,
      [ago(60), later],
    );
    await pool.query(
      `INSERT INTO student_sessions (token_digest, identifier, expires_at)
       VALUES ('\\x01', 'a', $1), ('\\x02', 'b', $2)`,
      [ago(60), later],
    );
    await pool.query(
      `INSERT INTO staff_action_proofs
         (digest, staff_id, role, device_id, identifier, action, expires_at)
       VALUES ('\\x03', 's', 'agent', 'k', 'a', 'unlock_account', $1),
              ('\\x04', 's', 'agent', 'k', 'a', 'unlock_account', $2)`,
      [ago(60), later],
    );
    await pool.query(
      `INSERT INTO console_sessions (token_digest, staff_id, created_at, last_seen_at, expires_at)
       VALUES ('\\x05', 's', $1, $1, $1), ('\\x06', 's', $1, $1, $2)`,
      [ago(60), later],
    );
    await pool.query(`INSERT INTO attempt_failures (key, at) VALUES ('x', $1), ('x', $2)`, [
      ago(86_400),
      ago(60),
    ]);
    await pool.query(
      `INSERT INTO mail_queue (recipient, subject, body, language, sent_at)
       VALUES ('a@x.org', 's', '', 'fr', $1), ('b@x.org', 's', 'code', 'fr', NULL)`,
      [ago(30 * 86_400)],
    );

    // Another instance holds the lock: this one skips.
    const other = await pool.connect();
    await other.query('SELECT pg_advisory_lock(7216430002)');
    expect(await houseKeep(pool, NOW)).toBeNull();
    await other.query('SELECT pg_advisory_unlock(7216430002)');
    other.release();

    expect(await houseKeep(pool, NOW)).toMatchObject({
      idempotency_keys: 1,
      journey_codes: 1,
      student_sessions: 1,
      staff_action_proofs: 1,
      console_sessions: 1,
      attempt_failures: 1,
      mail_queue: 1,
    });
    for (const table of [
      'idempotency_keys',
      'journey_codes',
      'student_sessions',
      'staff_action_proofs',
      'console_sessions',
      'attempt_failures',
      'mail_queue',
    ])
      expect(await count(table), table).toBe(1);
    expect(
      (await pool.query<{ key: string }>('SELECT key FROM idempotency_keys')).rows[0]?.key,
    ).toBe('fresh');
  });
});
