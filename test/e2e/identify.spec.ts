import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import type { HelpDeskInfo, InstitutionProfile } from '../../src-main/core/profile';
import { qrDataUrl } from '../../src-renderer/lib/qr';
import { THIS_YEAR } from '../support/dataset';
import { expect, test } from './fixtures';
import {
  LANGS,
  expectAccessible,
  fill as filled,
  finish,
  identify,
  openKiosk,
  pattern,
  title,
} from './kiosk';

/** The institution profile the web host runs with (the desk's place and hours, the help URL). */
const profile = JSON.parse(
  readFileSync(new URL('../../resources/institutions/umontpellier.json', import.meta.url), 'utf8'),
) as InstitutionProfile & { helpDesk: HelpDeskInfo };

async function openIdentify(page: Page, url: string) {
  await page.goto(url);
  await page.getByRole('button', { name: 'Trouver mon identifiant' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Trouver mon identifiant' }),
  ).toBeVisible();
}

async function fill(page: Page, studentNumber: string, birthDate: string) {
  await page.getByRole('textbox', { name: 'Numéro étudiant' }).fill(studentNumber);
  await page.getByRole('textbox', { name: 'Date de naissance (jjmmaaaa)' }).fill(birthDate);
  await page.getByRole('button', { name: 'Continuer' }).click();
}

test('a student finds their identifier and this year’s enrolments', async ({ page, kiosk }) => {
  await page.goto(kiosk.url);
  await expect(page.getByRole('banner')).toContainText('Université de Montpellier');
  await expect(page.getByTestId('demo-badge')).toHaveText('Mode démonstration');
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Trouver mon identifiant' }).click();
  await expectAccessible(page);
  await fill(page, '21901234', '14032001');

  await expect(page.getByTestId('identifier')).toHaveText('endiayebrule');
  await expect(page.getByRole('heading', { level: 1 })).toContainText("Éloïse N'Diaye-Brûlé");
  await expect(page.getByRole('heading', { name: `Vos inscriptions ${THIS_YEAR}` })).toBeVisible();
  await expect(page.getByTestId('enrollments')).toHaveText('Licence 2 Informatique');
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Terminer' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Que souhaitez-vous faire ?' }),
  ).toBeVisible();
  await expect(page.getByText('endiayebrule')).toHaveCount(0);
});

test('a wrong birth date gets the same message as an unknown number, and keeps what was typed', async ({
  page,
  kiosk,
}) => {
  await openIdentify(page, kiosk.url);
  await fill(page, '21901234', '15032001');
  const message =
    'Nous ne trouvons pas d’étudiant avec ces informations. Vérifiez votre numéro étudiant et votre date de naissance.';
  await expect(page.getByRole('alert')).toHaveText(message);
  await expect(page.getByRole('textbox', { name: 'Numéro étudiant' })).toHaveValue('21901234');
  await expect(page.getByRole('textbox', { name: 'Date de naissance (jjmmaaaa)' })).toHaveValue(
    '15032001',
  );
  await expectAccessible(page);

  await fill(page, '29999999', '14032001');
  await expect(page.getByRole('alert')).toHaveText(message);
});

test('malformed input gets a precise message before any request', async ({ page, kiosk }) => {
  await openIdentify(page, kiosk.url);
  let requests = 0;
  page.on('request', (request) => {
    if (request.url().includes('/rpc/student.identify')) requests += 1;
  });

  await fill(page, '2190', '31022001');
  await expect(page.locator('#student-number-error')).toHaveText(
    'Le numéro étudiant doit contenir 8 chiffres.',
  );
  await expect(page.locator('#birth-date-error')).toHaveText(
    'Cette date n’existe pas. Vérifiez le jour et le mois.',
  );
  await expect(page.getByRole('textbox', { name: 'Numéro étudiant' })).toHaveAttribute(
    'aria-invalid',
    'true',
  );

  await fill(page, '2190123A', '1403');
  await expect(page.locator('#student-number-error')).toHaveText(
    'Le numéro étudiant ne contient que des chiffres.',
  );
  await expect(page.locator('#birth-date-error')).toHaveText(
    'Saisissez 8 chiffres : jour, mois puis année (jjmmaaaa).',
  );
  await expectAccessible(page);
  expect(requests).toBe(0);
});

