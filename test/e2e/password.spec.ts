import type { Page } from '@playwright/test';
import { PASSWORDS, THIS_YEAR } from '../support/dataset';
import { expect, test } from './fixtures';
import {
  LANGS,
  expectAccessible,
  expectDone,
  fill,
  finish,
  identify,
  openKiosk,
  pattern,
  rule,
  TEXTS,
  title,
  typeNewPassword,
} from './kiosk';

const NEW_PASSWORD = 'Lune-Claire-2031';

for (const lang of LANGS) {
  test(`${lang}: forgotten password: a code to the personal address, then a new password`, async ({
    page,
    kiosk,
  }) => {
    test.setTimeout(120_000); // a whole journey, axe on every screen
    const t = await openKiosk(page, kiosk.url, { lang });
    await page.getByRole('button', { name: t['journey.connectionProblem.title'] }).click();
    await expect(title(page, t['journey.connectionProblem.title'])).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('button', { name: t['problem.password.title'] }).click();
    await expect(title(page, t['reset.title'])).toBeVisible();
    await expectAccessible(page);
    await identify(page, t, '22110001', '17052002');

    await expect(
      page.getByText(fill(t['code.email.to'], { address: 'h*****e@example.com' })),
    ).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('button', { name: t['code.email.send'], exact: true }).click();
    await expect(page.getByTestId('email-sent')).toContainText('h*****e@example.com');
    await expectAccessible(page);

    // The code on its own step, as in activation; then the new password on the next one.
    const mail = await kiosk.latestMail('hugo.lefevre@example.com');
    await page.getByRole('textbox', { name: t['code.label'] }).fill(mail.code);
    await page.getByRole('button', { name: t['common.continue'], exact: true }).click();
    await expect(title(page, t['reset.ready.title'])).toBeVisible();
    // What the student does here is type: the new password's field has the focus.
    await expect(page.getByLabel(t['password.new.label'], { exact: true })).toBeFocused();
    await expectAccessible(page);

    // Policy first: the student's own name is refused, and the checklist says which rule.
    await typeNewPassword(page, t, 'Hugo-Lefevre-1');
    await expect(rule(page, 'not_personal_data')).toHaveAttribute('data-state', 'failed');
    await page.getByRole('button', { name: t['reset.submit'] }).click();
    await expect(page.getByRole('alert')).toHaveText(t['error.password_policy']);
    await expectAccessible(page);

    await typeNewPassword(page, t, NEW_PASSWORD, `${NEW_PASSWORD}x`);
    await expect(page.getByText(t['password.mismatch'])).toBeVisible();
    await page.getByRole('button', { name: t['reset.submit'] }).click();
    await expect(
      page.getByRole('alert').filter({ hasText: t['error.password_mismatch'] }),
    ).toBeVisible();
    await expectAccessible(page);

    await typeNewPassword(page, t, NEW_PASSWORD);
    await page.getByRole('button', { name: t['reset.submit'] }).click();
    await expectDone(page, t, t['done.reset.title'], 'hlefevre');
    await expectAccessible(page);
    await finish(page, t, ['hlefevre']);
  });

  test(`${lang}: change my password, after a wrong current password`, async ({ page, kiosk }) => {
    const t = await openKiosk(page, kiosk.url, { lang });
    await page.getByRole('button', { name: t['journey.passwordChange.title'] }).click();
    await expect(title(page, t['journey.passwordChange.title'])).toBeVisible();
    await expectAccessible(page);

    await page.getByRole('button', { name: t['change.submit'] }).click();
    await expect(page.getByText(t['field.identifier.required'])).toBeVisible();
    await expect(page.getByRole('textbox', { name: t['login.identifier.label'] })).toBeFocused();
    await expectAccessible(page);

    await page.getByRole('textbox', { name: t['login.identifier.label'] }).fill('abensaid');
    await page.getByLabel(t['change.current.label']).fill('Pas-Le-Bon-1');
    await typeNewPassword(page, t, NEW_PASSWORD);
    await page.getByRole('button', { name: t['change.submit'] }).click();
    await expect(page.getByRole('alert')).toHaveText(t['error.invalid_credentials']);
    // The current password is the field to retype: marked and focused, not the identifier.
    const current = page.getByLabel(t['change.current.label']);
    await expect(current).toHaveAttribute('aria-invalid', 'true');
    await expect(current).toBeFocused();
    await expect(page.getByRole('textbox', { name: t['login.identifier.label'] })).toHaveAttribute(
      'aria-invalid',
      'false',
    );
    // Nothing typed is lost: only the wrong field needs correcting.
    await expect(page.getByLabel(t['password.new.label'], { exact: true })).toHaveValue(
      NEW_PASSWORD,
    );
    await expectAccessible(page);

    await page.getByLabel(t['change.current.label']).fill(PASSWORDS.abensaid);
    await page.getByRole('button', { name: t['change.submit'] }).click();
    await expectDone(page, t, t['done.change.title'], 'abensaid');
    // Left at the end of last year: the ENT stays open until 31 December of this calendar year.
    await expect(page.getByTestId('access-until')).toHaveText(
      fill(t['done.access.until'], {
        // The month spelt out, as a sentence says it (and so that it cannot be misread).
        date:
          lang === 'fr'
            ? `31 décembre ${THIS_YEAR.slice(0, 4)}`
            : `31 December ${THIS_YEAR.slice(0, 4)}`,
      }),
    );
    await expectAccessible(page);
    await finish(page, t, ['abensaid']);
  });

  test(`${lang}: the checklist judges nothing before typing, and the meter never praises a refused password`, async ({
    page,
    kiosk,
  }) => {
    const t = await openKiosk(page, kiosk.url, { lang });
    await page.getByRole('button', { name: t['journey.passwordChange.title'] }).click();
    // Nothing typed: no rule met, none broken (no green tick for an empty field).
    for (const id of ['min_length', 'forbidden_characters', 'not_personal_data'])
      await expect(rule(page, id)).toHaveAttribute('data-state', 'untyped');
    await expect(page.locator('[data-rule] .mark')).toHaveText(Array(7).fill(''));
    await expect(page.getByTestId('strength')).toHaveCount(0);

    // Long and varied, so rated highly, but "$" is forbidden: refused, so not praised.
    const field = page.getByLabel(t['password.new.label'], { exact: true });
    await field.fill('Nuage$Gris-Vif-2031-Tortue');
    await expect(rule(page, 'forbidden_characters')).toHaveAttribute('data-state', 'failed');
    await expect(page.getByTestId('strength-label')).toHaveText(t['strength.breaksRule']);
    // The passphrase tip tells how to write a French phrase without the forbidden apostrophe.
    await expect(page.getByTestId('strength-tip')).toContainText(t['strength.tip.apostrophe']);
    await expectAccessible(page);
    await field.fill('Nuage-Gris-Vif-2031-Tortue');
    await expect(page.getByTestId('strength-label')).toHaveText(
      fill(t['strength.label'], { level: t['strength.4'] }),
    );

    // Submitted with no confirmation: it is missing, not "different".
    await page.getByRole('textbox', { name: t['login.identifier.label'] }).fill('abensaid');
    await page.getByLabel(t['change.current.label']).fill(PASSWORDS.abensaid);
    await page.getByRole('button', { name: t['change.submit'] }).click();
    const confirmation = page.getByLabel(t['password.confirm.label'], { exact: true });
    await expect(page.locator('#confirm-password-error')).toHaveText(t['password.confirm.missing']);
    await expect(page.getByText(t['password.mismatch'])).toHaveCount(0);
    await expect(confirmation).toBeFocused();
    await expect(confirmation).toHaveAttribute('aria-invalid', 'true');
    await expectAccessible(page);
    await confirmation.fill('Nuage-Gris-Vif-2031-Tortux');
    await expect(page.locator('#confirm-password-error')).toHaveText(t['password.mismatch']);
  });
}

