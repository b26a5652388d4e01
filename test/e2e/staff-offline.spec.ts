/**
 * Staff mode on a live kiosk whose central API stops and comes back (test/e2e/live-kiosk.ts):
 * an agent seen online signs in offline against the kiosk's verifier and finds a student from the
 * cache by number + birth date; operations queued during the outage that the API refuses when
 * they are replayed become dead letters, which the agent retries (after fixing the cause) or
 * discards.
 */
import type { Page } from '@playwright/test';
import { seededDataset } from '../support/dataset';
import { expect, test } from './fixtures';
import { LANGS, TEXTS, finish, openKiosk, title, type Lang } from './kiosk';
import {
  SUPERVISOR,
  confirmAction,
  expectStaffScreen,
  find,
  shootStaff,
  signIn,
} from './staff-steps';

/** Sofia Ødegaard's account is locked at the API; her password is demo data, not a secret. */
const SOFIA = { identifier: 'sodegaard', password: 'Ancien-Verrou-21', next: 'Nouveau-Depart-31' };

test.use({
  liveDataset: {
    build() {
      const dataset = seededDataset(new Date());
      return {
        ...dataset,
        students: dataset.students.map((s) =>
          s.identifier === SOFIA.identifier ? { ...s, password: SOFIA.password } : s,
        ),
      };
    },
  },
});

/** A password change from the home screen, queued with a receipt while the API is away. */
async function queuePasswordChange(page: Page, lang: Lang, identifier: string, current: string) {
  const t = TEXTS[lang];
  await page.getByRole('button', { name: t['journey.passwordChange.title'] }).click();
  await page.getByRole('textbox', { name: t['login.identifier.label'] }).fill(identifier);
  await page.getByLabel(t['change.current.label']).fill(current);
  await page.getByLabel(t['password.new.label'], { exact: true }).fill(SOFIA.next);
  await page.getByLabel(t['password.confirm.label'], { exact: true }).fill(SOFIA.next);
  await page.getByRole('button', { name: t['change.submit'] }).click();
  await expect(title(page, t['done.change.title'])).toBeVisible();
  await expect(page.getByTestId('receipt-reference')).toBeVisible();
  await finish(page, t, [identifier]);
  await homeIn(page, lang);
}

/** The outbox's counts, asked of main like the renderer does (kiosk.status). */
async function outbox(page: Page, kioskUrl: string) {
  // The tab's session cookie goes with it (page.request shares the context's cookies).
  const { origin } = new URL(kioskUrl);
  const answer = await page.request.post(`${origin}/rpc/kiosk.status`, {
    headers: { origin },
    data: {},
  });
  const reply = (await answer.json()) as {
    ok: boolean;
    value: { outbox: { pending: number; dead: number } };
  };
  return reply.ok ? reply.value.outbox : null;
}

/** The dead letter of one account on the dead-letters screen. */
const letterOf = (page: Page, identifier: string) =>
  page.getByTestId('staff-dead-letters').getByRole('listitem').filter({ hasText: identifier });

/**
 * Home after a visit ended ("Terminer", staff "Terminer"): the kiosk is back in French; the
 * person of this test reads `lang`, so they switch again, as anyone would.
 */
