import type { Page } from '@playwright/test';
import { DEMO_DEVICE } from '../../src-main/simulator/dataset';
import { expect, test } from './fixtures';
import { expectAccessible } from './kiosk';

// What a student sees when a limit answers: the calm message, and a countdown to the next try
// (announced once, not every second), in French and in English.

async function fill(page: Page, studentNumber: string, birthDate: string) {
  await page.getByRole('textbox', { name: /Numéro étudiant|Student number/ }).fill(studentNumber);
  await page.getByRole('textbox', { name: /Date de naissance|Date of birth/ }).fill(birthDate);
  await page.getByRole('button', { name: /Continuer|Continue/ }).click();
}

test('a locked number shows a countdown to the next try, accessible', async ({ page, kiosk }) => {
  await page.goto(kiosk.url);
  await page.getByRole('button', { name: 'Trouver mon identifiant' }).click();
  const alert = page.getByRole('alert');
  for (let i = 0; i < 5; i += 1) {
    await fill(page, '21901234', `2${i}032001`);
    await expect(alert).toContainText('Nous ne trouvons pas d’étudiant');
    await page.getByRole('textbox', { name: 'Date de naissance (jjmmaaaa)' }).fill('');
  }
  await fill(page, '21901234', '14032001');
  await expect(alert).toHaveText(
    'Trop d’essais : cette démarche est bloquée pour le moment. L’assistance informatique peut vous aider.',
  );
  const timer = page.getByRole('timer');
  await expect(timer).toHaveText(/^Réessayez dans (1 min|\d+ s)\.$/);
  // It counts down: under a minute it says seconds.
  await expect(timer).toHaveText(/^Réessayez dans \d+ s\.$/, { timeout: 5_000 });
  await expectAccessible(page);

  await page.getByRole('button', { name: 'English' }).click();
  await expect(alert).toHaveText(
    'Too many attempts: this is blocked for the moment. The help desk can help you.',
  );
  await expect(timer).toHaveText(/^Try again in \d+ s\.$/);
});

test('the API’s own limit (429) is shown with its wait', async ({ page, kiosk }) => {
  // Another kiosk spent the API's allowance for this number: this kiosk has counted nothing.
  const token = await fetch(`${kiosk.simulatorUrl}/v1/kiosk/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(DEMO_DEVICE),
  }).then(async (r) => ((await r.json()) as { accessToken: string }).accessToken);
  for (let i = 0; i < 5; i += 1) {
    const answer = await fetch(`${kiosk.simulatorUrl}/v1/identify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ studentNumber: '21901234', birthDate: `1999-01-1${i}` }),
    });
    expect(answer.status).toBe(404);
  }
  await page.goto(kiosk.url);
  await page.getByRole('button', { name: 'Trouver mon identifiant' }).click();
  await fill(page, '21901234', '14032001');
  await expect(page.getByRole('alert')).toContainText('Trop de tentatives.');
  await expect(page.getByRole('timer')).toHaveText(/^Réessayez dans 1[45] min\.$/);
});
