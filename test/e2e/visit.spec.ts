/**
 * One person's visit (issue 9): the language and reading aids they chose last from one journey
 * to the next, until "Terminer" or the idle wipe; the idle question hides the screen behind it;
 * times, dates and addresses are written as each language writes them.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  LANGS,
  TEXTS,
  TICK,
  expectAccessible,
  identify,
  openKiosk,
  pauseClock,
  title,
  type Lang,
  type Texts,
} from './kiosk';

const ELOISE = { number: '21901234', birth: '14032001', identifier: 'endiayebrule' };
const NAME = /Éloïse N['’]Diaye-Brûlé/;

/** The language a person picks on a kiosk that opens in `lang`. */
const OTHER: Record<Lang, Lang> = { fr: 'en', en: 'fr' };

/** The header's language switch, named in the language it switches to. */
async function switchLanguage(page: Page, from: Texts, to: Lang) {
  await page.getByRole('button', { name: from['header.switchLanguage'] }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', to);
}

async function expectHome(page: Page, lang: Lang, largeText: boolean) {
  await expect(title(page, TEXTS[lang]['home.title'])).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  if (largeText) await expect(page.locator('html')).toHaveClass(/large-text/);
  else await expect(page.locator('html')).not.toHaveClass(/large-text/);
}

for (const lang of LANGS) {
  const chosen = OTHER[lang];
  test(`${lang} → ${chosen}: the language and larger text chosen last the whole visit, until "Terminer"`, async ({
    page,
    kiosk,
  }) => {
    const first = await openKiosk(page, kiosk.url, { lang });
    await switchLanguage(page, first, chosen);
    const t = TEXTS[chosen];
    await page.getByRole('button', { name: t['header.largeText'] }).click();

    // A first journey, left with "Accueil" (what was typed is erased after the question): home
    // comes back as the person set it.
    await page.getByRole('button', { name: t['journey.passwordChange.title'] }).click();
    await page.getByRole('textbox', { name: t['login.identifier.label'] }).fill('endiaye');
    await page.getByRole('button', { name: t['common.home'], exact: true }).click();
    await page.getByRole('button', { name: t['leave.confirm'] }).click();
    await expectHome(page, chosen, true);
    await expect(page.getByText('endiaye')).toHaveCount(0);

    // A second journey of the same visit, still in the chosen language, then "Terminer".
    await page.getByRole('button', { name: t['journey.findIdentifier.title'] }).click();
    await expect(title(page, t['identify.title'])).toBeVisible();
    await identify(page, t, ELOISE.number, ELOISE.birth);
    await expect(page.getByTestId('identifier')).toHaveText(ELOISE.identifier);
    await expectAccessible(page);
    await page.getByRole('button', { name: t['common.finish'], exact: true }).click();
    // The visit is over: the next person finds the kiosk as it starts, in French.
    await expectHome(page, 'fr', false);
  });

  test(`${lang}: left at home with the visit's settings, the idle wipe puts the defaults back`, async ({
    page,
    kiosk,
  }) => {
    await page.clock.install();
    // The kiosk opens in French; `lang` is the one this person reads (openKiosk switches).
    const t = await openKiosk(page, kiosk.url, { lang, query: 'idle=20,30' });
    await page.getByRole('button', { name: t['header.largeText'] }).click();
    await page.getByRole('button', { name: t['journey.findIdentifier.title'] }).click();
    await page.getByRole('button', { name: t['common.home'], exact: true }).click();
    await expectHome(page, lang, true);
    await pauseClock(page);
    await page.getByRole('heading', { level: 1 }).click(); // the last touch, at the paused instant
    const dialog = page.getByRole('alertdialog', { name: t['idle.title'] });
    await page.clock.runFor(20_000 + TICK);
    await expect(dialog).toBeVisible();
    await page.clock.runFor(10_000);
    await expect(dialog).toHaveCount(0);
    await expectHome(page, 'fr', false);
  });

  test(`${lang}: while the idle question shows, the student's name and identifier are not drawn at all`, async ({
    page,
    kiosk,
  }) => {
    await page.clock.install();
    const t = await openKiosk(page, kiosk.url, { lang, query: 'idle=20,600' });
    await page.getByRole('button', { name: t['journey.findIdentifier.title'] }).click();
    await identify(page, t, ELOISE.number, ELOISE.birth);
    const identifier = page.getByTestId('identifier');
    const name = title(page, NAME);
    await expect(identifier).toBeVisible();
    await expect(name).toBeVisible();
    await pauseClock(page);
    await page.getByRole('heading', { level: 1 }).click();
    await page.clock.runFor(20_000 + TICK);
    const dialog = page.getByRole('alertdialog', { name: t['idle.title'] });
    await expect(dialog).toBeVisible();

    // Not drawn (visibility hidden: no pixel, however the backdrop renders) …
    await expect(identifier).toBeHidden();
    await expect(page.getByText(NAME)).toBeHidden();
    expect(await identifier.evaluate((el) => getComputedStyle(el).visibility)).toBe('hidden');
    // … behind a backdrop that lets nothing through …
    const alpha = await dialog.evaluate((el) => {
      const color = getComputedStyle(el, '::backdrop').backgroundColor;
      const parts = color.match(/[\d.]+/g) ?? [];
      return parts.length === 4 ? Number(parts[3]) : 1;
    });
    expect(alpha).toBe(1);
    // … and not read out: the accessibility tree holds the question only.
    const tree = await page.locator('body').ariaSnapshot();
    expect(tree).not.toContain(ELOISE.identifier);
    expect(tree).not.toMatch(NAME);
    expect(tree).toContain(t['idle.title']);
    await page.clock.resume();
    await expectAccessible(page);

    // "Je suis là": the screen is back as it was.
    await page.getByRole('button', { name: t['idle.stay'] }).click();
    await expect(dialog).toHaveCount(0);
    await expect(identifier).toBeVisible();
    await expect(name).toBeVisible();
  });

  test(`${lang}: times, dates and addresses as the language writes them; no sentence in monospace`, async ({
    page,
    kiosk,
  }) => {
    const t = await openKiosk(page, kiosk.url, { lang });
    await page.getByRole('button', { name: t['journey.activation.title'] }).click();
    await identify(page, t, ELOISE.number, ELOISE.birth);
    await page.getByRole('button', { name: t['code.email.send'] }).click();
    const sent = page.getByTestId('email-sent');
    await expect(sent).toContainText('e*****d@example.org');
    // Sent now, valid 24 hours: "envoyé à 18 h 55 … valable jusqu’à demain, 18 h 55" / "sent
    // to you at 18:55 … valid until tomorrow at 18:55" (not "jusqu’au 02/12/2026 à 18 h 55").
    await expect(sent).toHaveText(
      lang === 'fr'
        ? /envoyé à \d{1,2}\sh\s\d{2} :.*valable jusqu’à demain, \d{1,2}\sh\s\d{2}\./
        : /sent to you at \d{2}:\d{2}:.*valid until tomorrow at \d{2}:\d{2}\./,
    );

    // Monospace only for the address, where l/1 and O/0 must not be confused; never a sentence.
    const fontOf = (selector: string) =>
      page.evaluate((s) => {
        const found = [...document.querySelectorAll<HTMLElement>(s)].filter((el) =>
          el.textContent?.includes('e*****d@example.org'),
        );
        return found.map((el) => getComputedStyle(el).fontFamily);
      }, selector);
    const paragraphs = await fontOf('main p');
    expect(paragraphs.length).toBeGreaterThan(0);
    for (const family of paragraphs) expect(family).not.toMatch(/mono/i);
    const addresses = await fontOf('main p span');
    expect(addresses.length).toBeGreaterThan(0);
    for (const family of addresses) expect(family).toMatch(/mono/i);
  });
}
