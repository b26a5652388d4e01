/**
 * The web host's token in a real Chromium, on a host of this spec's own (each test starts one,
 * so the printed URL's token is unspent; the shared hosts' tokens went to the harness's session,
 * test/e2e/session-cookie.ts). The token is single-use: the page trades it once for the session
 * cookie, and the first URL, which Chromium keeps in its history, opens nothing afterwards.
 */
import type { Browser, Page } from '@playwright/test';
import { seededDataset } from '../support/dataset';
import { spawnUntilReady } from '../support/spawn-ready';
import { tempFolder } from '../support/tmp';
import { expect, test as shared } from './fixtures';
import { expectAccessible, identify, openKiosk, title, TEXTS, type Texts } from './kiosk';

interface OwnHost {
  /** The URL the host printed, token included and not yet spent. */
  url: string;
  /** Stops the host and starts it again on the same port, a new run; its new printed URL. */
  restart(): Promise<string>;
}

const test = shared.extend<{ ownHost: OwnHost }>({
  // eslint-disable-next-line no-empty-pattern
  ownHost: async ({}, use) => {
    const folder = tempFolder('guichet-e2e-token-');
    const args = [
      ...['--dataset', folder.file('dataset.json', seededDataset(new Date()))],
      ...['--data-dir', folder.file('data')],
    ];
    const env = { GUICHET_KEYCHAIN_SERVICE: `guichet-e2e-token-${process.pid}-${Date.now()}` };
    const start = (port: number) =>
      spawnUntilReady(
        'dist/main/web-host.js',
        ['--port', String(port), ...args],
        /Kiosk ready at (\S+)/,
        {
          env,
        },
      );
    let host = await start(0);
    try {
      await use({
        url: host.match[1]!,
        async restart() {
          const port = Number(new URL(host.match[1]!).port);
          await host.stop();
          host = await start(port);
          return host.match[1]!;
        },
      });
    } finally {
      await host.stop();
      folder.remove();
    }
  },
});

// This spec reads the tab's own history and cookies: a tab of its own.
test.use({ freshTab: true });

const tokenOf = (url: string) => new URLSearchParams(new URL(url).hash.slice(1)).get('token')!;

/** Finds Éloïse's identifier from the home screen, then goes back home. */
async function findIdentifier(page: Page, t: Texts) {
  await page.getByRole('button', { name: t['journey.findIdentifier.title'] }).click();
  await expect(title(page, t['identify.title'])).toBeVisible();
  await identify(page, t, '21901234', '14032001');
  await expect(page.getByTestId('identifier')).toHaveText('endiayebrule');
  await expect(page.getByText(t['error.auth'])).toHaveCount(0);
  await page.getByRole('button', { name: t['common.finish'], exact: true }).click();
  await expect(title(page, t['home.title'])).toBeVisible();
}

/** The URLs of the tab's session history (back/forward entries), from Chromium itself. */
async function historyUrls(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  const { entries } = await cdp.send('Page.getNavigationHistory');
  await cdp.detach();
  return entries.map((entry) => entry.url);
}

/**
 * What someone sees who opens the kiosk without a session (a spent link, a session of a host
 * that has since restarted): a calm screen, in French then in English, that says whom to tell,
 * with no button that cannot help.
 */
async function expectClosed(page: Page) {
  for (const lang of ['fr', 'en'] as const) {
    const t = TEXTS[lang];
    await expect(title(page, t['boot.closed.title'])).toBeVisible();
    // Read first by a screen reader (the language button keeps the focus after a switch).
    if (lang === 'fr') await expect(title(page, t['boot.closed.title'])).toBeFocused();
    await expect(page.getByTestId('boot-closed')).toHaveText(t['boot.closed.body']);
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(page.getByRole('button', { name: t['boot.retry'] })).toHaveCount(0);
    await expectAccessible(page);
    if (lang === 'fr') await page.getByRole('button', { name: t['header.switchLanguage'] }).click();
  }
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
}

/** A browser of someone else's, with no cookie: the URL is all they have. */
async function elsewhere(browser: Browser, url: string, check: (page: Page) => Promise<void>) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url);
    await check(page);
  } finally {
    await context.close();
  }
}

