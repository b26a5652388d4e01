// A Guichet server instance killed (SIGKILL) between a password write in the directory and the
// answer stored under its Idempotency-Key: the kiosk's retry with the same key, on another
// instance, gets the answer the first call would have given and the directory sees one write.
// Real slapd and PostgreSQL; the killed instance is a child process (crash-write-child.ts) that
// halts right after its directory write, the moment the parent kills it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOURNEY_PATHS } from '../../src-main/api/wire-journeys';
import {
  activationBody,
  passwordChangeBody,
  passwordResetBody,
} from '../../src-main/api/journey-requests';
import { CURRENT_CHARTER } from '../../src-main/simulator/charter';
import { createPool, type Pool } from '../../src-server/postgres/database';
import { waitFor } from '../../src-server/stack/wait';
import { spawnUntilReady } from '../support/spawn-ready';
import {
  CHAIN_DEVICE,
  BASILE,
  ELOISE,
  codeIn,
  kioskClient,
  startServerChain,
  type ServerChain,
} from '../support/server-stack';
import { tempFolder } from '../support/tmp';
import type { CrashChildSettings } from './crash-write-child';

const FIRST = 'Fougere!Dune-58';
const SECOND = 'Marbre&Ortie-73';
const THIRD = 'Sable+Corail-19';
const ELOISE_FIRST = 'Vague#Lichen-42';

const folder = tempFolder('guichet-crash-server-');
let chain: ServerChain;
let pool: Pool;
let token: string;

