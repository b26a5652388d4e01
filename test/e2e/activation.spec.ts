import { expect, test } from './fixtures';
import {
  LANGS,
  TEXTS,
  TICK,
  expectAccessible,
  expectDone,
  fill,
  finish,
  identify,
  openKiosk,
  pattern,
  pauseClock,
  rule,
  title,
  typeNewPassword,
  type Texts,
} from './kiosk';
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import type { HelpDeskInfo, InstitutionProfile } from '../../src-main/core/profile';

/** The institution profile the web host runs with (the desk's place and hours, the help URL). */
const profile = JSON.parse(
  readFileSync(new URL('../../resources/institutions/umontpellier.json', import.meta.url), 'utf8'),
) as InstitutionProfile & { helpDesk: HelpDeskInfo };

const ELOISE = { number: '21901234', birth: '14032001', mail: 'eloise.nd@example.org' };
const GOOD_PASSWORD = 'Tortue-Vive-83';
/** Where the help desk is, from the institution profile. */
const DESK = profile.helpDesk.location;
const DESK_FR = DESK.fr;

async function startActivation(page: Page, t: Texts, number: string, birth: string) {
  await page.getByRole('button', { name: t['journey.activation.title'] }).click();
  await expect(title(page, t['journey.activation.title'])).toBeVisible();
  await expectAccessible(page);
  await identify(page, t, number, birth);
}

for (const lang of LANGS) {
  test(`${lang}: a student activates their account with the code from the e-mail`, async ({
    page,
    kiosk,
  }) => {
    test.setTimeout(120_000); // a whole journey, axe on every screen, the dictionaries
    const t = await openKiosk(page, kiosk.url, { lang });
    await startActivation(page, t, ELOISE.number, ELOISE.birth);

    await expect(title(page, pattern(t['activation.hello']))).toBeVisible();
    await expect(page.getByTestId('activation-state')).toHaveAttribute('data-state', 'ready');
    await expect(page.getByText('e*****d@example.org')).toBeVisible();
    await expectAccessible(page);

    await page.getByRole('button', { name: t['code.email.send'], exact: true }).click();
    await expect(title(page, t['code.title'])).toBeVisible();
    await expect(page.getByTestId('email-sent')).toContainText('e*****d@example.org');
    await expect(page.getByRole('button', { name: t['code.email.resend'] })).toBeVisible();
    await expectAccessible(page);

    // The kiosk's scanner reads the e-mail's QR code: the whole link, typed fast, then Enter.
    const mail = await kiosk.latestMail(ELOISE.mail);
    expect(mail.link).toContain(mail.code);
    await page.getByRole('textbox', { name: t['code.label'] }).click();
    await page.keyboard.type(mail.link, { delay: 2 });
    await page.keyboard.press('Enter');

    await expect(title(page, t['charter.heading'])).toBeVisible();
    await expect(page.getByTestId('charter')).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('button', { name: t['common.continue'] }).click();
    await expect(page.getByText(t['charter.required'])).toBeVisible();
    await expect(page.getByRole('checkbox', { name: t['charter.accept'] })).toBeFocused();
    await expectAccessible(page);
    await page.getByRole('checkbox', { name: t['charter.accept'] }).check();
    await page.getByRole('button', { name: t['common.continue'] }).click();

    await expect(title(page, t['password.choose.title'])).toBeVisible();
    await expectAccessible(page);
    await typeNewPassword(page, t, GOOD_PASSWORD);
    for (const id of [
      'min_length',
      'letter',
      'digit',
      'mix',
      'forbidden_characters',
      'not_personal_data',
    ])
      await expect(rule(page, id)).toHaveAttribute('data-state', 'passed');
    // The dictionaries arrive lazily; then the last rule is known too.
    await expect(rule(page, 'not_dictionary_word')).toHaveAttribute('data-state', 'passed');
    await expect(page.getByTestId('rules-summary')).toHaveText(t['password.rules.allPassed']);
    await expect(page.getByTestId('strength')).toHaveAttribute('data-score', /[34]/);
    await expectAccessible(page);
    await page.getByRole('button', { name: t['activation.submit'] }).click();

    await expectDone(page, t, t['done.activation.title'], 'endiayebrule');
    // Just activated: no rule about leaving the university in large type, the ENT address once.
    await expect(page.getByTestId('access-until')).toHaveCount(0);
    await expect(page.getByText(/ent\.umontpellier\.fr/)).toHaveCount(1);
    await expectAccessible(page);
    await finish(page, t, ['endiayebrule', 'e*****d@example.org']);
  });

  test(`${lang}: too early: the student learns from when activation is possible`, async ({
    page,
    kiosk,
  }) => {
    const t = await openKiosk(page, kiosk.url, { lang });
    await startActivation(page, t, '26110004', '09012008');
    const state = page.getByTestId('activation-state');
    await expect(state).toHaveAttribute('data-state', 'too_early');
    // Enrolled 2 minutes before the host started: open 15 minutes after, in Paris: "18 h 55" in
    // French, "18:55" in English.
    await expect(state).toContainText(t['activation.tooEarly.title']);
    await expect(state).toContainText(lang === 'fr' ? /\d{1,2}\sh\s\d{2}/ : /\d{2}:\d{2}/);
    await expect(page.getByRole('textbox', { name: t['code.label'] })).toHaveCount(0);
    await expectAccessible(page);
    await finish(page, t, ['lmoreau']);
  });

  test(`${lang}: a wrong code, then an expired one, keep what was typed`, async ({
    page,
    kiosk,
  }) => {
    const t = await openKiosk(page, kiosk.url, { lang });
    await startActivation(page, t, ELOISE.number, ELOISE.birth);
    await page.getByRole('button', { name: t['code.email.send'], exact: true }).click();
    await expect(page.getByTestId('email-sent')).toBeVisible();
    const code = page.getByRole('textbox', { name: t['code.label'] });

    await code.fill('00000000');
    await page.getByRole('button', { name: t['common.continue'] }).click();
    await expect(page.getByRole('alert')).toHaveText(t['error.code_invalid']);
    await expect(code).toHaveValue('00000000');
    await expect(code).toHaveAttribute('aria-invalid', 'true');
    await expectAccessible(page);

    const mail = await kiosk.latestMail(ELOISE.mail);
    await kiosk.advanceClock(25 * 3600);
    await code.fill(mail.code);
    await page.getByRole('button', { name: t['common.continue'] }).click();
    await expect(page.getByRole('alert')).toHaveText(t['error.code_expired']);
    await expect(code).toHaveValue(mail.code);
    await expectAccessible(page);
  });
}

