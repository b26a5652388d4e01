/**
 * What the end-to-end specs share: opening the kiosk in a language, the texts of each language
 * (the renderer's own catalogs, so a spec reads the same in French and English), the common
 * steps, and the accessibility check run on every screen a spec visits.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { AxeResults } from 'axe-core';
import { en } from '../../src-renderer/i18n/en';
import { fr } from '../../src-renderer/i18n/fr';
import { expect } from './fixtures';

export const LANGS = ['fr', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export type Texts = Record<keyof typeof fr, string>;
export const TEXTS: Record<Lang, Texts> = { fr, en };

/** A text with its `{name}` placeholders filled, as the renderer shows it. */
export function fill(text: string, params: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));
}

/** A text with its placeholders as wildcards, for texts whose values the test does not know. */
export function pattern(text: string): RegExp {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(escaped.replace(/\\\{\w+\\\}/g, '.+'));
}

/** Opens the kiosk's home screen in `lang`; `query` is for demo options ("idle=2,4"). */
export async function openKiosk(
  page: Page,
  url: string,
  options: { lang?: Lang; query?: string } = {},
): Promise<Texts> {
  const target = new URL(url);
  if (options.query) target.search = `?${options.query}`;
  await page.goto(target.toString());
  await expect(page.getByRole('heading', { level: 1, name: fr['home.title'] })).toBeVisible();
  const lang = options.lang ?? 'fr';
  if (lang === 'en') await page.getByRole('button', { name: fr['header.switchLanguage'] }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  return TEXTS[lang];
}

/** The screen's title, which every screen has exactly one of. */
export function title(page: Page, name: string | RegExp) {
  return page.getByRole('heading', { level: 1, name });
}

/**
 * axe-core's browser script, from the copy @axe-core/playwright runs (its own dependency), minified:
 * the same rules in 0.6 MB instead of 1.3, parsed once per page load. AxeBuilder parses it twice
 * per scan (in the page, then in a blank page it opens to merge per-frame results), which cost
 * more than the scan itself.
 */
const AXE_SOURCE = readFileSync(
  createRequire(createRequire(import.meta.url).resolve('@axe-core/playwright')).resolve(
    'axe-core/axe.min.js',
  ),
  'utf8',
);

/**
 * No axe-core violation on the screen as it is now (WCAG 2.1 AA and best practices): axe's
 * default rules, as AxeBuilder runs them. The kiosk is one document without frames: the script is
 * put in the page once per load (a journey scans several screens with one copy) and axe.run
 * answers in the page. Every rule still checks every element; only the violations are written out
 * in full (resultTypes), since building selectors for each passing element took half of a scan.
 * Should a screen ever hold frames, AxeBuilder scans them all.
 */
export async function expectAccessible(page: Page): Promise<void> {
  let results: AxeResults;
  if (page.frames().length > 1) results = await new AxeBuilder({ page }).analyze();
  else {
    if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
    results = await page.evaluate(() =>
      (
        window as unknown as {
          axe: { run(context: Node, options: object): Promise<AxeResults> };
        }
      ).axe.run(document, { resultTypes: ['violations'] }),
    );
  }
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`),
  ).toEqual([]);
}

/** From the identification screen: types the student number and birth date, then continues. */
export async function identify(page: Page, t: Texts, studentNumber: string, birthDate: string) {
  await page.getByRole('textbox', { name: t['identify.studentNumber.label'] }).fill(studentNumber);
  await page.getByRole('textbox', { name: t['identify.birthDate.label'] }).fill(birthDate);
  await page.getByRole('button', { name: t['identify.submit'], exact: true }).click();
}

/** Types a new password and its confirmation (the same unless told otherwise). */
export async function typeNewPassword(
  page: Page,
  t: Texts,
  password: string,
  confirmation = password,
) {
  await page.getByLabel(t['password.new.label'], { exact: true }).fill(password);
  await page.getByLabel(t['password.confirm.label'], { exact: true }).fill(confirmation);
}

/** The state the checklist shows for one rule: passed, failed or pending. */
export function rule(page: Page, id: string) {
  return page.locator(`[data-rule="${id}"]`);
}

/** The success screen: identifier, ENT address with its QR code, access rule. */
export async function expectDone(page: Page, t: Texts, heading: string, identifier: string) {
  await expect(title(page, heading)).toBeVisible();
  await expect(page.getByTestId('identifier')).toHaveText(identifier);
  await expect(page.getByTestId('ent-url')).toHaveText('https://ent.umontpellier.fr');
  await expect(
    page.getByRole('img', {
      name: fill(t['done.ent.qrAlt'], { url: 'https://ent.umontpellier.fr' }),
    }),
  ).toBeVisible();
}

/** "Terminer": back home, with nothing of the student left on screen. */
export async function finish(page: Page, t: Texts, leftovers: string[]) {
  await page.getByRole('button', { name: t['common.finish'], exact: true }).click();
  await expect(title(page, fr['home.title'])).toBeVisible();
  // The language goes back to French for the next student.
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  for (const text of leftovers) await expect(page.getByText(text)).toHaveCount(0);
}

/**
 * The idle watch checks the time four times a second: moving the page's clock on by this much
 * more than a threshold lets one check see it crossed.
 */
export const TICK = 250;

/**
 * Stops the page's clock (installed with `page.clock.install()` before the page opened), so that
 * only `page.clock.runFor` moves it and an idle test counts seconds exactly, however slow the
 * machine. A pause must not land before the page's own time: a small jump ahead, tried again from
 * the page's time if the clock got there first. The test then touches the screen once, so that its
 * count starts at the paused instant. Axe needs running timers: resume the clock around it.
 */
export async function pauseClock(page: Page): Promise<void> {
  for (;;) {
    const now = await page.evaluate(() => Date.now());
    try {
      await page.clock.pauseAt(now + 1_000);
      return;
    } catch (error) {
      if (!/past/.test(String(error))) throw error;
    }
  }
}