test('names are shown as text, never as HTML', async ({ page, kiosk }) => {
  let dialogs = 0;
  page.on('dialog', (dialog) => {
    dialogs += 1;
    void dialog.dismiss();
  });
  await openIdentify(page, kiosk.url);
  await fill(page, '23001111', '01072004');
  await expect(page.getByTestId('identifier')).toHaveText('tbalises');
  await expect(page.getByRole('heading', { level: 1 })).toContainText(
    '<img src=x onerror=alert(1)> Test & <b>Balises</b>',
  );
  // The only images are the kiosk's own QR codes (data: URLs); no element came from the name.
  await expect(page.locator('main b, main img[src="x"], main img:not([src^="data:"])')).toHaveCount(
    0,
  );
  expect(dialogs).toBe(0);
});

test('English is one tap away on every screen and keeps the journey', async ({ page, kiosk }) => {
  await openIdentify(page, kiosk.url);
  await page.getByRole('textbox', { name: 'Numéro étudiant' }).fill('22004567');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('textbox', { name: 'Student number' })).toHaveValue('22004567');
  await page.getByRole('textbox', { name: 'Date of birth (ddmmyyyy)' }).fill('31121999');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByTestId('identifier')).toHaveText('nmai');
  await expect(page.getByRole('banner')).toContainText('University of Montpellier');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Français' }).click();
  await expect(page.getByTestId('identifier')).toHaveText('nmai');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
});

test('"Problème de connexion" leads to the forgotten identifier, as on the ENT', async ({
  page,
  kiosk,
}) => {
  await page.goto(kiosk.url);
  await page.getByRole('button', { name: 'Problème de connexion' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Problème de connexion' }),
  ).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Identifiant oublié' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Trouver mon identifiant' }),
  ).toBeVisible();
  // Nothing typed yet: "Accueil" leaves at once.
  await page.getByRole('button', { name: 'Accueil' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Que souhaitez-vous faire ?' }),
  ).toBeVisible();
});

test('from the identifier, activation goes on without a second identification', async ({
  page,
  kiosk,
}) => {
  await openIdentify(page, kiosk.url);
  await fill(page, '21901234', '14032001');
  await expect(page.getByTestId('account-status')).toContainText('1ère connexion');
  // The next step is the screen's main action.
  await expect(page.getByRole('button', { name: 'Activer mon compte maintenant' })).toHaveClass(
    /button-primary/,
  );
  await page.getByRole('button', { name: 'Activer mon compte maintenant' }).click();
  await expect(page.getByTestId('activation-state')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByRole('button', { name: 'Envoyer l’e-mail' })).toBeVisible();
  await expectAccessible(page);
});

test('the renderer has no Node access and runs under the CSP', async ({ page, kiosk }) => {
  const cspErrors: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspErrors.push(message.text());
  });
  await page.goto(kiosk.url);
  await expect(page.getByRole('button', { name: 'Trouver mon identifiant' })).toBeVisible();
  expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
    'undefined',
  );
  expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe(
    'undefined',
  );
  // The token left the address bar once read.
  expect(page.url()).not.toContain('token=');
  expect(cspErrors).toEqual([]);
});

const ENT = profile.entUrl;
const [START] = THIS_YEAR.split('-');