const BLOCKED = [
  {
    number: '22004567',
    birth: '31121999',
    state: 'already_active',
    text: 'activation.active.title',
  },
  { number: '21110005', birth: '21072000', state: 'locked', text: 'activation.locked.title' },
  { number: '21110006', birth: '30011999', state: 'disabled', text: 'activation.disabled.title' },
  {
    number: '21110007',
    birth: '12062001',
    state: 'no_enrollment',
    text: 'activation.noEnrollment.title',
  },
] as const;

for (const lang of LANGS) {
  test(`${lang}: the account states that cannot be activated here say what to do`, async ({
    page,
    kiosk,
  }) => {
    test.setTimeout(120_000); // four identifications, each screen checked by axe
    for (const c of BLOCKED) {
      const t = await openKiosk(page, kiosk.url, { lang });
      await startActivation(page, t, c.number, c.birth);
      const state = page.getByTestId('activation-state');
      await expect(state).toHaveAttribute('data-state', c.state);
      await expect(state.getByRole('heading', { level: 2 })).toHaveText(t[c.text]);
      // Only an active account is told to log in to the ENT; the others are told where the desk is.
      const active = c.state === 'already_active';
      await expect(page.getByText(t['result.identifierHelp'])).toHaveCount(active ? 1 : 0);
      await expect(page.getByTestId('help-desk')).toHaveCount(active ? 0 : 1);
      if (!active) {
        await expect(page.getByTestId('help-desk-location')).toHaveText(DESK[lang]);
        await expect(page.getByTestId('help-url')).toHaveText('https://ent.umontpellier.fr/aide');
      }
      await expectAccessible(page);
      await finish(page, t, []);
    }
  });
}

test('without a personal address, the desk is the way; already active offers a new password', async ({
  page,
  kiosk,
}) => {
  const t = await openKiosk(page, kiosk.url);
  await startActivation(page, t, '21110008', '03092002');
  await expect(page.getByText(t['activation.email.none'])).toBeVisible();
  await expect(page.getByRole('button', { name: t['code.email.send'] })).toHaveCount(0);
  await expect(page.getByTestId('help-desk')).toContainText(DESK_FR);
  await expectAccessible(page);
  await page.getByRole('button', { name: t['common.finish'] }).click();

  await startActivation(page, t, '22004567', '31121999');
  await page.getByRole('button', { name: t['problem.password.title'] }).click();
  // Same student, no second identification: straight to where the code will go.
  await expect(page.getByTestId('reset-state')).toHaveAttribute('data-state', 'ready');
  await expect(
    page.getByText(fill(t['code.email.to'], { address: 'm*****n@example.net' })),
  ).toBeVisible();
  await expectAccessible(page);
});

/** The code step: its title, the e-mail sent (when, where, until when) and the code field. */
async function expectCodeStep(page: Page, t: Texts) {
  await expect(title(page, t['code.title'])).toBeVisible();
  const notice = page.getByTestId('email-sent');
  await expect(notice).toHaveAttribute('data-cancelled', 'false');
  await expect(notice).toContainText(pattern(t['code.sent']));
  await expect(notice).toContainText(/\d{1,2}(\sh\s|:)\d{2}/); // when it was sent
  await expect(notice).toContainText('e*****d@example.org');
  await expect(page.getByRole('textbox', { name: t['code.label'] })).toBeVisible();
}

