/**
 * The steps the staff specs share: the hidden entry and sign-in, a search, an action with its
 * reason and document, and the check every staff screen passes (axe, 44 px touch targets), with
 * its screenshots on both kiosk screens.
 */
import type { Page } from '@playwright/test';
import { expect } from './fixtures';
import { expectAccessible, title, type Texts } from './kiosk';

export const AGENT = { id: 'agent01', pin: '482913' };
export const SUPERVISOR = { id: 'super01', pin: '917364' };

const DIR = 'test-results/screenshots';

/** The two kiosk screens; a staff journey runs in portrait and is shot in both. */
export const VIEWS = {
  portrait: { width: 1080, height: 1920 },
  landscape: { width: 1920, height: 1080 },
} as const;

/** Visible controls smaller than 44×44 px (a checkbox or radio counts with its label). */
export async function smallTargets(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const control of await page.locator('button:visible, input:visible, select:visible').all()) {
    const choice = ['checkbox', 'radio'].includes((await control.getAttribute('type')) ?? '');
    const target = choice ? control.locator('xpath=ancestor::label') : control;
    const box = await target.boundingBox();
    if (box === null || box.width < 44 || box.height < 44) {
      const name = (await control.textContent())?.trim() || (await control.getAttribute('id'));
      found.push(`${name} ${box ? `${Math.round(box.width)}×${Math.round(box.height)}` : ''}`);
    }
  }
  return found;
}

/** A staff screen as it is now: no axe violation, no touch target under 44 px. */
export async function expectStaffScreen(page: Page): Promise<void> {
  await expect(page.getByTestId('staff-marker')).toBeVisible();
  await expectAccessible(page);
  expect(await smallTargets(page)).toEqual([]);
}

/**
 * Checks the screen, then shoots it in portrait (`fr-staff-02-search`) and in landscape
 * (`fr-landscape-staff-02-search`), like test/e2e/screenshots.spec.ts names the others, and goes
 * back to portrait. Targets are checked in landscape too: the layout differs.
 */
export async function shootStaff(page: Page, lang: string, name: string): Promise<void> {
  await page.setViewportSize(VIEWS.portrait);
  await expectStaffScreen(page);
  await page.screenshot({ path: `${DIR}/${lang}-staff-${name}.png` });
  await page.setViewportSize(VIEWS.landscape);
  await expect.poll(() => smallTargets(page)).toEqual([]);
  await page.screenshot({ path: `${DIR}/${lang}-landscape-staff-${name}.png` });
  await page.setViewportSize(VIEWS.portrait);
}

/** The hidden entry (Ctrl+Alt+S), then identifier and PIN: the search screen opens. */
export async function signIn(page: Page, t: Texts, who = AGENT): Promise<void> {
  await page.keyboard.press('Control+Alt+s');
  await expect(title(page, t['staff.signIn.title'])).toBeVisible();
  await page.getByRole('textbox', { name: t['staff.signIn.staffId'] }).fill(who.id);
  await page.getByLabel(t['staff.signIn.pin'], { exact: true }).fill(who.pin);
  await page.getByRole('button', { name: t['staff.signIn.submit'] }).click();
  await expect(title(page, t['staff.search.title'])).toBeVisible();
}

/** An online search, then the student's page from the results. */
export async function find(page: Page, t: Texts, query: string, name: string): Promise<void> {
  await page.getByRole('textbox', { name: t['staff.search.query'] }).fill(query);
  await page
    .getByRole('search')
    .getByRole('button', { name: t['staff.search.submit'], exact: true })
    .click();
  await page.getByRole('button', { name: t['staff.search.open'].replace('{name}', name) }).click();
  await expect(page.getByTestId('staff-student')).toBeVisible();
}

/** Opens an action's form with `open` (a button), fills reason and document, and confirms. */
export async function act(
  page: Page,
  t: Texts,
  action: string,
  reason: string,
  document?: string,
): Promise<void> {
  await page.getByRole('button', { name: action }).click();
  await confirmAction(page, t, reason, document);
}

/** Fills the open action form (reason, document) and confirms it. */
export async function confirmAction(
  page: Page,
  t: Texts,
  reason: string,
  document?: string,
): Promise<void> {
  await page.getByLabel(t['staff.action.reason']).selectOption({ label: reason });
  if (document) await page.getByLabel(t['staff.action.document']).selectOption({ label: document });
  await page
    .getByTestId('staff-mode')
    .getByRole('button', { name: t['staff.action.confirm'] })
    .click();
}