test('the show toggle reveals both new-password fields, and a forbidden character is named', async ({
  page,
  kiosk,
}) => {
  const t = await openKiosk(page, kiosk.url);
  await page.getByRole('button', { name: t['journey.passwordChange.title'] }).click();
  const field = page.getByLabel(t['password.new.label'], { exact: true });
  await expect(field).toHaveAttribute('type', 'password');
  await page.getByRole('checkbox', { name: t['password.show'] }).check();
  await expect(field).toHaveAttribute('type', 'text');
  await expect(page.getByLabel(t['password.confirm.label'])).toHaveAttribute('type', 'text');
  await field.fill('Nuage$Gris12');
  await expect(rule(page, 'forbidden_characters')).toHaveAttribute('data-state', 'failed');
  await expect(rule(page, 'forbidden_characters')).toContainText('< > " \' $');
  await field.fill('Bonjour2024!');
  await expect(rule(page, 'not_dictionary_word')).toHaveAttribute('data-state', 'failed');
  await expectAccessible(page);
});

for (const lang of LANGS) {
  test(`${lang}: forgotten password uses the same code step as activation, and finds its code again`, async ({
    page,
    kiosk,
  }) => {
    test.setTimeout(90_000);
    const sends: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/rpc/password.requestReset')) sends.push(request.url());
    });
    // The first time from a fresh kiosk; the second from home within the same visit (same
    // language, no reload).
    const start = async (fresh = true) => {
      const t = fresh ? await openKiosk(page, kiosk.url, { lang }) : TEXTS[lang];
      await page.getByRole('button', { name: t['journey.connectionProblem.title'] }).click();
      await page.getByRole('button', { name: t['problem.password.title'] }).click();
      await identify(page, t, '22110001', '17052002');
      return t;
    };
    let t = await start();
    // The same status panel as activation's, the same words for the e-mail.
    const state = page.getByTestId('reset-state');
    await expect(state).toHaveAttribute('data-state', 'ready');
    await expect(state.getByRole('heading', { level: 2 })).toHaveText(t['reset.ready.title']);
    await page.getByRole('button', { name: t['code.email.send'], exact: true }).click();
    await expect(title(page, t['code.title'])).toBeVisible();
    const notice = page.getByTestId('email-sent');
    await expect(notice).toContainText(pattern(t['code.sent']));
    await expect(notice).toContainText('h*****e@example.com');
    await expectAccessible(page);

    // "Renvoyer l'e-mail" warns first, as in activation; "Retour" keeps the e-mail sent.
    await page.getByRole('button', { name: t['code.email.resend'], exact: true }).click();
    await expect(page.getByTestId('resend-warning')).toContainText(t['code.resend.warning']);
    await expectAccessible(page);
    await page.getByRole('button', { name: t['code.resend.keep'] }).click();
    await page.getByRole('button', { name: t['common.back'] }).click();
    await expect(state).toHaveAttribute('data-state', 'ready');
    await expect(notice).toContainText(pattern(t['code.sent']));
    await expect(page.getByRole('button', { name: t['code.enter'] })).toBeVisible();

    // The student leaves and comes back: straight to the code of the e-mail already sent.
    await page.getByRole('button', { name: t['common.home'], exact: true }).click();
    await expect(title(page, t['home.title'])).toBeVisible();
    t = await start(false);
    await expect(title(page, t['code.title'])).toBeVisible();
    await expect(notice).toContainText(pattern(t['code.sent']));
    expect(sends).toHaveLength(1);
    const mail = await kiosk.latestMail('hugo.lefevre@example.com');
    await page.getByRole('textbox', { name: t['code.label'] }).fill(mail.code);
    await page.getByRole('button', { name: t['common.continue'], exact: true }).click();
    await typeNewPassword(page, t, NEW_PASSWORD);
    await page.getByRole('button', { name: t['reset.submit'] }).click();
    await expectDone(page, t, t['done.reset.title'], 'hlefevre');
  });
}

