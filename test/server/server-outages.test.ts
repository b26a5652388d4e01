// The Guichet server while what it stands on is down: PostgreSQL stopped, slapd stopped, the
// SMTP relay refusing mail. Real services, stopped and started again under a running instance;
// every answer is checked against resources/openapi.yaml.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PATHS } from '../../src-main/api/wire';
import { createPool, type Pool } from '../../src-server/postgres/database';
import { waitFor } from '../../src-server/stack/wait';
import {
  CHAIN_DEVICE,
  ELOISE,
  kioskClient,
  startServerChain,
  type ServerChain,
} from '../support/server-stack';
import { tempFolder } from '../support/tmp';

const folder = tempFolder('guichet-outages-');
let chain: ServerChain;
let url: string;
let token: string;

beforeAll(async () => {
  chain = await startServerChain(folder.path, [ELOISE], { instances: 1 });
  url = chain.urls[0]!;
  token = (
    (await (await call('POST', PATHS.kioskToken, CHAIN_DEVICE, false)).json()) as {
      accessToken: string;
    }
  ).accessToken;
}, 60_000);
afterAll(async () => {
  await chain?.close();
  folder.remove();
});

function call(method: string, path: string, body?: unknown, auth = true): Promise<Response> {
  return fetch(`${url}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(auth ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

const identify = () =>
  call('POST', PATHS.identify, {
    studentNumber: ELOISE.studentNumber,
    birthDate: ELOISE.birthDate,
  });

/** 503 `unavailable` with a Retry-After the kiosk can wait out. */
async function expectUnavailable(answer: Response) {
  expect(answer.status).toBe(503);
  expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(await answer.json()).toMatchObject({ code: 'unavailable' });
}

describe('the server during outages', () => {
  it('answers 503 with Retry-After while PostgreSQL is down, and serves again once it is back', async () => {
    expect((await identify()).status).toBe(200);
    await chain.postgres.stop();
    try {
      // The token check, a new token, identification and health all need the database.
      await expectUnavailable(await identify());
      await expectUnavailable(await call('POST', PATHS.kioskToken, CHAIN_DEVICE, false));
      await expectUnavailable(await call('GET', PATHS.health, undefined, false));
    } finally {
      await chain.postgres.start();
    }
    // The pool drops the connections the restart broke; a later request is served.
    await waitFor(async () => (await identify()).status === 200, 'identification after restart');
    expect((await call('GET', PATHS.health, undefined, false)).status).toBe(200);
  });

  it('answers 503 with Retry-After while slapd is down, health included, and serves again after', async () => {
    await chain.slapd.stop();
    try {
      await expectUnavailable(await identify());
      // The kiosk's health probe fails too, so it stays in its offline mode.
      await expectUnavailable(await call('GET', PATHS.health, undefined, false));
    } finally {
      await chain.slapd.start();
    }
    expect((await identify()).status).toBe(200);
    expect(await (await call('GET', PATHS.health, undefined, false)).json()).toMatchObject({
      status: 'ok',
    });
  });

  it('queues an activation mail while the relay refuses it, and sends it once the relay is back', async () => {
    const pool: Pool = createPool(chain.postgres.url, { max: 1 });
    const queued = async () =>
      (
        await pool.query<{ attempts: number; sent: boolean }>(
          'SELECT attempts, sent_at IS NOT NULL AS sent FROM mail_queue WHERE recipient = $1',
          [ELOISE.personalEmail],
        )
      ).rows;
    try {
      chain.sink.refuse(true);
      // The student is answered at once: the mail waits in the queue, not in the request.
      const sent = await kioskClient(url).sendActivationEmail(
        ELOISE.identifier,
        'outage-mail-key-0001',
      );
      expect(sent).toMatchObject({ ok: true });
      await waitFor(async () => ((await queued())[0]?.attempts ?? 0) > 0, 'a refused delivery');
      expect(await queued()).toEqual([{ attempts: expect.any(Number), sent: false }]);
      // Health says mail is late, not that the service is down.
      expect(await (await call('GET', PATHS.health, undefined, false)).json()).toMatchObject({
        status: 'degraded',
      });
      expect(chain.sink.messages(ELOISE.personalEmail!)).toHaveLength(0);

      chain.sink.refuse(false);
      await waitFor(async () => (await queued())[0]?.sent === true, 'the mail sent');
      expect(chain.sink.messages(ELOISE.personalEmail!)).toHaveLength(1);
      expect(await (await call('GET', PATHS.health, undefined, false)).json()).toMatchObject({
        status: 'ok',
      });
    } finally {
      chain.sink.refuse(false);
      await pool.end();
    }
  });
});