for (const lang of LANGS) {
  test(`${lang}: a student reading their phone gets more time, and after the wipe comes back to the code`, async ({
    page,
    kiosk,
  }) => {
    test.setTimeout(120_000);
    await page.clock.install();
    const t = await openKiosk(page, kiosk.url, { lang, query: 'idle=60,90' });
    await startActivation(page, t, ELOISE.number, ELOISE.birth);
    await page.getByRole('button', { name: t['code.email.send'], exact: true }).click();
    await expectCodeStep(page, t);
    await expectAccessible(page);

    // The code step waits 240 s before asking (the profile's idle.awaitingCode), not 60 s.
    await pauseClock(page);
    await page.getByRole('textbox', { name: t['code.label'] }).click();
    const dialog = page.getByRole('alertdialog', { name: t['idle.title'] });
    await page.clock.runFor(90_000 + TICK);
    await expect(title(page, t['code.title'])).toBeVisible();
    await expect(dialog).toHaveCount(0);
    await page.clock.runFor(150_000);
    await expect(dialog).toBeVisible();
    await page.clock.runFor(60_000);
    await expect(title(page, TEXTS.fr['home.title'])).toBeVisible(); // French again after the wipe
    await page.clock.resume();

    // Back, identified again: the kiosk knows it sent the e-mail and goes straight to its code,
    // with no "send" button that would cancel the code on the phone.
    const again = await openKiosk(page, kiosk.url, { lang });
    await startActivation(page, again, ELOISE.number, ELOISE.birth);
    await expectCodeStep(page, again);
    await expect(
      page.getByRole('button', { name: again['code.email.send'], exact: true }),
    ).toHaveCount(0);

    // "Retour" goes one step back and keeps the e-mail sent; nothing is sent again.
    await page.getByRole('button', { name: again['common.back'] }).click();
    await expect(page.getByTestId('activation-state')).toHaveAttribute('data-state', 'ready');
    await expect(page.getByTestId('email-sent')).toContainText(pattern(again['code.sent']));
    await expectAccessible(page);
    await page.getByRole('button', { name: again['code.enter'] }).click();
    await expectCodeStep(page, again);

    // "Renvoyer l'e-mail" is secondary and first warns that it cancels the code already sent.
    const resend = page.getByRole('button', { name: again['code.email.resend'], exact: true });
    await expect(resend).toHaveClass(/button-secondary/);
    await resend.click();
    const warning = page.getByTestId('resend-warning');
    await expect(warning).toContainText(again['code.resend.warning']);
    await expectAccessible(page);
    await page.getByRole('button', { name: again['code.resend.keep'] }).click();
    await expect(warning).toHaveCount(0);
    expect(await kiosk.mailbox(ELOISE.mail)).toHaveLength(1);

    // The code of that one e-mail still works.
    const mail = await kiosk.latestMail(ELOISE.mail);
    await page.getByRole('textbox', { name: again['code.label'] }).fill(mail.code);
    await page.getByRole('button', { name: again['common.continue'] }).click();
    await expect(title(page, again['charter.heading'])).toBeVisible();
  });

  test(`${lang}: after too many wrong codes the student is told the code was cancelled and offered a new e-mail`, async ({
    page,
    kiosk,
  }) => {
    test.setTimeout(90_000);
    const sends: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/rpc/activation.sendEmail')) sends.push(request.url());
    });
    const t = await openKiosk(page, kiosk.url, { lang });
    await startActivation(page, t, ELOISE.number, ELOISE.birth);
    await page.getByRole('button', { name: t['code.email.send'], exact: true }).click();
    await expectCodeStep(page, t);
    const code = page.getByRole('textbox', { name: t['code.label'] });
    const go = page.getByRole('button', { name: t['common.continue'] });
    for (let i = 1; i < 5; i += 1) {
      await code.fill(`0000000${i}`);
      await go.click();
      await expect(page.getByRole('alert')).toHaveText(t['error.code_invalid']);
    }
    await code.fill('00000005');
    await go.click();
    const notice = page.getByTestId('email-sent');
    await expect(notice).toHaveAttribute('data-cancelled', 'true');
    await expect(notice).toContainText(t['code.cancelled.title']);
    await expect(notice).toContainText(t['code.cancelled.body']);
    // No field for a code that cannot work any more; a new e-mail is the main action.
    await expect(code).toHaveCount(0);
    await expect(go).toHaveCount(0);
    const resend = page.getByRole('button', { name: t['code.email.resend'], exact: true });
    await expect(resend).toHaveClass(/button-primary/);
    await expectAccessible(page);

    // No warning for a cancelled code: the tap asks main for a new e-mail at once (which then
    // goes, or says how long the e-mail cooldown of the first send still runs).
    await resend.click();
    await expect.poll(() => sends.length).toBe(2);
    await expect(page.getByTestId('resend-warning')).toHaveCount(0);
  });
}