/** The buttons of the code step, in the order they stand. */
async function codeStepButtons(page: Page) {
  return page.locator('main form .actions').getByRole('button').allInnerTexts();
}

for (const lang of LANGS) {
  test(`${lang}: one code step for activation and forgotten password; a wrong reset code is said on it, the new password kept`, async ({
    page,
    kiosk,
  }) => {
    test.setTimeout(120_000);
    // Activation's code step, as the reference.
    let t = await openKiosk(page, kiosk.url, { lang });
    await page.getByRole('button', { name: t['journey.activation.title'] }).click();
    await identify(page, t, '21901234', '14032001');
    await page.getByRole('button', { name: t['code.email.send'], exact: true }).click();
    await expect(title(page, t['code.title'])).toBeVisible();
    const buttons = [t['common.back'], t['code.email.resend'], t['common.continue']];
    expect(await codeStepButtons(page)).toEqual(buttons);
    const activationCode = await kiosk.latestMail('eloise.nd@example.org');
    await page.getByRole('textbox', { name: t['code.label'] }).fill(activationCode.code);
    await page.getByRole('button', { name: t['common.continue'], exact: true }).click();
    await expect(title(page, t['charter.heading'])).toBeVisible();
    await page.getByRole('button', { name: t['common.home'], exact: true }).click();
    await page.getByRole('button', { name: t['leave.confirm'] }).click();

    // Forgotten password: the same step, the same words, the same buttons; the code alone.
    await page.getByRole('button', { name: t['journey.connectionProblem.title'] }).click();
    await page.getByRole('button', { name: t['problem.password.title'] }).click();
    await identify(page, t, '22110001', '17052002');
    await page.getByRole('button', { name: t['code.email.send'], exact: true }).click();
    await expect(title(page, t['code.title'])).toBeVisible();
    expect(await codeStepButtons(page)).toEqual(buttons);
    await expect(page.getByLabel(t['password.new.label'], { exact: true })).toHaveCount(0);
    const code = page.getByRole('textbox', { name: t['code.label'] });

    // Nothing typed: said on the code step, which stays.
    await page.getByRole('button', { name: t['common.continue'], exact: true }).click();
    await expect(page.getByRole('alert')).toHaveText(t['field.code.required']);
    await expect(code).toBeFocused();

    // A wrong code: the API judges a reset code only with the new password, so the student
    // types it first; then they are back on the code step, told the code is wrong, that
    // nothing was saved, and that their password is still there.
    await code.fill('00000000');
    await page.getByRole('button', { name: t['common.continue'], exact: true }).click();
    await expect(title(page, t['reset.ready.title'])).toBeVisible();
    // Said before it happens: the code is checked with the password, and can then be corrected.
    await expect(page.getByTestId('code-checked-later')).toHaveText(t['reset.codeCheckedLater']);
    await typeNewPassword(page, t, NEW_PASSWORD);
    await page.getByRole('button', { name: t['reset.submit'] }).click();
    await expect(title(page, t['code.title'])).toBeVisible();
    await expect(page.getByRole('alert')).toHaveText(t['error.code_invalid']);
    await expect(page.getByTestId('code-refused-at-end')).toHaveText(t['code.refusedAtEnd']);
    await expect(code).toHaveValue('00000000');
    await expect(code).toHaveAttribute('aria-invalid', 'true');
    await expect(code).toBeFocused();
    await expectAccessible(page);

    // The right code: on to the password step, the password still typed; saved at once.
    const mail = await kiosk.latestMail('hugo.lefevre@example.com');
    await code.fill(mail.code);
    await expect(page.getByRole('alert')).toHaveCount(0);
    await page.getByRole('button', { name: t['common.continue'], exact: true }).click();
    await expect(title(page, t['reset.ready.title'])).toBeVisible();
    await expect(page.getByLabel(t['password.new.label'], { exact: true })).toHaveValue(
      NEW_PASSWORD,
    );
    await expect(page.getByLabel(t['password.confirm.label'], { exact: true })).toHaveValue(
      NEW_PASSWORD,
    );
    await page.getByRole('button', { name: t['reset.submit'] }).click();
    await expectDone(page, t, t['done.reset.title'], 'hlefevre');
    t = TEXTS[lang];
    await finish(page, t, ['hlefevre']);
  });

  test(`${lang}: forgotten password for a locked or disabled account ends with "Terminer", which ends the visit`, async ({
    page,
    kiosk,
  }) => {
    for (const [number, birth, state] of [
      ['21110005', '21072000', 'locked'],
      ['21110006', '30011999', 'disabled'],
    ] as const) {
      const t = await openKiosk(page, kiosk.url, { lang });
      await page.getByRole('button', { name: t['header.largeText'] }).click();
      await expect(page.locator('html')).toHaveClass(/large-text/);
      await page.getByRole('button', { name: t['journey.connectionProblem.title'] }).click();
      await page.getByRole('button', { name: t['problem.password.title'] }).click();
      await identify(page, t, number, birth);
      await expect(page.getByTestId('reset-state')).toHaveAttribute('data-state', state);
      await expect(page.getByTestId('help-desk')).toBeVisible();
      await expect(page.getByRole('button', { name: t['code.email.send'] })).toHaveCount(0);
      await expectAccessible(page);
      // The next student finds the kiosk as it starts: French, normal text, nothing left.
      await finish(page, t, ['h*****e@example.com']);
      await expect(page.locator('html')).not.toHaveClass(/large-text/);
    }
  });
}
