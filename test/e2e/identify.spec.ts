import type { Page } from '@playwright/test';
import { THIS_YEAR } from '../support/dataset';
import { expect, test } from './fixtures';
import { expectAccessible as expectNoAxeViolations } from './kiosk';

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
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: 'Trouver mon identifiant' }).click();
  await expectNoAxeViolations(page);
  await fill(page, '21901234', '14032001');

  await expect(page.getByTestId('identifier')).toHaveText('endiayebrule');
  await expect(page.getByRole('heading', { level: 1 })).toContainText("Éloïse N'Diaye-Brûlé");
  await expect(page.getByRole('heading', { name: `Vos inscriptions ${THIS_YEAR}` })).toBeVisible();
  await expect(page.getByTestId('enrollments')).toHaveText('Licence 2 Informatique');
  await expectNoAxeViolations(page);

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
    "Nous ne trouvons pas d'étudiant avec ces informations. Vérifiez votre numéro étudiant et votre date de naissance.";
  await expect(page.getByRole('alert')).toHaveText(message);
  await expect(page.getByRole('textbox', { name: 'Numéro étudiant' })).toHaveValue('21901234');
  await expect(page.getByRole('textbox', { name: 'Date de naissance (jjmmaaaa)' })).toHaveValue(
    '15032001',
  );
  await expectNoAxeViolations(page);

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
    "Cette date n'existe pas. Vérifiez le jour et le mois.",
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
  await expectNoAxeViolations(page);
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
  await expect(page.locator('main img, main b')).toHaveCount(0);
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
  await expectNoAxeViolations(page);
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
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Identifiant oublié' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Trouver mon identifiant' }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Retour' }).click();
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
  await page.getByRole('button', { name: 'Activer mon compte maintenant' }).click();
  await expect(page.getByTestId('activation-state')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByRole('button', { name: "Envoyer l'e-mail" })).toBeVisible();
  await expectNoAxeViolations(page);
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
