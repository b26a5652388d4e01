/**
 * The stack's fleet and its controls, seen from the help-desk console's JSON API as a supervisor
 * signed in with a directory password reads it: a kiosk taken offline goes to the top as silent
 * (and comes back), a real dead letter shows on its kiosk's page (the kiosk sent its account's
 * tag, the service names it from the kiosk's sealed audit lines), a tampered upload shows as
 * refused. The page itself is the console's own spec.
 */
import { Client } from 'ldapts';
import { expect, fleetControl, test, type Fleet } from './fleet-fixture';

// One stack for the file: the tests run in order in one worker, each on a kiosk of its own.
test.describe.configure({ mode: 'default' });

interface Row {
  deviceId: string;
  label: string;
  attention: string[];
}

async function signIn(fleet: Fleet, who: { uid: string; password: string }) {
  return fetch(`${fleet.console}/console/api/session`, {
    method: 'POST',
    headers: { origin: fleet.console, 'content-type': 'application/json' },
    body: JSON.stringify(who),
  });
}

async function supervisor(fleet: Fleet) {
  const answer = await signIn(fleet, fleet.supervisor);
  expect(answer.status).toBe(200);
  const cookie = answer.headers.get('set-cookie')!.split(';')[0]!;
  const get = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${fleet.console}/console/api/${path}`, {
      headers: { cookie, origin: fleet.console },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  };
  return {
    fleet: async () => (await get<{ kiosks: Row[] }>('fleet')).kiosks,
    kiosk: (deviceId: string) =>
      get<{
        kiosk: Row;
        deadLetters: {
          at: string;
          kind: string;
          reason: string;
          account: string | null;
          identifier: string | null;
        }[];
        audit: { refusals: { code: string }[] };
      }>(`kiosks/${deviceId}`),
  };
}

const WAIT = { timeout: 90_000 };

test('three kiosks in three places; the demo staff bind with their directory passwords', async ({
  fleet,
}) => {
  const desk = await supervisor(fleet);
  const rows = await desk.fleet();
  expect(rows.map((r) => [r.deviceId, r.label]).sort()).toEqual(
    fleet.kiosks.map((k) => [k.deviceId, k.label]).sort(),
  );
  expect(new Set(fleet.kiosks.map((k) => k.label)).size).toBe(3);
  for (const who of [fleet.supervisor, fleet.agent]) {
    const client = new Client({ url: fleet.ldap });
    try {
      await client.bind(`uid=${who.uid},ou=people,dc=univ,dc=test`, who.password);
    } finally {
      await client.unbind();
    }
  }
  // The agent's password binds, but the console is for supervisors.
  expect((await signIn(fleet, fleet.agent)).status).toBe(401);
});

test('a kiosk taken offline goes to the top as silent, and back once online', async ({ fleet }) => {
  test.setTimeout(180_000);
  const desk = await supervisor(fleet);
  const kiosk = fleet.kiosks[1]!;
  // All heard from first, so that the silence is this kiosk's.
  await expect
    .poll(async () => (await desk.fleet()).flatMap((r) => r.attention), WAIT)
    .not.toContain('silent');
  await fleetControl(fleet, kiosk.deviceId, 'offline');
  await expect
    .poll(async () => {
      const [first] = await desk.fleet();
      return [first?.deviceId, first?.attention.includes('silent')];
    }, WAIT)
    .toEqual([kiosk.deviceId, true]);
  await fleetControl(fleet, kiosk.deviceId, 'online');
  await expect
    .poll(async () => (await desk.kiosk(kiosk.deviceId)).kiosk.attention, WAIT)
    .not.toContain('silent');
});

test('a real dead letter shows on its kiosk’s page: sent by its tag, named by the service', async ({
  fleet,
}) => {
  test.setTimeout(180_000);
  const desk = await supervisor(fleet);
  const kiosk = fleet.kiosks[2]!;
  // The worker's stack may have served another spec: count from what is there.
  const before = (await desk.kiosk(kiosk.deviceId)).deadLetters.length;
  await fleetControl(fleet, kiosk.deviceId, 'dead-letter');
  const page = await desk.kiosk(kiosk.deviceId);
  expect(page.kiosk.attention).toContain('dead_letters');
  expect(page.deadLetters).toHaveLength(Math.min(before + 1, 20));
  // The newest, as the heartbeat carried it: when, the kind, the refusal, the account's tag.
  expect(
    page.deadLetters
      .slice(0, 1)
      .map(({ at, kind, reason, account }) => ({ at, kind, reason, account })),
  ).toEqual([
    {
      at: expect.any(String),
      kind: 'staff.resend_activation',
      reason: 'account_state',
      account: expect.stringMatching(/^[0-9a-f]{8}$/),
    },
  ]);
  // The kiosk's sealed audit lines about that tag, once uploaded, let the service name it.
  await expect
    .poll(async () => (await desk.kiosk(kiosk.deviceId)).deadLetters[0]?.identifier, WAIT)
    .toBe('zlefevre');
});

test('a tampered audit upload is refused by the server and flags its kiosk', async ({ fleet }) => {
  test.setTimeout(180_000);
  const desk = await supervisor(fleet);
  // One whose uploads no refused batch holds back yet (another spec may have used one).
  const pages = await Promise.all(fleet.kiosks.map((k) => desk.kiosk(k.deviceId)));
  const kiosk = fleet.kiosks[pages.findIndex((p) => p.audit.refusals.length === 0)]!;
  expect(kiosk).toBeDefined();
  await fleetControl(fleet, kiosk.deviceId, 'tamper-upload');
  const page = await desk.kiosk(kiosk.deviceId);
  expect(page.audit.refusals.map((r) => r.code)).toEqual(['audit_hash_mismatch']);
  expect(page.kiosk.attention).toContain('audit_refused');
  // Its uploads now wait on that batch: no next one to tamper with.
  await expect(fleetControl(fleet, kiosk.deviceId, 'tamper-upload')).rejects.toThrow(/409/);
});
