/**
 * The worker's tab is handed from test to test (test/e2e/tab.ts); these tests, run in order in
 * one worker, check what the next test finds: a blank page, no cookie but the kiosk's session
 * (which the harness gives every test, test/e2e/session-cookie.ts), the project's viewport,
 * the real clock, and a new context after a test that left lasting state behind.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openKiosk } from './kiosk';

test.describe.configure({ mode: 'serial' });

let previous: Page | null = null;

/** The one cookie a test starts with: the kiosk's session, HttpOnly, which the harness holds. */
const SESSION_ONLY = [
  expect.objectContaining({ name: expect.stringMatching(/^guichet-session-\d+$/), httpOnly: true }),
];

test('a test opens the kiosk (its session cookie set) in landscape', async ({ page, kiosk }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openKiosk(page, kiosk.url);
  expect(await page.context().cookies()).toEqual(SESSION_ONLY);
  // Something of this test's own that the next one must not find.
  await page.context().addCookies([{ name: 'left-behind', value: '1', url: kiosk.url }]);
  expect(await page.context().cookies()).toHaveLength(2);
  previous = page;
});

test('the next one gets the same tab, blank, with the session cookie only, at the project’s size', async ({
  page,
  kiosk,
}) => {
  expect(page).toBe(previous);
  expect(page.url()).toBe('about:blank');
  expect(await page.context().cookies()).toEqual(SESSION_ONLY);
  expect(page.viewportSize()).toEqual({ width: 1080, height: 1600 });
  // A fake clock set to 2001 lasts as long as its context: this test spoils the tab.
  await page.clock.install({ time: new Date('2001-02-03T10:00:00Z') });
  await openKiosk(page, kiosk.url);
  expect(await page.evaluate(() => new Date().getFullYear())).toBe(2001);
});

test('after a fake clock, a new tab with the real one', async ({ page, kiosk }) => {
  expect(page).not.toBe(previous);
  await openKiosk(page, kiosk.url);
  const skew = Math.abs((await page.evaluate(() => Date.now())) - Date.now());
  expect(skew).toBeLessThan(60_000);
});
