/**
 * The steps of the help-desk console's spec (test/e2e/console.spec.ts): opening the console in a
 * language, signing in with a directory password, and the check every console screen passes
 * (axe, no target under 44 px, no CSP violation), with its screenshot.
 */
import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { expectAccessible, TEXTS, type Lang, type Texts } from './kiosk';

const DIR = 'test-results/screenshots';

/** Visible controls (links and the chart tables' toggles included) under 44×44 px. */
export async function smallTargets(page: Page): Promise<string[]> {
  const found: string[] = [];
  const controls = page.locator(
    'button:visible, input:visible, select:visible, a[href]:visible, summary:visible',
  );
  for (const control of await controls.all()) {
    const box = await control.boundingBox();
    if (box === null || box.width < 44 || box.height < 44) {
      const name = (await control.textContent())?.trim() || (await control.getAttribute('id'));
      found.push(`${name} ${box ? `${Math.round(box.width)}×${Math.round(box.height)}` : ''}`);
    }
  }
  return found;
}

/**
 * Records the page's CSP violations from its first script on: the console's page runs under a
 * strict CSP (no inline script or style), and anything it blocks is a bug of the page.
 */
export async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(`${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  return () =>
    page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? []);
}

/** A console screen as it is now: no axe violation, no target under 44 px; then its picture. */
export async function checkScreen(page: Page, lang: Lang, name: string): Promise<void> {
  await expectAccessible(page);
  expect(await smallTargets(page)).toEqual([]);
  await page.screenshot({ path: `${DIR}/${lang}-console-${name}.png`, fullPage: true });
}

/** Opens the console's sign-in in `lang` (French first; English by the header's switch). */
export async function openConsole(page: Page, url: string, lang: Lang): Promise<Texts> {
  await page.goto(`${url}/console/`);
  const fr = TEXTS.fr;
  await expect(
    page.getByRole('heading', { level: 1, name: fr['console.signIn.title'] }),
  ).toBeVisible();
  if (lang === 'en') await page.getByRole('button', { name: fr['header.switchLanguage'] }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  return TEXTS[lang];
}

/** Types a directory identifier and password and signs in. */
export async function signIn(page: Page, t: Texts, uid: string, password: string) {
  await page.getByRole('textbox', { name: t['console.signIn.uid'] }).fill(uid);
  await page.getByLabel(t['console.signIn.password'], { exact: true }).fill(password);
  await page.getByRole('button', { name: t['console.signIn.submit'] }).click();
}

/** The fleet's rows, in the order shown: each kiosk's id. */
export function fleetOrder(page: Page): Promise<string[]> {
  return page
    .getByTestId('fleet')
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-kiosk') ?? ''));
}
