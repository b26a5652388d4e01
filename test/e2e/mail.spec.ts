import { PASSWORDS, SEEDED_PASSWORD } from '../support/dataset';
import { expect, test } from './fixtures';
import {
  LANGS,
  expectAccessible,
  expectDone,
  fill,
  finish,
  openKiosk,
  title,
  type Texts,
} from './kiosk';
import type { Page } from '@playwright/test';

async function logIn(page: Page, t: Texts, identifier: string, password: string) {
  await page.getByRole('textbox', { name: t['login.identifier.label'] }).fill(identifier);
  await page.getByLabel(t['login.password.label'], { exact: true }).fill(password);
  await page.getByRole('button', { name: t['mail.login.submit'] }).click();
}

for (const lang of LANGS) {
  test(`${lang}: a student redirects their university mail, after a wrong password`, async ({
    page,
    kiosk,
  }) => {
    const t = await openKiosk(page, kiosk.url, { lang });
    await page.getByRole('button', { name: t['journey.mail.title'] }).click();
    await expect(title(page, t['journey.mail.title'])).toBeVisible();
    await expectAccessible(page);

    await logIn(page, t, 'nmai', 'Pas-Le-Bon-1');
    await expect(page.getByRole('alert')).toHaveText(t['error.invalid_credentials']);
    await expect(page.getByRole('textbox', { name: t['login.identifier.label'] })).toHaveValue(
      'nmai',
    );
    // The password is the field to retype: marked and focused, the identifier left alone.
    const password = page.getByLabel(t['login.password.label'], { exact: true });
    await expect(password).toHaveAttribute('aria-invalid', 'true');
    await expect(password).toBeFocused();
    await expect(page.getByRole('textbox', { name: t['login.identifier.label'] })).toHaveAttribute(
      'aria-invalid',
      'false',
    );
    await expectAccessible(page);
    await logIn(page, t, 'nmai', SEEDED_PASSWORD);

    await expect(page.getByTestId('mail-current')).toHaveText(t['mail.current.none']);
    await expectAccessible(page);
    await page.getByRole('radio', { name: t['mail.choice.redirect'] }).check();
    const address = page.getByRole('textbox', { name: t['mail.address.label'] });
    await address.fill('mai@umontpellier.fr');
    await page.getByRole('button', { name: t['mail.save'] }).click();
    await expect(page.getByText(t['field.address.email_own_domain'])).toBeVisible();
    await expect(address).toBeFocused();
    await expectAccessible(page);
    await address.fill('mai.nguyen@example');
    await page.getByRole('button', { name: t['mail.save'] }).click();
    await expect(page.getByText(t['field.address.email_format'])).toBeVisible();

    // A typo the student only sees when the address is shown back: "Retour" keeps it to correct.
    await address.fill('mai.nguyen@exemple.net');
    await page.getByRole('checkbox', { name: t['mail.keepCopy'] }).uncheck();
    await page.getByRole('button', { name: t['mail.save'] }).click();
    await expect(title(page, t['mail.confirm.title'])).toBeVisible();
    await expect(page.getByTestId('mail-confirm-address')).toHaveText('mai.nguyen@exemple.net');
    await expect(page.getByText(t['mail.confirm.noCopy'])).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('button', { name: t['common.back'], exact: true }).click();
    await expect(address).toHaveValue('mai.nguyen@exemple.net');
    await expect(page.getByRole('checkbox', { name: t['mail.keepCopy'] })).not.toBeChecked();
    await address.fill('mai.nguyen@example.net');
    await page.getByRole('button', { name: t['mail.save'] }).click();
    await expect(page.getByTestId('mail-confirm-address')).toHaveText('mai.nguyen@example.net');
    await page.getByRole('button', { name: t['mail.confirm.submit'] }).click();
    await expectDone(page, t, t['done.mail.title'], 'nmai');
    await expect(page.getByTestId('mail-outcome')).toContainText(
      fill(t['done.mail.to'], { address: 'mai.nguyen@example.net' }),
    );
    await expect(page.getByTestId('mail-outcome')).toContainText(t['done.mail.noCopy']);
    await expectAccessible(page);
    await finish(page, t, ['nmai', 'mai.nguyen@example.net']);
  });
}