beforeAll(async () => {
  // One instance in this process: the one the retry reaches after the other died.
  chain = await startServerChain(folder.path, [ELOISE, BASILE], { instances: 1 });
  await chain.directory.setPassword(BASILE.identifier, FIRST);
  pool = createPool(chain.postgres.url, { max: 2 });
  const issued = await fetch(`${chain.urls[0]}/v1/kiosk/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(CHAIN_DEVICE),
  });
  token = ((await issued.json()) as { accessToken: string }).accessToken;
}, 60_000);
afterAll(async () => {
  await pool?.end();
  await chain?.close();
  folder.remove();
});

interface Answer {
  status: number;
  body: Record<string, unknown>;
  replayed: boolean;
}

/** One keyed POST as the kiosk sends it (the same bytes on every try), on `baseUrl`. */
async function post(baseUrl: string, path: string, key: string, body: unknown): Promise<Answer> {
  const answer = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'idempotency-key': key,
    },
    body: JSON.stringify(body),
  });
  return {
    status: answer.status,
    body: (await answer.json()) as Record<string, unknown>,
    replayed: answer.headers.get('idempotent-replayed') === 'true',
  };
}

/**
 * Sends the request to a new instance in a child process and SIGKILLs it once its directory
 * write (`haltAfter`) is done: the key is claimed, the directory written, no answer stored.
 */
async function killedAfterWrite(
  haltAfter: CrashChildSettings['haltAfter'],
  path: string,
  key: string,
  body: unknown,
): Promise<void> {
  const settings: CrashChildSettings = {
    databaseUrl: chain.postgres.url,
    ldap: {
      url: chain.slapd.url,
      peopleBase: chain.slapd.peopleBase,
      service: chain.slapd.service,
    },
    secretKey: chain.secretKey.toString('base64'),
    haltAfter,
  };
  const file = join(folder.path, `child-${key}.json`);
  writeFileSync(file, JSON.stringify(settings), { mode: 0o600 });
  const child = await spawnUntilReady(
    'test/server/crash-write-child.ts',
    [file],
    /listening (\S+)/,
  );
  try {
    const sent = post(child.match[1]!, path, key, body).catch((error: Error) => error);
    await waitFor(() => child.output().includes(`written ${haltAfter}`), 'the directory write');
    const exited = new Promise((resolve) => child.child.once('exit', resolve));
    child.child.kill('SIGKILL');
    await exited;
    // The kiosk never got an answer: the connection died with the process.
    expect(await sent).toBeInstanceOf(Error);
  } finally {
    await child.stop();
  }
}

/** The kiosk's retry, on the surviving instance, until the dead one's lease has run out. */
async function retry(path: string, key: string, body: unknown): Promise<Answer> {
  for (let i = 0; ; i += 1) {
    const answer = await post(chain.urls[0]!, path, key, body);
    if (answer.status !== 409 || answer.body.code !== 'idempotency_in_progress' || i >= 400)
      return answer;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The account's password history (ppolicy adds the old password at each change). */
async function passwordTrail(identifier: string) {
  const client = new Client({ url: chain.slapd.url });
  try {
    await client.bind(chain.slapd.service.dn, chain.slapd.service.password);
    const { searchEntries } = await client.search(`uid=${identifier},${chain.slapd.peopleBase}`, {
      scope: 'base',
      attributes: ['pwdHistory'],
    });
    const history = searchEntries[0]?.pwdHistory ?? [];
    return { history: Array.isArray(history) ? history.length : 1 };
  } finally {
    await client.unbind();
  }
}

async function accountStatus(identifier: string) {
  const answer = await fetch(`${chain.urls[0]}/v1/accounts/${identifier}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return (await answer.json()) as Record<string, unknown>;
}

const codeRows = async (identifier: string, purpose: string) =>
  (
    await pool.query('SELECT 1 FROM journey_codes WHERE identifier = $1 AND purpose = $2', [
      identifier,
      purpose,
    ])
  ).rowCount;

describe('a server killed between the directory write and the stored answer', () => {
  it('password change: the retry answers 200 as the first call would have, one change in slapd', async () => {
    const path = JOURNEY_PATHS.passwordChange(BASILE.identifier);
    const body = passwordChangeBody({ currentPassword: FIRST, password: SECOND });
    const key = 'crash-change-key-000001';
    const before = await passwordTrail(BASILE.identifier);

    await killedAfterWrite('changePassword', path, key, body);
    // The directory took the change: the old password went into the history.
    expect((await passwordTrail(BASILE.identifier)).history).toBe(before.history + 1);

    const answer = await retry(path, key, body);
    expect(answer).toMatchObject({ status: 200, replayed: false });
    expect(answer.body).toEqual({
      changedAt: expect.any(String),
      account: await accountStatus(BASILE.identifier),
    });
    // Any later repeat gets that same answer back.
    expect(await post(chain.urls[0]!, path, key, body)).toEqual({ ...answer, replayed: true });
    // One change: no second write, the new password binds and the old one does not.
    expect((await passwordTrail(BASILE.identifier)).history).toBe(before.history + 1);
    expect(await chain.directory.checkPassword(BASILE.identifier, FIRST)).toBe('wrong_password');
    expect(await chain.directory.checkPassword(BASILE.identifier, SECOND)).toBe('ok');
  });

  it('password reset: the retry answers 200, uses the code up, and sets the password once', async () => {
    const before = chain.sink.messages(BASILE.personalEmail!).length;
    expect(
      await kioskClient(chain.urls[0]!).requestPasswordReset(
        BASILE.identifier,
        'crash-reset-mail-001',
      ),
    ).toMatchObject({ ok: true });
    const code = codeIn((await chain.sink.waitForMail(BASILE.personalEmail!, before + 1)).text);
    const path = JOURNEY_PATHS.passwordReset(BASILE.identifier);
    const body = passwordResetBody({ code, password: THIRD });
    const key = 'crash-reset-key-0000001';
    const trail = await passwordTrail(BASILE.identifier);

    await killedAfterWrite('setPassword', path, key, body);
    expect((await passwordTrail(BASILE.identifier)).history).toBe(trail.history + 1);
    // The first attempt died before using the code up.
    expect(await codeRows(BASILE.identifier, 'password_reset')).toBe(1);

    const answer = await retry(path, key, body);
    expect(answer).toMatchObject({ status: 200, replayed: false });
    expect(answer.body).toEqual({
      changedAt: expect.any(String),
      account: await accountStatus(BASILE.identifier),
    });
    expect(await codeRows(BASILE.identifier, 'password_reset')).toBe(0);
    expect((await passwordTrail(BASILE.identifier)).history).toBe(trail.history + 1);
    expect(await chain.directory.checkPassword(BASILE.identifier, THIRD)).toBe('ok');
  });

  it('activation: the retry answers 200 with the active account, notes the charter, writes nothing twice', async () => {
    const client = kioskClient(chain.urls[0]!);
    expect(
      await client.sendActivationEmail(ELOISE.identifier, 'crash-activation-mail'),
    ).toMatchObject({ ok: true });
    const code = codeIn((await chain.sink.waitForMail(ELOISE.personalEmail!)).text);
    const path = JOURNEY_PATHS.activation(ELOISE.identifier);
    const body = activationBody({
      code,
      password: ELOISE_FIRST,
      charterVersion: CURRENT_CHARTER.version,
    });
    const key = 'crash-activation-key-01';
    const charter = async () =>
      (
        await pool.query<{ at: Date | null }>(
          'SELECT charter_accepted_at AS at FROM account_notes WHERE identifier = $1',
          [ELOISE.identifier],
        )
      ).rows[0]?.at ?? null;

    await killedAfterWrite('markActivated', path, key, body);
    // Active in the directory, with a first password (no earlier one, so no history); the
    // database's part died with the instance's transaction.
    expect((await chain.directory.byIdentifier(ELOISE.identifier))?.status).toBe('active');
    expect((await passwordTrail(ELOISE.identifier)).history).toBe(0);
    expect(await charter()).toBeNull();
    expect(await codeRows(ELOISE.identifier, 'activation')).toBe(1);

    const answer = await retry(path, key, body);
    expect(answer).toEqual({
      status: 200,
      replayed: false,
      body: await accountStatus(ELOISE.identifier),
    });
    expect(answer.body).toMatchObject({ status: 'active' });
    expect(await charter()).toBeInstanceOf(Date);
    expect(await codeRows(ELOISE.identifier, 'activation')).toBe(0);
    // A second Password Modify would have pushed the first password into the history.
    expect((await passwordTrail(ELOISE.identifier)).history).toBe(0);
    expect(await chain.directory.checkPassword(ELOISE.identifier, ELOISE_FIRST)).toBe('ok');
  });
});
