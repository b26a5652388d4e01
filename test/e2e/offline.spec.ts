import type { Page } from '@playwright/test';
import { PASSWORDS, SEEDED_PASSWORD } from '../support/dataset';
import { expect, test } from './fixtures';
import { expectAccessible, fill, finish, identify, openKiosk, title, type Texts } from './kiosk';

async function findIdentifier(page: Page, t: Texts) {
  await page.getByRole('button', { name: t['journey.findIdentifier.title'] }).click();
  await identify(page, t, '22110001', '17052002');
  await expect(page.getByTestId('identifier')).toHaveText('hlefevre');
}

/** The outbox's pending count, asked of main like the renderer does (kiosk.status). */
async function pendingWrites(page: Page, kioskUrl: string): Promise<number> {
  // The tab's session cookie goes with it (page.request shares the context's cookies).
  const { origin } = new URL(kioskUrl);
  const answer = await page.request.post(`${origin}/rpc/kiosk.status`, {
    headers: { origin },
    data: {},
  });
  const reply = (await answer.json()) as { ok: boolean; value: { outbox: { pending: number } } };
  return reply.ok ? reply.value.outbox.pending : -1;
}

const NEW_PASSWORD = 'Marche-Lente-2031';

test('an outage: identify from the cache, queue a password change, see it applied', async ({
  page,
  liveKiosk,
}) => {
  test.setTimeout(180_000);
  const t = await openKiosk(page, liveKiosk.url);
  const banner = page.getByTestId('connectivity-banner');
  await findIdentifier(page, t);
  await expect(page.getByTestId('cache-notice')).toHaveCount(0);
  await finish(page, t, ['hlefevre']);

  await liveKiosk.stopApi();
  await findIdentifier(page, t);
  await expect(page.getByTestId('cache-notice')).toBeVisible();
  // A calm status, not an alert, once the kiosk has noticed.
  await expect(banner.getByText(/injoignable/)).toBeVisible({ timeout: 60_000 });
  await expect(banner).toHaveAttribute('role', 'status');
  await finish(page, t, ['hlefevre']);

  await page.getByRole('button', { name: t['journey.passwordChange.title'] }).click();
  await page.getByRole('textbox', { name: t['login.identifier.label'] }).fill('hlefevre');
  await page.getByLabel(t['change.current.label']).fill(PASSWORDS.hlefevre);
  await page.getByLabel(t['password.new.label'], { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel(t['password.confirm.label'], { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole('button', { name: t['change.submit'] }).click();
  await expect(title(page, t['done.change.title'])).toBeVisible();
  const reference = (await page.getByTestId('receipt-reference').textContent())!.trim();
  expect(reference).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  await expect(
    page.getByRole('img', { name: fill(t['receipt.qrAlt'], { reference }) }),
  ).toBeVisible();
  await expect(page.getByText(t['receipt.effect'])).toBeVisible();
  await expectAccessible(page);
  await finish(page, t, ['hlefevre', reference]);

  await liveKiosk.startApi();
  // The kiosk's health probe notices; the outbox sends the change; the banner goes.
  await expect(banner.getByText(/injoignable/)).toHaveCount(0, { timeout: 60_000 });
  await expect.poll(() => pendingWrites(page, liveKiosk.url), { timeout: 60_000 }).toBe(0);

  // Applied at the API: the new password opens the mail settings.
  await page.getByRole('button', { name: t['journey.mail.title'] }).click();
  await page.getByRole('textbox', { name: t['login.identifier.label'] }).fill('hlefevre');
  await page.getByLabel(t['login.password.label'], { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole('button', { name: t['mail.login.submit'] }).click();
  await expect(page.getByTestId('mail-current')).toBeVisible();
});

test('an outage: a mail redirection is queued with a receipt, then applied', async ({
  page,
  liveKiosk,
}) => {
  test.setTimeout(180_000);
  const t = await openKiosk(page, liveKiosk.url);
  const logIn = async () => {
    await page.getByRole('button', { name: t['journey.mail.title'] }).click();
    await page.getByRole('textbox', { name: t['login.identifier.label'] }).fill('nmai');
    await page.getByLabel(t['login.password.label'], { exact: true }).fill(SEEDED_PASSWORD);
    await page.getByRole('button', { name: t['mail.login.submit'] }).click();
  };

  await liveKiosk.stopApi();
  await logIn();
  // The current setting cannot be read: the screen says so, and when a change takes effect.
  await expect(page.getByTestId('mail-offline')).toBeVisible();
  await expect(page.getByText(t['mail.offline.current'])).toBeVisible();
  await expect(page.getByText(t['mail.offline.effect'])).toBeVisible();
  await expect(page.getByTestId('mail-current')).toHaveCount(0);
  await expectAccessible(page);
  await page.getByRole('radio', { name: t['mail.choice.redirect'] }).check();
  await page.getByRole('textbox', { name: t['mail.address.label'] }).fill('mai.nguyen@example.net');
  await page.getByRole('button', { name: t['mail.save'] }).click();
  // Read back first, as online: the address is what matters, whether applied now or later.
  await page.getByRole('button', { name: t['mail.confirm.submit'] }).click();
  await expect(title(page, t['done.mail.title'])).toBeVisible();
  const reference = (await page.getByTestId('receipt-reference').textContent())!.trim();
  expect(reference).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  await expect(
    page.getByRole('img', { name: fill(t['receipt.qrAlt'], { reference }) }),
  ).toBeVisible();
  await expect(page.getByTestId('mail-outcome')).toHaveText(
    fill(t['done.mail.queuedTo'], { address: 'mai.nguyen@example.net' }),
  );
  await expectAccessible(page);
  await finish(page, t, ['nmai', reference]);

  await liveKiosk.startApi();
  await expect.poll(() => pendingWrites(page, liveKiosk.url), { timeout: 60_000 }).toBe(0);
  // Applied at the API: logged in again, the student sees the new redirection.
  await logIn();
  await expect(page.getByTestId('mail-current')).toHaveText(
    fill(t['mail.current.to'], { address: 'mai.nguyen@example.net' }),
  );
  await expect(page.getByTestId('mail-offline')).toHaveCount(0);
});

test('an outage: an activation code is taken on trust, on the kept charter, with a receipt', async ({
  page,
  liveKiosk,
}) => {
  test.setTimeout(180_000);
  const t = await openKiosk(page, liveKiosk.url, { lang: 'en' });
  await page.getByRole('button', { name: t['journey.activation.title'] }).click();
  await identify(page, t, '21901234', '14032001');
  await page.getByRole('button', { name: t['code.email.send'], exact: true }).click();
  await expect(page.getByTestId('email-sent')).toBeVisible();

  await liveKiosk.stopApi();
  await page.getByRole('textbox', { name: t['code.label'] }).fill('12345678');
  await page.getByRole('button', { name: t['common.continue'] }).click();
  await expect(title(page, t['charter.heading'])).toBeVisible();
  await expect(page.getByTestId('charter')).toBeVisible();
  await expect(page.getByTestId('code-provisional')).toHaveText(t['activation.code.provisional']);
  await expectAccessible(page);
  await page.getByRole('checkbox', { name: t['charter.accept'] }).check();
  await page.getByRole('button', { name: t['common.continue'] }).click();
  await expect(title(page, t['password.choose.title'])).toBeVisible();
  await expect(page.getByTestId('code-provisional')).toBeVisible();
  await page.getByLabel(t['password.new.label'], { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel(t['password.confirm.label'], { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole('button', { name: t['activation.submit'] }).click();
  await expect(title(page, t['done.activation.title'])).toBeVisible();
  await expect(page.getByTestId('receipt-reference')).toBeVisible();
  await expectAccessible(page);
});