async function homeIn(page: Page, lang: Lang) {
  await expect(title(page, TEXTS.fr['home.title'])).toBeVisible();
  if (lang === 'fr') return;
  await page.getByRole('button', { name: TEXTS.fr['header.switchLanguage'] }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
}

for (const lang of LANGS) {
  test(`${lang}: offline sign-in and lookup from the cache; refused operations retried and discarded`, async ({
    page,
    liveKiosk,
  }) => {
    test.setTimeout(240_000);
    const t = await openKiosk(page, liveKiosk.url, { lang });
    // Signed in online once: the kiosk keeps a keyed verifier of this agent's PIN.
    await signIn(page, t);
    await page.getByRole('button', { name: t['staff.finish'] }).click();
    await homeIn(page, lang);

    await liveKiosk.stopApi();
    // Queued during the outage: Sofia's change (right password, but her account is locked at the
    // API) and one for Inès typed with a wrong current password.
    await queuePasswordChange(page, lang, SOFIA.identifier, SOFIA.password);
    await queuePasswordChange(page, lang, 'ihaddad', 'Pas-Le-Bon-77');

    // Offline, only an agent this kiosk saw online can sign in; anyone else is answered as a
    // wrong PIN is, so the kiosk does not tell who signed in on it.
    await page.keyboard.press('Control+Alt+s');
    await page.getByRole('textbox', { name: t['staff.signIn.staffId'] }).fill(SUPERVISOR.id);
    await page.getByLabel(t['staff.signIn.pin'], { exact: true }).fill(SUPERVISOR.pin);
    await page.getByRole('button', { name: t['staff.signIn.submit'] }).click();
    await expect(page.getByRole('alert')).toHaveText(t['error.staff_pin_invalid']);
    await page.getByRole('button', { name: t['staff.cancel'] }).click();
    await homeIn(page, lang);
    await signIn(page, t);
    await expect(page.getByTestId('staff-offline')).toHaveText(t['staff.offline']);
    await expect(page.getByRole('textbox', { name: t['staff.search.query'] })).toHaveCount(0);
    await shootStaff(page, lang, '09-offline-search');

    // From the cache, by number and birth date; a wrong date finds nobody.
    const number = page.getByRole('textbox', { name: t['staff.search.offlineNumber'] });
    const birthDate = page.getByRole('textbox', { name: t['staff.search.offlineBirthDate'] });
    const search = page
      .getByRole('search')
      .getByRole('button', { name: t['staff.search.submit'], exact: true });
    await number.fill('21110005');
    await birthDate.fill('01012000');
    await search.click();
    await expect(page.getByText(t['staff.search.none'])).toBeVisible();
    await birthDate.fill('21072000');
    await search.click();
    await expect(title(page, 'Sofia Ødegaard')).toBeVisible();
    await expect(page.getByText(t['staff.student.offline'])).toBeVisible();
    await expect(page.getByTestId('staff-timeline')).toContainText(
      t['staff.timeline.operation_queued'],
    );
    // Nothing that needs the API is offered: no e-mail to show, no unlock, no hand-off.
    await expect(page.getByRole('button', { name: t['staff.student.reveal'] })).toHaveCount(0);
    await expect(page.getByRole('button', { name: t['staff.action.unlock'] })).toHaveCount(0);
    await shootStaff(page, lang, '10-offline-student');
    await page.getByRole('button', { name: t['staff.finish'] }).click();
    await homeIn(page, lang);

    // Back online, the API refuses both when they are replayed: two dead letters.
    await liveKiosk.startApi();
    await expect
      .poll(() => outbox(page, liveKiosk.url), { timeout: 90_000 })
      .toEqual({ pending: 0, dead: 2 });

    await signIn(page, t);
    await expect(page.getByTestId('staff-offline')).toHaveCount(0);
    await page.getByRole('button', { name: t['staff.nav.deadLetters'] }).click();
    await expect(letterOf(page, SOFIA.identifier)).toBeVisible();
    await expect(letterOf(page, 'ihaddad')).toContainText(t['staff.operation.password.change']);
    await shootStaff(page, lang, '11-dead-letters');

    // Sofia: her page says why, the agent unlocks the account, then retries her change.
    await page.getByRole('button', { name: t['staff.nav.search'] }).click();
    await find(page, t, '21110005', 'Sofia Ødegaard');
    await expect(page.getByTestId('staff-timeline')).toContainText(
      t['staff.timeline.operation_dead_lettered'],
    );
    await page.getByRole('button', { name: t['staff.action.unlock'] }).click();
    await confirmAction(
      page,
      t,
      t['staff.reason.account_locked'],
      t['staff.document.student_card'],
    );
    await expect(page.getByTestId('staff-notice')).toHaveText(t['staff.notice.done']);
    await page.getByRole('button', { name: t['staff.nav.deadLetters'] }).click();
    await letterOf(page, SOFIA.identifier)
      .getByRole('button', { name: t['staff.action.retryDeadLetter'] })
      .click();
    await expectStaffScreen(page);
    await confirmAction(page, t, t['staff.reason.account_locked']);
    await expect(page.getByTestId('staff-notice')).toHaveText(t['staff.notice.done']);
    await expect
      .poll(() => outbox(page, liveKiosk.url), { timeout: 60_000 })
      .toEqual({ pending: 0, dead: 1 });

    // Inès's change cannot succeed: discarded, with a reason.
    await page.getByRole('button', { name: t['staff.nav.search'] }).click();
    await page.getByRole('button', { name: t['staff.nav.deadLetters'] }).click();
    await expect(letterOf(page, SOFIA.identifier)).toHaveCount(0);
    await letterOf(page, 'ihaddad')
      .getByRole('button', { name: t['staff.action.discardDeadLetter'] })
      .click();
    await confirmAction(page, t, t['staff.reason.other']);
    await expect(page.getByTestId('staff-notice')).toHaveText(t['staff.notice.done']);
    await expect(page.getByText(t['staff.deadLetters.none'])).toBeVisible();
    await page.getByRole('button', { name: t['staff.finish'] }).click();
    await homeIn(page, lang);

    // Sofia's queued change is her password now.
    await page.getByRole('button', { name: t['journey.mail.title'] }).click();
    await page.getByRole('textbox', { name: t['login.identifier.label'] }).fill(SOFIA.identifier);
    await page.getByLabel(t['login.password.label'], { exact: true }).fill(SOFIA.next);
    await page.getByRole('button', { name: t['mail.login.submit'] }).click();
    await expect(page.getByTestId('mail-current')).toBeVisible();
  });
}