for (const lang of LANGS) {
  test(`${lang}: the result screen says what the account allows, and lets the identifier go home on a phone`, async ({
    page,
    kiosk,
  }) => {
    test.setTimeout(120_000); // five identifications, each screen checked by axe
    const start = async (number: string, birth: string) => {
      const t = await openKiosk(page, kiosk.url, { lang });
      await page.getByRole('button', { name: t['journey.findIdentifier.title'] }).click();
      await identify(page, t, number, birth);
      await expect(page.getByTestId('identifier')).toBeVisible();
      return t;
    };
    const loginSentence = (t: Record<string, string>) =>
      page.getByText(t['result.identifierHelp']!);

    // Not activated yet: activation is the main action; the ENT sentence would be untrue.
    let t = await start('21901234', '14032001');
    await expect(page.getByRole('button', { name: t['result.activateNow'] })).toHaveClass(
      /button-primary/,
    );
    await expect(page.getByRole('button', { name: t['common.finish'] })).toHaveClass(
      /button-secondary/,
    );
    await expect(loginSentence(t)).toHaveCount(0);
    // The QR code holds the identifier and the ENT address, as the screen says.
    const qr = page.getByRole('img', {
      name: filled(t['result.takeAwayAlt'], { identifier: 'endiayebrule', url: ENT }),
    });
    await expect(qr).toHaveAttribute(
      'src',
      await qrDataUrl(filled(t['result.takeAwayText'], { identifier: 'endiayebrule', url: ENT })),
    );
    await expect(page.getByText(t['result.takeAway'])).toBeVisible();
    await expectAccessible(page);
    await finish(page, t, ['endiayebrule']);

    // Too early: no activation offered, but from when it will be.
    t = await start('26110004', '09012008');
    await expect(page.getByRole('button', { name: t['result.activateNow'] })).toHaveCount(0);
    await expect(page.getByTestId('activation-when')).toContainText(/\d{1,2}(:|\s?h\s?)\d{2}/);
    await expect(loginSentence(t)).toHaveCount(0);
    await expectAccessible(page);
    await finish(page, t, ['lmoreau']);

    // Left last year: access ends on 31 December of the leaving year.
    t = await start('22110003', '30112000');
    const until = page.getByTestId('access-until');
    await expect(until).toHaveText(pattern(t['result.left']));
    await expect(until).toContainText(START!);
    await expect(until).toContainText('31');
    await expect(loginSentence(t)).toHaveCount(1);
    await expect(page.getByText(t['result.noEnrollment'].split('{')[0]!)).toHaveCount(0);
    await expectAccessible(page);
    await finish(page, t, ['abensaid']);

    // Locked, then disabled: no "log in", no "no enrolment"; where the desk is, and when.
    for (const [number, birth, advice] of [
      ['21110005', '21072000', 'result.locked'],
      ['21110006', '30011999', 'result.disabled'],
    ] as const) {
      t = await start(number, birth);
      await expect(page.getByTestId('account-advice')).toHaveText(t[advice]);
      await expect(loginSentence(t)).toHaveCount(0);
      await expect(page.getByTestId('help-desk-location')).toHaveText(
        profile.helpDesk.location[lang],
      );
      await expect(page.getByTestId('help-desk-hours')).toHaveText(profile.helpDesk.hours[lang]);
      await expect(
        page.getByRole('img', { name: filled(t['helpDesk.qrAlt'], { url: profile.helpUrl }) }),
      ).toHaveAttribute('src', await qrDataUrl(profile.helpUrl));
      if (advice === 'result.disabled') {
        await expect(page.getByRole('heading', { name: /inscriptions|enrolments/i })).toHaveCount(
          0,
        );
        await expect(page.getByText(t['result.noEnrollment'].split('{')[0]!)).toHaveCount(0);
      }
      await expectAccessible(page);
      await finish(page, t, []);
    }
  });

  test(`${lang}: "Accueil" asks before erasing what was typed; "no" loses nothing`, async ({
    page,
    kiosk,
  }) => {
    const t = await openKiosk(page, kiosk.url, { lang });
    await page.getByRole('button', { name: t['journey.findIdentifier.title'] }).click();
    const number = page.getByRole('textbox', { name: t['identify.studentNumber.label'] });
    await number.fill('21901234');
    const home = page.getByRole('button', { name: t['common.home'], exact: true });
    await home.click();
    const dialog = page.getByRole('alertdialog', { name: t['leave.title'] });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(t['leave.body']);
    await expect(dialog.getByRole('button', { name: t['leave.stay'] })).toBeFocused();
    await expectAccessible(page);

    await dialog.getByRole('button', { name: t['leave.stay'] }).click();
    await expect(dialog).toHaveCount(0);
    await expect(number).toHaveValue('21901234');
    await expect(home).toBeFocused();

    // Escape is a "no" too.
    await home.click();
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(number).toHaveValue('21901234');

    await home.click();
    await dialog.getByRole('button', { name: t['leave.confirm'] }).click();
    await expect(title(page, t['home.title'])).toBeVisible();
    // The visit goes on in its language; the journey starts afresh.
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await page.getByRole('button', { name: t['journey.findIdentifier.title'] }).click();
    await expect(number).toHaveValue('');
  });
}

test('home: « Problème de connexion » is a card as wide as the others, in both orientations', async ({
  page,
  kiosk,
}) => {
  for (const viewport of [
    { width: 1080, height: 1920 },
    { width: 1920, height: 1080 },
  ]) {
    await page.setViewportSize(viewport);
    await page.goto(kiosk.url);
    await expect(title(page, 'Que souhaitez-vous faire ?')).toBeVisible();
    const widths = await page
      .locator('main button.card')
      .evaluateAll((cards) => cards.map((card) => Math.round(card.getBoundingClientRect().width)));
    expect(widths).toHaveLength(5);
    expect(new Set(widths).size, `${viewport.width}×${viewport.height}: ${widths.join(', ')}`).toBe(
      1,
    );
  }
});
