// Two Guichet server instances over one real slapd and one real PostgreSQL, reached over HTTP
// on 127.0.0.1 by the kiosk's own API client: identification and account status read from the
// SupAnn directory, the identification limit shared by both instances, a directory outage
// answered with 503. Every answer is checked against resources/openapi.yaml.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool } from '../../src-server/postgres/database';
import { registerDevice, revokeDevice } from '../../src-server/postgres/devices';
import {
  CHAIN_DEVICE,
  ELOISE,
  kioskClient as client,
  startServerChain,
  type ServerChain,
} from '../support/server-stack';
import { tempFolder } from '../support/tmp';

const folder = tempFolder('guichet-server-');
let chain: ServerChain;

beforeAll(async () => {
  chain = await startServerChain(folder.path, [ELOISE], {
    programLabel: (step) => (step === 'UM-L1-INFO' ? 'Licence 1 Informatique' : step),
  });
});
afterAll(async () => {
  await chain?.close();
  folder.remove();
});

describe('the Guichet server over a real directory and database', () => {
  it('identifies a student from the SupAnn directory, with the masked address and activation time', async () => {
    const result = await client(chain.urls[0]!).identify({
      studentNumber: '21901234',
      birthDate: '2001-03-14',
    });
    expect(result).toMatchObject({
      ok: true,
      value: {
        identifier: 'endiayebrule',
        firstName: 'Éloïse',
        lastName: "N'Diaye-Brûlé",
        enrollments: [
          { academicYear: ELOISE.enrollments[0]!.academicYear, program: 'Licence 1 Informatique' },
        ],
        account: { status: 'not_activated' },
      },
    });
    const status = await client(chain.urls[1]!).accountStatus('endiayebrule');
    expect(status).toMatchObject({ ok: true, value: { status: 'not_activated' } });
    for (const server of chain.servers) expect(server.contractViolations).toEqual([]);
  });

  it('refuses a wrong date and an unknown number alike, and holds the limit across both instances', async () => {
    const kiosks = [client(chain.urls[0]!), client(chain.urls[1]!)];
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
    for (const server of chain.servers) expect(server.contractViolations).toEqual([]);
  });

  it('takes a token one instance issued on the other, and refuses a wrong or revoked device on both', async () => {
    const token = async (url: string, secret: string) =>
      fetch(`${url}/v1/kiosk/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ deviceId: CHAIN_DEVICE.deviceId, secret }),
      });
    const issued = await token(chain.urls[0]!, CHAIN_DEVICE.secret);
    expect(issued.status).toBe(200);
    const { accessToken } = (await issued.json()) as { accessToken: string };
    const status = (url: string) =>
      fetch(`${url}/v1/accounts/endiayebrule`, {
        headers: { authorization: `Bearer ${accessToken}` },
      }).then((r) => r.status);
    expect(await status(chain.urls[1]!)).toBe(200);
    expect((await token(chain.urls[1]!, 'not-the-secret-of-this-kiosk')).status).toBe(401);

    const admin = createPool(chain.postgres.url, { max: 1 });
    try {
      expect(await revokeDevice(admin, CHAIN_DEVICE.deviceId)).toBe(true);
      expect(await status(chain.urls[0]!)).toBe(401);
      expect(await status(chain.urls[1]!)).toBe(401);
      expect((await token(chain.urls[1]!, CHAIN_DEVICE.secret)).status).toBe(401);
    } finally {
      // Registered again for the next test, as an administrator would after a mistake.
      await registerDevice(admin, CHAIN_DEVICE.deviceId, {
        secret: CHAIN_DEVICE.secret,
        replace: true,
      });
      await admin.end();
    }
  });

  it('answers 503 while the directory is down, and serves again once it is back', async () => {
    await chain.slapd.stop();
    // More tries than the number's limit (5): an outage must not use them up.
    for (let i = 0; i < 7; i += 1) {
      const down = await client(chain.urls[i % 2]!).identify({
        studentNumber: '21901234',
        birthDate: '2001-03-14',
      });
      // 503 with Retry-After: the kiosk's offline mode takes over.
      expect(down).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    }
    await chain.slapd.start();
    const back = await client(chain.urls[0]!).identify({
      studentNumber: '21901234',
      birthDate: '2001-03-14',
    });
    expect(back).toMatchObject({ ok: true, value: { identifier: 'endiayebrule' } });
  });
});