test('a redirection can be removed: mail stays at the university', async ({ page, kiosk }) => {
  const t = await openKiosk(page, kiosk.url);
  await page.getByRole('button', { name: t['journey.mail.title'] }).click();
  await logIn(page, t, 'ihaddad', PASSWORDS.ihaddad);
  await expect(page.getByTestId('mail-current')).toHaveText(
    fill(t['mail.current.to'], { address: 'ines.h@example.net' }),
  );
  await expect(page.getByRole('radio', { name: t['mail.choice.redirect'] })).toBeChecked();
  await page.getByRole('radio', { name: t['mail.choice.keep'] }).check();
  await expect(page.getByRole('textbox', { name: t['mail.address.label'] })).toHaveCount(0);
  await page.getByRole('button', { name: t['mail.save'] }).click();
  await expect(page.getByTestId('mail-outcome')).toHaveText(t['done.mail.none']);
  await expectAccessible(page);
});

test('the e-mail keyboard offers the common domains, each completing the address', async ({
  page,
  kiosk,
}) => {
  const t = await openKiosk(page, kiosk.url);
  await page.getByRole('button', { name: t['journey.mail.title'] }).click();
  await logIn(page, t, 'nmai', SEEDED_PASSWORD);
  await page.getByRole('radio', { name: t['mail.choice.redirect'] }).check();
  const address = page.getByRole('textbox', { name: t['mail.address.label'] });
  await address.click();
  const keyboard = page.getByRole('region', { name: t['osk.label'] });
  for (const c of 'mai') await keyboard.locator(`[data-key="${c}"]`).click();
  await keyboard.getByRole('button', { name: '@gmail.com', exact: true }).click();
  await expect(address).toHaveValue('mai@gmail.com');
  // A second domain replaces the first rather than adding a second "@".
  await keyboard.getByRole('button', { name: '@outlook.fr', exact: true }).click();
  await expect(address).toHaveValue('mai@outlook.fr');
  await keyboard.getByRole('button', { name: t['osk.clear'] }).click();
  await expect(address).toHaveValue('');
  for (const c of 'mai@free') await keyboard.locator(`[data-key="${c}"]`).click();
  await keyboard.getByRole('button', { name: '.fr', exact: true }).click();
  await expect(address).toHaveValue('mai@free.fr');
  await expect(address).toBeFocused();
  for (const domain of ['@gmail.com', '@outlook.fr', '.fr', '.com']) {
    const box = await keyboard.getByRole('button', { name: domain, exact: true }).boundingBox();
    expect(box?.width, domain).toBeGreaterThanOrEqual(44);
    expect(box?.height, domain).toBeGreaterThanOrEqual(44);
  }
  await expectAccessible(page);
});

for (const lang of LANGS) {
  test(`${lang}: both login forms lead to a forgotten password or identifier`, async ({
    page,
    kiosk,
  }) => {
    const t = await openKiosk(page, kiosk.url, { lang });
    for (const journey of ['journey.mail.title', 'journey.passwordChange.title'] as const) {
      for (const [link, next] of [
        ['login.forgotPassword', 'reset.title'],
        ['login.forgotIdentifier', 'identify.title'],
      ] as const) {
        await page.getByRole('button', { name: t[journey] }).click();
        await expect(title(page, t[journey])).toBeVisible();
        await expect(page.getByRole('group', { name: t['login.help'] })).toBeVisible();
        await page.getByRole('button', { name: t[link] }).click();
        await expect(title(page, t[next])).toBeVisible();
        await expectAccessible(page);
        await page.getByRole('button', { name: t['common.home'], exact: true }).click();
        await expect(title(page, t['home.title'])).toBeVisible();
      }
    }
    // Something typed in the login form: the link asks before erasing it; "stay" keeps it.
    await page.getByRole('button', { name: t['journey.mail.title'] }).click();
    const identifier = page.getByRole('textbox', { name: t['login.identifier.label'] });
    await identifier.fill('nmai');
    await page.getByRole('button', { name: t['login.forgotPassword'] }).click();
    const question = page.getByRole('alertdialog', { name: t['leave.switch.title'] });
    await expect(question).toBeVisible();
    await expectAccessible(page);
    await question.getByRole('button', { name: t['leave.stay'] }).click();
    await expect(identifier).toHaveValue('nmai');
    await page.getByRole('button', { name: t['login.forgotPassword'] }).click();
    await question.getByRole('button', { name: t['leave.switch.confirm'] }).click();
    await expect(title(page, t['reset.title'])).toBeVisible();
  });
}

test('the address as it was needs no reading back; the redirection is kept', async ({
  page,
  kiosk,
}) => {
  const t = await openKiosk(page, kiosk.url);
  await page.getByRole('button', { name: t['journey.mail.title'] }).click();
  await logIn(page, t, 'ihaddad', PASSWORDS.ihaddad);
  await page.getByRole('checkbox', { name: t['mail.keepCopy'] }).check();
  await page.getByRole('button', { name: t['mail.save'] }).click();
  await expect(page.getByTestId('mail-outcome')).toContainText(t['done.mail.copy']);
});
