import { mkdirSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src-main/app/config';
import { startKiosk, type Kiosk } from '../../src-main/app/kiosk';
import { silentLogger } from '../../src-main/app/logger';
import { createWebHost } from '../../src-main/host/server';
import { SEEDED } from '../support/dataset';
import { tempFolder } from '../support/tmp';

// The web host's token leaves the URL after the first load: it is traded once, in a header, for
// an HttpOnly SameSite=Strict cookie, which every later call (and the event stream) presents.
// Then it is spent: the first URL, kept in a browser's history, opens nothing any more. Each test
// has a host of its own (a token of its own) in front of one real demo kiosk.
const folder = tempFolder('guichet-session-');
let kiosk: Kiosk;
let rendererDir: string;
let host: ReturnType<typeof createWebHost>;
let origin: string;
let port: number;

beforeAll(async () => {
  rendererDir = folder.file('renderer');
  mkdirSync(rendererDir);
  folder.file('renderer/index.html', '<!doctype html><title>Guichet</title>');
  const config = loadConfig(
    {},
    {
      dataDir: folder.file('data'),
      keychainService: `guichet-session-${process.pid}`,
      demoDataset: folder.file('d.json', SEEDED),
    },
  );
  kiosk = await startKiosk(config, { logger: silentLogger });
});
/** A web host as `npm run web` starts one, on `at` (any free port by default). */
async function startHost(at = 0) {
  host = createWebHost({ dispatch: kiosk.dispatch, rendererDir, subscribe: kiosk.subscribe });
  ({ origin, port } = await host.listen(at));
}
beforeEach(() => startHost());
afterEach(() => host.close());
afterAll(async () => {
  await kiosk.close();
  folder.remove();
});

function exchange(headers: Record<string, string>, path = '/session') {
  return fetch(`${origin}${path}`, { method: 'POST', headers });
}

/** The cookie a browser would send back, from a successful exchange. */
async function sessionCookie(): Promise<string> {
  const answer = await exchange({ 'x-guichet-token': host.token, origin });
  expect(answer.status).toBe(204);
  return answer.headers.get('set-cookie')!.split(';')[0]!;
}

/** Opens the event stream and returns its status, then closes it. */
async function events(headers: Record<string, string>, path = '/events') {
  const abort = new AbortController();
  const answer = await fetch(`${origin}${path}`, { headers, signal: abort.signal });
  const type = answer.headers.get('content-type');
  abort.abort();
  return { status: answer.status, type };
}

function call(headers: Record<string, string>, path = '/rpc/kiosk.info') {
  return fetch(`${origin}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: '{}',
  });
}

async function expectRefused(answer: Response) {
  expect(answer.status).toBe(403);
  expect(answer.headers.get('set-cookie')).toBeNull();
  expect(await answer.json()).toEqual({ ok: false, error: { code: 'auth' } });
}

describe('the web host session', () => {
  it('trades the token for an HttpOnly, SameSite=Strict cookie of 12 hours, on this host only', async () => {
    const answer = await exchange({ 'x-guichet-token': host.token, origin });
    expect(answer.status).toBe(204);
    const cookie = answer.headers.get('set-cookie')!;
    const [pair, ...attributes] = cookie.split(';').map((part) => part.trim());
    expect(pair).toMatch(new RegExp(`^guichet-session-${port}=[\\w-]{32,}$`));
    expect(pair).not.toContain(host.token);
    expect(attributes).toEqual(
      expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/', 'Max-Age=43200']),
    );
    // A host-only cookie: no Domain.
    expect(cookie).not.toMatch(/domain=|expires=/i);
  });

  it('sells the token once: replayed to POST /session or sent in a header, it is refused', async () => {
    const cookie = await sessionCookie();
    // Twice, the second time as a page of this host would send it: still refused.
    await expectRefused(await exchange({ 'x-guichet-token': host.token, origin }));
    await expectRefused(
      await exchange({ 'x-guichet-token': host.token, origin, 'sec-fetch-site': 'same-origin' }),
    );
    await expectRefused(await call({ 'x-guichet-token': host.token, origin }));
    expect((await events({ 'x-guichet-token': host.token })).status).toBe(403);
    // The session it bought works on.
    const answer = await call({ cookie, origin });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ ok: true });
  });

  it('never took the token for a call, even before the exchange', async () => {
    await expectRefused(await call({ 'x-guichet-token': host.token, origin }));
    expect((await events({ 'x-guichet-token': host.token })).status).toBe(403);
    // Nor did that spend it.
    await sessionCookie();
  });

  it('gives a restarted host a new token: the old token and the old session open nothing', async () => {
    const oldToken = host.token;
    const oldCookie = await sessionCookie();
    await host.close();
    // The same port, so the browser sends the old cookie (the name is the port's) to the new host.
    await startHost(port);
    expect(host.token).not.toBe(oldToken);
    await expectRefused(await call({ cookie: oldCookie, origin }));
    await expectRefused(await exchange({ 'x-guichet-token': oldToken, origin }));
    const cookie = await sessionCookie();
    expect(cookie).not.toBe(oldCookie);
    expect((await call({ cookie, origin })).status).toBe(200);
  });

  it('refuses the exchange without the token, with a wrong one, from another origin or by GET', async () => {
    const refused = [
      await exchange({ origin }),
      await exchange({ 'x-guichet-token': 'guess', origin }),
      await exchange({ origin }, `/session?token=${encodeURIComponent(host.token)}`),
      await exchange({ 'x-guichet-token': host.token, origin: 'http://127.0.0.1:1' }),
      await exchange({ 'x-guichet-token': host.token, 'sec-fetch-site': 'same-site' }),
    ];
    for (const answer of refused) await expectRefused(answer);
    expect((await fetch(`${origin}/session`)).status).toBe(405);
    // A refused attempt does not spend the token: its holder can still open the kiosk.
    await sessionCookie();
  });

  it('opens the event stream with the cookie, and only with it', async () => {
    const cookie = await sessionCookie();
    expect(await events({ cookie })).toEqual({
      status: 200,
      type: 'text/event-stream; charset=utf-8',
    });
    expect((await events({})).status).toBe(403);
    expect((await events({ cookie: 'guichet-session-1=whatever' })).status).toBe(403);
    const [, value] = cookie.split('=');
    expect((await events({ cookie: `guichet-session-${port + 1}=${value}` })).status).toBe(403);
    expect((await events({ cookie, origin: 'http://127.0.0.1:1' })).status).toBe(403);
    expect((await events({ cookie, 'sec-fetch-site': 'same-site' })).status).toBe(403);
  });

  it('answers calls that present the cookie from its own origin', async () => {
    const cookie = await sessionCookie();
    const answer = await call({ cookie, origin, 'sec-fetch-site': 'same-origin' });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ ok: true });
    // A write carrying only the cookie must say where it comes from, as every browser does.
    expect((await call({ cookie })).status).toBe(403);
    expect((await call({ cookie, origin: 'http://127.0.0.1:1' })).status).toBe(403);
    expect((await call({ cookie, origin, 'sec-fetch-site': 'same-site' })).status).toBe(403);
  });

  it('accepts the token in no query string', async () => {
    const query = `?token=${encodeURIComponent(host.token)}`;
    expect((await events({}, `/events${query}`)).status).toBe(403);
    expect((await call({ origin }, `/rpc/kiosk.info${query}`)).status).toBe(403);
    expect((await exchange({ origin }, `/session${query}`)).status).toBe(403);
  });
});