test('the token leaves every URL after the first load, and a reload keeps the kiosk working', async ({
  page,
  ownHost,
}) => {
  const token = tokenOf(ownHost.url);
  expect(token.length).toBeGreaterThan(16);
  const requests: { method: string; url: string }[] = [];
  page.on('request', (request) => requests.push({ method: request.method(), url: request.url() }));

  const t = await openKiosk(page, ownHost.url);
  // The event stream opens once the session cookie is set: wait for it, then look at the URLs.
  await expect.poll(() => requests.some((r) => new URL(r.url).pathname === '/events')).toBe(true);
  expect(page.url()).not.toContain(token);
  for (const url of await historyUrls(page)) expect(url).not.toContain(token);

  // The first navigation carried the token in its fragment (never sent); nothing after it did.
  const [first, ...later] = requests;
  expect(first!.url.split('#')[0]).not.toContain(token);
  for (const { url } of later) expect(url).not.toContain(token);
  expect(requests).toContainEqual({ method: 'POST', url: new URL('/session', page.url()).href });

  const now = Date.now() / 1000;
  const cookies = await page.context().cookies();
  expect(cookies).toEqual([
    expect.objectContaining({
      name: expect.stringMatching(/^guichet-session-\d+$/),
      domain: '127.0.0.1',
      path: '/',
      httpOnly: true,
      sameSite: 'Strict',
    }),
  ]);
  // A lifetime of its own: twelve hours from the exchange, not "as long as the browser runs".
  expect(cookies[0]!.expires).toBeGreaterThan(now + 11 * 3600);
  expect(cookies[0]!.expires).toBeLessThanOrEqual(now + 12 * 3600 + 60);
  // HttpOnly: the page's own scripts cannot read the session.
  expect(await page.evaluate(() => document.cookie)).toBe('');

  await findIdentifier(page, t);

  // Same tab, no fragment any more: the cookie keeps the kiosk authorised.
  requests.length = 0;
  await page.reload();
  await expect(title(page, t['home.title'])).toBeVisible();
  await findIdentifier(page, t);
  expect(requests.length).toBeGreaterThan(0);
  for (const { url } of requests) expect(url).not.toContain(token);
  for (const url of await historyUrls(page)) expect(url).not.toContain(token);
});

test('the first URL, opened again after the exchange, opens nothing; the kiosk goes on', async ({
  page,
  browser,
  ownHost,
}) => {
  const t = await openKiosk(page, ownHost.url);
  await findIdentifier(page, t);
  const { origin } = new URL(ownHost.url);
  const token = tokenOf(ownHost.url);

  // Found in the history, or in the terminal that printed it: the URL as it was first opened.
  await elsewhere(browser, ownHost.url, expectClosed);
  // The token itself, replayed to POST /session or sent with a call, as a page of the host would.
  for (const path of ['/session', '/rpc/kiosk.info']) {
    const answer = await fetch(`${origin}${path}`, {
      method: 'POST',
      headers: { 'x-guichet-token': token, origin, 'sec-fetch-site': 'same-origin' },
      body: '{}',
    });
    expect(answer.status).toBe(403);
    expect(answer.headers.get('set-cookie')).toBeNull();
  }
  // The same tab, its cookie gone: the URL does not bring it back.
  await page.context().clearCookies();
  await page.goto(ownHost.url);
  await expectClosed(page);
  expect(await page.context().cookies()).toEqual([]);
});

test('a restarted host prints a new token: the old session ends calmly, the new link opens the kiosk', async ({
  page,
  browser,
  ownHost,
}) => {
  const first = ownHost.url;
  let t = await openKiosk(page, first);
  await findIdentifier(page, t);

  const second = await ownHost.restart();
  expect(new URL(second).origin).toBe(new URL(first).origin);
  expect(tokenOf(second)).not.toBe(tokenOf(first));
  // The tab's cookie is sent to the new host (same port), which never issued it.
  await page.reload();
  await expectClosed(page);

  t = await openKiosk(page, second);
  await findIdentifier(page, t);
  await page.reload();
  await expect(title(page, t['home.title'])).toBeVisible();
  await elsewhere(browser, first, expectClosed);
  await elsewhere(browser, second, expectClosed);
});
