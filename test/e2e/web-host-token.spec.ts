import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { identify, openKiosk, title, type Texts } from './kiosk';

// This spec reads the tab's own history and cookies: a tab of its own.
test.use({ freshTab: true });

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

test('the token leaves every URL after the first load, and a reload keeps the kiosk working', async ({
  page,
  kiosk,
}) => {
  const token = new URLSearchParams(new URL(kiosk.url).hash.slice(1)).get('token')!;
  expect(token.length).toBeGreaterThan(16);
  const requests: { method: string; url: string }[] = [];
  page.on('request', (request) => requests.push({ method: request.method(), url: request.url() }));

  const t = await openKiosk(page, kiosk.url);
  // The event stream opens once the session cookie is set: wait for it, then look at the URLs.
  await expect.poll(() => requests.some((r) => new URL(r.url).pathname === '/events')).toBe(true);
  expect(page.url()).not.toContain(token);
  for (const url of await historyUrls(page)) expect(url).not.toContain(token);

  // The first navigation carried the token in its fragment (never sent); nothing after it did.
  const [first, ...later] = requests;
  expect(first!.url.split('#')[0]).not.toContain(token);
  for (const { url } of later) expect(url).not.toContain(token);
  expect(requests).toContainEqual({ method: 'POST', url: new URL('/session', page.url()).href });

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
