/**
 * Screenshots of the main screens in both languages and on both kiosk screens (1080×1920
 * portrait: `fr-01-home`; 1920×1080 landscape: `fr-landscape-01-home`), kept under
 * test-results/screenshots/ so that a CI run shows what the kiosk looks like. Each screen also
 * passes the axe check. test/e2e/layout.spec.ts adds the larger-text screens it measures.
 */
import type { Page } from '@playwright/test';
import { SEEDED_PASSWORD } from '../support/dataset';
import { expect, test } from './fixtures';
import {
  LANGS,
  TICK,
  expectAccessible,
  identify,
  openKiosk,
  title,
  typeNewPassword,
} from './kiosk';

const DIR = 'test-results/screenshots';

const VIEWS = {
  portrait: { size: { width: 1080, height: 1920 }, prefix: '' },
  landscape: { size: { width: 1920, height: 1080 }, prefix: 'landscape-' },
} as const;

/** The screen as the student sees it: it scrolls inside the kiosk's frame, not the page. */
async function shoot(page: Page, name: string) {
  await expectAccessible(page);
  await page.screenshot({ path: `${DIR}/${name}.png` });
}

for (const [view, { size, prefix }] of Object.entries(VIEWS))
  for (const lang of LANGS) {
    const name = (n: string) => `${lang}-${prefix}${n}`;
    test(`${lang}, ${view}: screenshots of the activation journey`, async ({ page, kiosk }) => {
      test.setTimeout(120_000); // a whole journey, axe on seven screens, the dictionaries
      await page.setViewportSize(size);
      const t = await openKiosk(page, kiosk.url, { lang });
      await shoot(page, name('01-home'));
      await page.getByRole('button', { name: t['journey.activation.title'] }).click();
      await page.getByRole('textbox', { name: t['identify.studentNumber.label'] }).click();
      await shoot(page, name('02-identify-keyboard'));
      await identify(page, t, '21901234', '14032001');
      await page.getByRole('button', { name: t['code.email.send'], exact: true }).click();
      await expect(page.getByTestId('email-sent')).toBeVisible();
      await shoot(page, name('03-activation-ready'));
      const mail = await kiosk.latestMail('eloise.nd@example.org');
      await page.getByRole('textbox', { name: t['code.label'] }).fill(mail.code);
      await page.getByRole('button', { name: t['common.continue'] }).click();
      await expect(page.getByTestId('charter')).toBeVisible();
      await shoot(page, name('04-charter'));
      await page.getByRole('checkbox', { name: t['charter.accept'] }).check();
      await page.getByRole('button', { name: t['common.continue'] }).click();
      await typeNewPassword(page, t, 'Eloise2001', 'Eloise200');
      await page.getByLabel(t['password.confirm.label']).blur();
      await shoot(page, name('05-password-refused'));
      await typeNewPassword(page, t, 'Tortue-Vive-83');
      await page.getByLabel(t['password.new.label'], { exact: true }).click();
      await expect(page.locator('[data-rule="not_dictionary_word"]')).toHaveAttribute(
        'data-state',
        'passed',
      );
      await shoot(page, name('06-password-ok'));
      await page.getByRole('button', { name: t['activation.submit'] }).click();
      await expect(page.getByTestId('ent-qr')).toBeVisible();
      await shoot(page, name('07-activation-done'));
    });

    test(`${lang}, ${view}: screenshots of the other screens`, async ({ page, kiosk }) => {
      await page.setViewportSize(size);
      const t = await openKiosk(page, kiosk.url, { lang, query: 'idle=30,60' });
      // The identifier found, for an account still to activate (activation is the main action).
      await page.getByRole('button', { name: t['journey.findIdentifier.title'] }).click();
      await identify(page, t, '21901234', '14032001');
      await expect(page.getByTestId('identifier')).toHaveText('endiayebrule');
      await shoot(page, name('07b-identifier-result'));
      await page.getByRole('button', { name: t['common.finish'] }).click();
      if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('button', { name: t['journey.activation.title'] }).click();
      await identify(page, t, '26110004', '09012008');
      await expect(page.getByTestId('activation-state')).toBeVisible();
      await shoot(page, name('08-activation-too-early'));
      await page.getByRole('button', { name: t['common.finish'] }).click();

      if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('button', { name: t['journey.mail.title'] }).click();
      await page.getByRole('textbox', { name: t['login.identifier.label'] }).fill('nmai');
      await page.getByLabel(t['login.password.label'], { exact: true }).fill(SEEDED_PASSWORD);
      await page.getByRole('button', { name: t['mail.login.submit'] }).click();
      await page.getByRole('radio', { name: t['mail.choice.redirect'] }).check();
      await page
        .getByRole('textbox', { name: t['mail.address.label'] })
        .fill('mai@umontpellier.fr');
      await page.getByRole('button', { name: t['mail.save'] }).click();
      await shoot(page, name('09-mail-refused'));
      // "Accueil" asks before erasing the typed address; the visit, and its language, go on.
      await page.getByRole('button', { name: t['common.home'] }).click();
      await shoot(page, name('09b-leave-question'));
      await page.getByRole('button', { name: t['leave.confirm'] }).click();
      await page.getByRole('button', { name: t['header.highContrast'] }).click();
      await page.getByRole('button', { name: t['journey.connectionProblem.title'] }).click();
      await expect(title(page, t['journey.connectionProblem.title'])).toBeVisible();
      await shoot(page, name('10-problem-high-contrast'));
    });

    if (view === 'landscape') continue;
    test(`${lang}: screenshot of the idle question`, async ({ page, kiosk }) => {
      // The question after 3 s, reached by moving the page's clock on; the wipe is a minute away,
      // beyond the test's own time limit.
      await page.clock.install();
      await page.setViewportSize(size);
      const t = await openKiosk(page, kiosk.url, { lang, query: 'idle=3,60' });
      await page.getByRole('button', { name: t['journey.findIdentifier.title'] }).click();
      await identify(page, t, '22004567', '31121999');
      await expect(page.getByTestId('identifier')).toHaveText('nmai');
      await page.clock.fastForward(3_000 + TICK);
      await expect(page.getByRole('alertdialog')).toBeVisible();
      await shoot(page, name('11-idle'));
    });
  }
