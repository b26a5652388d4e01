/**
 * Staff mode through the web host, on the real main (staff handlers) and simulator: hidden entry,
 * sign-in, lookup, timeline, actions, hand-off finished by the student, roles, idle, FR and EN,
 * axe on every staff screen, and screenshots of them.
 */
import { expect, test } from './fixtures';
import { LANGS, TEXTS, expectAccessible, finish, openKiosk, title, typeNewPassword } from './kiosk';
import {
  SUPERVISOR,
  VIEWS,
  act,
  confirmAction,
  expectStaffScreen,
  find,
  shootStaff,
  signIn,
} from './staff-steps';

for (const lang of LANGS) {
  test(`${lang}: sign in, find by name, timeline, resend, screenshots`, async ({ page, kiosk }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(VIEWS.portrait);
    const t = await openKiosk(page, kiosk.url, { lang });
    await page.keyboard.press('Control+Alt+s');
    await expect(page.getByTestId('staff-marker')).toContainText(t['staff.marker']);
    await shootStaff(page, lang, '01-sign-in');
    await page.getByRole('textbox', { name: t['staff.signIn.staffId'] }).fill('agent01');
    await page.getByLabel(t['staff.signIn.pin'], { exact: true }).fill('000000');
    await page.getByRole('button', { name: t['staff.signIn.submit'] }).click();
    await expect(page.getByRole('alert')).toHaveText(t['error.staff_pin_invalid']);
    await signIn(page, t); // the sign-in screen stays open after a refusal
    await expect(page.getByTestId('staff-marker')).toContainText('Camille Martin');
    await expect(page.getByRole('button', { name: t['staff.nav.audit'] })).toHaveCount(0);
    await shootStaff(page, lang, '02-search');
    await find(page, t, 'brule', "Éloïse N'Diaye-Brûlé");
    await expect(page.getByTestId('staff-timeline')).toContainText(
      t['staff.timeline.enrollment_validated'],
    );
    await expect(page.getByTestId('staff-email')).toContainText('@example.org');
    await expect(page.getByTestId('staff-email')).not.toContainText('eloise.nd@');
    await shootStaff(page, lang, '03-student');
    await act(page, t, t['staff.action.resend'], t['staff.reason.email_not_received']);
    await expect(page.getByTestId('staff-notice')).toContainText(
      t['staff.notice.sent'].split('{to}')[0]!,
    );
    expect((await kiosk.latestMail('eloise.nd@example.org')).code).toBeTruthy();
    await expect(page.getByTestId('staff-timeline')).toContainText(
      t['staff.timeline.activation_email_sent'],
    );
    await shootStaff(page, lang, '04-resent');
    await page.getByRole('button', { name: t['staff.nav.diagnostics'] }).click();
    await expect(page.getByTestId('staff-diagnostics')).toBeVisible();
    await expect(page.getByText(t['staff.diagnostics.readOnly'])).toBeVisible();
    // Said first: above the figures and the one action an agent has.
    const readOnly = (await page.getByTestId('staff-read-only').boundingBox())!;
    const facts = (await page.getByTestId('staff-diagnostics').boundingBox())!;
    const action = (await page.getByTestId('staff-clear-budget').boundingBox())!;
    expect(readOnly.y + readOnly.height).toBeLessThanOrEqual(Math.min(facts.y, action.y));
    await expect(page.getByTestId('staff-connectivity')).toHaveText(
      t['staff.diagnostics.state.online'],
    );
    await shootStaff(page, lang, '05-diagnostics');
    await page.getByRole('button', { name: t['staff.nav.deadLetters'] }).click();
    await expect(title(page, t['staff.deadLetters.title'])).toBeVisible();
    await shootStaff(page, lang, '06-dead-letters');
    await page.getByRole('button', { name: t['staff.finish'] }).click();
    // "Terminer" wipes like a student's end: home, in the kiosk's default language again.
    await expect(title(page, TEXTS.fr['home.title'])).toBeVisible();
    await expect(page.getByTestId('staff-marker')).toHaveCount(0);
  });

  test(`${lang}: the e-mail shown after an in-person check, then a password hand-off`, async ({
    page,
    kiosk,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(VIEWS.portrait);
    const t = await openKiosk(page, kiosk.url, { lang });
    await signIn(page, t, SUPERVISOR);
    await find(page, t, '22110001', 'Hugo Lefèvre');
    const email = page.getByTestId('staff-email');
    await expect(email).not.toContainText('hugo.lefevre@');
    // Shown only once the agent says which identity document they checked.
    await page.getByRole('button', { name: t['staff.student.reveal'] }).click();
    await confirmAction(page, t, t['staff.reason.email_address_wrong']);
    await expect(page.getByRole('alert')).toHaveText(t['staff.action.problem.document']);
    await expect(email).not.toContainText('hugo.lefevre@');
    await shootStaff(page, lang, '07-reveal-check');
    await confirmAction(
      page,
      t,
      t['staff.reason.email_address_wrong'],
      t['staff.document.passport'],
    );
    await expect(email).toHaveText('hugo.lefevre@example.com');

    await act(
      page,
      t,
      t['staff.action.handOffReset'],
      t['staff.reason.forgotten_password'],
      t['staff.document.passport'],
    );
    // The student's own screen: no staff marker, no mailed code to type, no e-mail shown.
    await expect(title(page, t['reset.title'])).toBeVisible();
    await expect(page.getByTestId('staff-marker')).toHaveCount(0);
    await expect(page.getByText('hugo.lefevre@')).toHaveCount(0);
    await expect(page.getByRole('textbox', { name: t['code.label'] })).toHaveCount(0);
    await expect(page.getByRole('button', { name: t['code.email.resend'] })).toHaveCount(0);
    await expect(page.getByTestId('reset-granted')).toHaveText(t['reset.granted']);
    await expectAccessible(page);
    await typeNewPassword(page, t, 'Lune-Claire-2031');
    await page.getByRole('button', { name: t['reset.submit'] }).click();
    await expect(title(page, t['done.reset.title'])).toBeVisible();
    expect(await kiosk.mailbox('hugo.lefevre@example.com')).toEqual([]);
    await finish(page, t, ['hlefevre']);

    // The new password is the account's now: it opens the mail settings.
    const fr = TEXTS.fr;
    await page.getByRole('button', { name: fr['journey.mail.title'] }).click();
    await page.getByRole('textbox', { name: fr['login.identifier.label'] }).fill('hlefevre');
    await page.getByLabel(fr['login.password.label'], { exact: true }).fill('Lune-Claire-2031');
    await page.getByRole('button', { name: fr['mail.login.submit'] }).click();
    await expect(page.getByTestId('mail-current')).toBeVisible();
    await page.getByRole('button', { name: fr['common.home'], exact: true }).click();
    await expect(title(page, fr['home.title'])).toBeVisible();

    // Both acts are in the audit chain, with who and why.
    if (lang === 'en')
      await page.getByRole('button', { name: fr['header.switchLanguage'] }).click();
    await signIn(page, t, SUPERVISOR);
    await page.getByRole('button', { name: t['staff.nav.audit'] }).click();
    await expect(page.getByTestId('staff-audit-verdict')).toContainText(
      t['staff.audit.ok'].split('{count}')[0]!,
    );
    const row = (action: string) =>
      page.getByTestId('staff-audit').getByRole('row').filter({ hasText: action });
    // In words, not as main keeps them ("staff.reveal_email", "email_address_wrong").
    const reveal = row(t['staff.act.reveal_email']);
    await expect(reveal).toContainText('super01');
    await expect(reveal).toContainText(t['staff.reason.email_address_wrong']);
    await expect(row(t['staff.act.handoff_password_reset'])).toContainText(
      `${t['staff.reason.forgotten_password']} (${t['staff.document.passport']})`,
    );
    await expect(page.getByTestId('staff-audit')).not.toContainText(/\b[a-z]+_[a-z_]+\b|staff\./);
    // A new session: the account is shown by its mark, the same on both lines, never named.
    await expect(page.getByTestId('staff-audit-tags')).toHaveText(t['staff.audit.tags']);
    const word = t['staff.audit.account'].replace(' {tag}', '');
    const mark = new RegExp(`${word} ([0-9a-f]{8})`);
    const revealText = await reveal.textContent();
    const tag = mark.exec(revealText ?? '')?.[1];
    expect(tag).toBeDefined();
    await expect(row(t['staff.act.handoff_password_reset'])).toContainText(`${word} ${tag}`);
    await expect(page.getByTestId('staff-audit')).not.toContainText('hlefevre');
    await shootStaff(page, lang, '08-audit');
    // Once this session opened the account, its lines name it.
    await page.getByRole('button', { name: t['staff.nav.search'] }).click();
    await find(page, t, '22110001', 'Hugo Lefèvre');
    await page.getByRole('button', { name: t['staff.nav.audit'] }).click();
    await expect(row(t['staff.act.reveal_email'])).toContainText(
      t['staff.audit.accountNamed'].replace('{identifier}', 'hlefevre').replace('{tag}', tag!),
    );
  });
}

test('unlock a locked account, found by number; a supervisor syncs and retries the outbox', async ({
  page,
  kiosk,
}) => {
  const t = await openKiosk(page, kiosk.url);
  await signIn(page, t, SUPERVISOR);
  await find(page, t, '21110005', 'Sofia Ødegaard');
  // Staff words (not the student's "l'accueil peut vous aider"), and when and why it was locked.
  await expect(page.getByTestId('staff-status')).toHaveText(t['staff.status.locked']);
  await expect(page.getByTestId('staff-lock-reason')).toHaveText(
    t['staff.lockReason.too_many_failures'],
  );
  const timeline = page.getByTestId('staff-timeline');
  await expect(timeline.locator('tr[data-kind="account_locked"]')).toContainText(
    `${t['staff.timeline.account_locked']} — ${t['staff.lockReason.too_many_failures']}`,
  );
  await act(
    page,
    t,
    t['staff.action.unlock'],
    t['staff.reason.account_locked'],
    t['staff.document.student_card'],
  );
  await expect(page.getByTestId('staff-notice')).toHaveText(t['staff.notice.done']);
  await expect(page.getByTestId('staff-current')).not.toContainText(t['staff.state.locked']);
  // One line for the unlock, with who and why; the page views stay in the audit log.
  const unlocked = timeline.locator('tr[data-kind="account_unlocked"]');
  await expect(unlocked).toHaveCount(1);
  await expect(unlocked).toContainText('super01');
  await expect(unlocked).toContainText(t['staff.reason.account_locked']);
  await expect(timeline.locator('tr[data-kind^="operation_"]')).toHaveCount(0);
  await expect(timeline.locator('tr[data-kind="staff_action"]')).toHaveCount(0);
  await expect(page.getByTestId('staff-mode')).not.toContainText(/accueil|view_student|\(staff\./);
  await expectStaffScreen(page);
  await page.getByRole('button', { name: t['staff.nav.diagnostics'] }).click();
  await expect(page.getByTestId('staff-diagnostics')).toBeVisible();
  await expect(page.getByText(t['staff.diagnostics.readOnly'])).toHaveCount(0);
  await page.getByRole('button', { name: t['staff.diagnostics.syncNow'] }).click();
  await expect(page.getByTestId('staff-notice')).toHaveText(t['staff.notice.done']);
  await page.getByRole('button', { name: t['staff.diagnostics.retryOutbox'] }).click();
  await expect(page.getByTestId('staff-notice')).toHaveText(t['staff.notice.done']);
  await expectStaffScreen(page);
});

test('identity check + hand-off: the student finishes activation on the same screen', async ({
  page,
  kiosk,
}) => {
  test.setTimeout(90_000);
  const t = await openKiosk(page, kiosk.url);
  await signIn(page, t);
  await find(page, t, '21901234', "Éloïse N'Diaye-Brûlé");
  await act(
    page,
    t,
    t['staff.action.handOffActivation'],
    t['staff.reason.activation_help'],
    t['staff.document.national_id_card'],
  );
  await expect(page.getByTestId('staff-marker')).toHaveCount(0);
  await expect(page.getByTestId('charter')).toBeVisible();
  await page.getByRole('checkbox', { name: t['charter.accept'] }).check();
  await page.getByRole('button', { name: t['common.continue'] }).click();
  await typeNewPassword(page, t, 'Tortue-Vive-83');
  await page.getByRole('button', { name: t['activation.submit'] }).click();
  await expect(page.getByTestId('ent-qr')).toBeVisible();
  expect(await kiosk.mailbox('eloise.nd@example.org')).toEqual([]);
});

test('idle: the staff session ends and the screen returns home, wiped', async ({ page, kiosk }) => {
  await page.clock.install();
  const t = await openKiosk(page, kiosk.url);
  await signIn(page, t);
  await find(page, t, 'brule', "Éloïse N'Diaye-Brûlé");
  await page.clock.runFor(95_000);
  await expect(page.getByTestId('idle-dialog')).toBeVisible();
  // The agent's session, not the student's "la borne efface vos informations".
  await expect(page.getByTestId('idle-dialog')).toContainText(
    t['staff.idle.body'].split('{seconds}')[0]!,
  );
  await expectAccessible(page);
  await page.clock.runFor(30_000);
  await expect(title(page, t['home.title'])).toBeVisible();
  await expect(page.getByText("N'Diaye-Brûlé")).toHaveCount(0);
  // Back in: a new sign-in is needed.
  await page.keyboard.press('Control+Alt+s');
  await expect(title(page, t['staff.signIn.title'])).toBeVisible();
});

test('a long press on the institution name opens staff sign-in', async ({ page, kiosk }) => {
  const t = await openKiosk(page, kiosk.url);
  const brand = page.getByTestId('brand');
  await brand.hover();
  await page.mouse.down();
  await expect(title(page, t['staff.signIn.title'])).toBeVisible();
  await page.mouse.up();
});

test('an agent lifts the kiosk-wide slow-down of identification from diagnostics', async ({
  page,
  kiosk,
}) => {
  const t = await openKiosk(page, kiosk.url);
  // Wrong dates for many numbers, as one person trying at the kiosk would: past the kiosk's free
  // allowance, every identification waits (issue 8's progressive budget), whoever asks.
  const identify = (studentNumber: string, birthDate: string) =>
    page.evaluate(
      async ([studentNumber, birthDate]) => {
        const response = await fetch('/rpc/student.identify', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ studentNumber, birthDate }),
        });
        return (await response.json()) as {
          ok: boolean;
          error?: { code: string; retryAfterSeconds?: number };
        };
      },
      [studentNumber, birthDate],
    );
  let slowed = null as null | { code: string; retryAfterSeconds?: number };
  for (let i = 0; i < 40 && slowed === null; i += 1) {
    const reply = await identify(`2990${String(i).padStart(4, '0')}`, '01012000');
    if (reply.error?.code === 'locked_out') slowed = reply.error;
  }
  expect(slowed?.retryAfterSeconds).toBeGreaterThan(0);
  expect((await identify('21901234', '14032001')).error?.code).toBe('locked_out');

  await signIn(page, t);
  await page.getByRole('button', { name: t['staff.nav.diagnostics'] }).click();
  await act(page, t, t['staff.action.clearBudget'], t['staff.reason.student_request']);
  await expect(page.getByTestId('staff-notice')).toHaveText(t['staff.notice.done']);
  await expectAccessible(page);

  // Students are answered again at once.
  expect(await identify('21901234', '14032001')).toMatchObject({ ok: true });
});
