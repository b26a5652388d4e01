// The console page's client and state, over a fetch that answers as the console's endpoints do
// (real Response objects, as the kiosk's client tests use): what each status becomes, the CSRF
// token sent back on a state-changing request only, and a 401 past sign-in returning to sign-in.
// The real listener is driven by test/server/console-page.test.ts and test/e2e/console.spec.ts.
import { describe, expect, it } from 'vitest';
import { ConsoleApi, csvHref, filterQuery, retryAfterSeconds } from './console-api';
import { ConsoleApp, hrefOf, routeOf } from './console-app.svelte';

interface Seen {
  method: string;
  url: string;
  csrf: string | undefined;
  credentials: RequestCredentials | undefined;
  /** The page timer's mark (not the supervisor's activity). */
  auto: string | undefined;
}
const base = 'http://console.test';
const seen: Seen[] = [];
/** What each path answers: status, body, headers. */
const answers = new Map<string, [number, unknown, Record<string, string>?]>();

const fetchLike: typeof fetch = async (input, init) => {
  const url = String(input);
  const method = init?.method ?? 'GET';
  const headers = (init?.headers ?? {}) as Record<string, string>;
  seen.push({
    method,
    url: url.slice(base.length),
    csrf: headers['x-csrf-token'],
    credentials: init?.credentials,
    auto: headers['x-console-refresh'],
  });
  if (!url.startsWith(base)) throw new TypeError('fetch failed');
  const [status, body, extra] = answers.get(`${method} ${new URL(url).pathname}`) ?? [404, {}];
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...extra },
  });
};

const api = () =>
  new ConsoleApi({ fetch: fetchLike, base, now: () => new Date('2026-12-08T10:00:00Z') });
const SESSION = { staffId: 'hdubois', csrfToken: 'csrf-of-the-session', expiresAt: 'x' };

describe('the console client', () => {
  it("marks the page timer's refreshes, and only them, as automatic", async () => {
    const client = api();
    answers.set('GET /console/api/fleet', [200, { kiosks: [], at: 'x' }]);
    answers.set('GET /console/api/kiosks/k1', [200, {}]);
    await client.fleet();
    await client.fleet(true);
    await client.kiosk('k1', true);
    await client.kiosk('k1');
    expect(seen.slice(-4).map((s) => [s.url, s.auto])).toEqual([
      ['/console/api/fleet', undefined],
      ['/console/api/fleet', '1'],
      ['/console/api/kiosks/k1', '1'],
      ['/console/api/kiosks/k1', undefined],
    ]);
  });

  it('tells a refused sign-in, a limit with its wait, an outage and no answer apart', async () => {
    const client = api();
    answers.set('POST /console/api/session', [401, { code: 'sign_in_refused' }]);
    expect(await client.signIn('hdubois', 'wrong')).toEqual({
      ok: false,
      error: { kind: 'refused' },
    });
    answers.set('POST /console/api/session', [
      429,
      { code: 'rate_limited' },
      { 'retry-after': '42' },
    ]);
    expect(await client.signIn('hdubois', 'wrong')).toEqual({
      ok: false,
      error: { kind: 'rate_limited', retryAfterSeconds: 42 },
    });
    answers.set('POST /console/api/session', [503, { code: 'unavailable' }]);
    expect(await client.signIn('hdubois', 'x')).toMatchObject({ error: { kind: 'unavailable' } });
    const nowhere = new ConsoleApi({
      fetch: fetchLike,
      base: 'http://unreachable.test',
      now: () => new Date(),
    });
    expect(await nowhere.fleet()).toEqual({ ok: false, error: { kind: 'network' } });
    // Past sign-in, a 401 means the session ended.
    answers.set('GET /console/api/fleet', [401, { code: 'unauthorized' }]);
    expect(await client.fleet()).toEqual({ ok: false, error: { kind: 'signed_out' } });
  });

  it('sends the session’s CSRF token on a state-changing request, and on nothing else', async () => {
    const client = api();
    answers.set('POST /console/api/session', [200, SESSION]);
    answers.set('GET /console/api/fleet', [200, { kiosks: [], at: 'x' }]);
    answers.set('DELETE /console/api/session', [204, undefined]);
    seen.length = 0;
    expect((await client.signIn('hdubois', 'right')).ok).toBe(true);
    expect((await client.fleet()).ok).toBe(true);
    expect((await client.signOut()).ok).toBe(true);
    expect(seen.map((s) => [s.method, s.csrf])).toEqual([
      ['POST', undefined],
      ['GET', undefined],
      ['DELETE', SESSION.csrfToken],
    ]);
    expect(seen.every((s) => s.credentials === 'same-origin')).toBe(true);
  });

  it('asks for the staff actions and their CSV with the same filters', async () => {
    const filter = {
      kiosk: 'kiosk-hall',
      staff: ' cmartin ',
      account: '',
      from: '2026-12-07T00:00:00Z',
    };
    expect(filterQuery(filter)).toBe(
      '?kiosk=kiosk-hall&staff=cmartin&from=2026-12-07T00%3A00%3A00Z',
    );
    expect(csvHref(filter)).toBe(`/console/api/staff-actions.csv${filterQuery(filter)}`);
    expect(csvHref({})).toBe('/console/api/staff-actions.csv');
    answers.set('GET /console/api/staff-actions', [200, { actions: [] }]);
    seen.length = 0;
    await api().staffActions(filter);
    expect(seen[0]!.url).toBe(`/console/api/staff-actions${filterQuery(filter)}`);
    expect(
      retryAfterSeconds('Tue, 08 Dec 2026 10:01:00 GMT', new Date('2026-12-08T10:00:00Z')),
    ).toBe(60);
    expect(retryAfterSeconds(null, new Date())).toBe(60);
  });
});

describe('the console’s screens', () => {
  it('reads the screen from the address, and writes it back', () => {
    expect(routeOf('')).toEqual({ name: 'fleet' });
    expect(routeOf('#/actions')).toEqual({ name: 'actions' });
    expect(routeOf('#/kiosks/kiosk-hall-droit')).toEqual({
      name: 'kiosk',
      deviceId: 'kiosk-hall-droit',
    });
    expect(routeOf('#/kiosks/%E0%A4%A')).toEqual({ name: 'fleet' });
    expect(hrefOf({ name: 'kiosk', deviceId: 'a b' })).toBe('#/kiosks/a%20b');
    expect(routeOf(hrefOf({ name: 'kiosk', deviceId: 'a b' }))).toEqual({
      name: 'kiosk',
      deviceId: 'a b',
    });
  });

  it('signs in to the screen asked for, and goes back to sign-in when the session ends', async () => {
    answers.set('GET /console/api/session', [401, { code: 'unauthorized' }]);
    const app = new ConsoleApp(api());
    await app.start({ name: 'kiosk', deviceId: 'kiosk-hall-droit' });
    expect(app.screen).toEqual({ name: 'signIn' });
    expect(app.notice).toBeNull();
    answers.set('POST /console/api/session', [200, SESSION]);
    expect(await app.signIn('hdubois', 'right')).toBeNull();
    expect(app.screen).toEqual({ name: 'kiosk', deviceId: 'kiosk-hall-droit' });
    expect(app.staffId).toBe('hdubois');
    answers.set('GET /console/api/fleet', [401, { code: 'unauthorized' }]);
    app.checked(await app.api.fleet());
    expect([app.screen, app.notice, app.staffId]).toEqual([{ name: 'signIn' }, 'expired', null]);
  });

  it('stays signed in, and says so, when signing out does not reach the service', async () => {
    answers.set('GET /console/api/session', [200, SESSION]);
    const app = new ConsoleApp(api());
    await app.start({ name: 'fleet' });
    expect(app.staffId).toBe('hdubois');
    answers.set('DELETE /console/api/session', [503, { code: 'unavailable' }]);
    await app.signOut();
    // The session may still be open: the screen must not pretend it ended.
    expect([app.screen, app.staffId, app.signOutError]).toEqual([
      { name: 'fleet' },
      'hdubois',
      { kind: 'unavailable' },
    ]);
    answers.set('DELETE /console/api/session', [204, undefined]);
    await app.signOut();
    expect([app.screen, app.notice, app.staffId, app.signOutError]).toEqual([
      { name: 'signIn' },
      'signed_out',
      null,
      null,
    ]);
  });

  it('says the service could not be reached when asking for the session fails', async () => {
    answers.set('GET /console/api/session', [503, { code: 'unavailable' }]);
    const app = new ConsoleApp(api());
    await app.start({ name: 'fleet' });
    expect([app.screen, app.bootError]).toEqual([{ name: 'signIn' }, { kind: 'unavailable' }]);
  });
});
