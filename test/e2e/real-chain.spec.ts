// The kiosk on the real chain, started by `npm run stack`'s entry point: slapd with the demo
// students, PostgreSQL, an SMTP server, the Guichet server, and a kiosk provisioned against it.
// A student identifies, activates with the code from the e-mail the SMTP server received,
// changes the password, and redirects their mail after logging in with the new one (a login
// only slapd can accept); an agent unlocks an account ppolicy locked. Nothing here is the
// simulator.
import { codeInMail } from '../../src-server/mail/code-mail';
import { DEMO_PASSWORD } from '../../src-main/simulator/demo-students';
import { expect, test } from './real-chain-fixture';
import { expectDone, finish, identify, openKiosk, title, typeNewPassword } from './kiosk';
import { act, find, signIn } from './staff-steps';

interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
}

const ELOISE = { number: '21901234', birth: '14032001', mail: 'eloise.nd@example.org' };
const FIRST = 'Tortue-Vive-83';
const SECOND = 'Heron-Calme-57';

/** The code in the newest e-mail to `to` once `count` have arrived. */
async function codeFrom(mailbox: string, to: string, count: number): Promise<string> {
  let mails: ReceivedMail[] = [];
  await expect
    .poll(async () => {
      const answer = await fetch(`${mailbox}?to=${encodeURIComponent(to)}`);
      mails = ((await answer.json()) as { messages: ReceivedMail[] }).messages;
      return mails.length;
    })
    .toBeGreaterThanOrEqual(count);
  const code = codeInMail(mails.at(-1)!.text);
  if (!code) throw new Error('no code in the e-mail');
  return code;
}

test('on the real chain: identify, activate with the mailed code, change the password, redirect mail', async ({
  page,
  chain,
}) => {
  test.setTimeout(180_000);
  const t = await openKiosk(page, chain.kiosk);

  // Identification, from the SupAnn directory.
  await page.getByRole('button', { name: t['journey.findIdentifier.title'] }).click();
  await identify(page, t, ELOISE.number, ELOISE.birth);
  await expect(page.getByTestId('identifier')).toHaveText('endiayebrule');
  await page.getByRole('button', { name: t['common.finish'], exact: true }).click();

  // Activation with the code the server sent through SMTP.
  await page.getByRole('button', { name: t['journey.activation.title'] }).click();
  await identify(page, t, ELOISE.number, ELOISE.birth);
  await expect(page.getByTestId('activation-state')).toHaveAttribute('data-state', 'ready');
  await page.getByRole('button', { name: t['code.email.send'], exact: true }).click();
  await expect(page.getByTestId('email-sent')).toBeVisible();
  const code = await codeFrom(chain.mailbox, ELOISE.mail, 1);
  await page.getByRole('textbox', { name: t['code.label'] }).fill(code);
  await page.getByRole('button', { name: t['common.continue'] }).click();
  await expect(title(page, t['charter.heading'])).toBeVisible();
  await page.getByRole('checkbox', { name: t['charter.accept'] }).check();
  await page.getByRole('button', { name: t['common.continue'] }).click();
  await typeNewPassword(page, t, FIRST);
  await page.getByRole('button', { name: t['activation.submit'] }).click();
  await expectDone(page, t, t['done.activation.title'], 'endiayebrule');
  await finish(page, t, ['endiayebrule']);

  // Password change: slapd checks the current password.
  await page.getByRole('button', { name: t['journey.passwordChange.title'] }).click();
  await page.getByRole('textbox', { name: t['login.identifier.label'] }).fill('endiayebrule');
  await page.getByLabel(t['change.current.label']).fill(FIRST);
  await typeNewPassword(page, t, SECOND);
  await page.getByRole('button', { name: t['change.submit'] }).click();
  await expectDone(page, t, t['done.change.title'], 'endiayebrule');
  await finish(page, t, ['endiayebrule']);

  // Mail redirection, after a login with the new password (the old one would be refused).
  await page.getByRole('button', { name: t['journey.mail.title'] }).click();
  await page.getByRole('textbox', { name: t['login.identifier.label'] }).fill('endiayebrule');
  await page.getByLabel(t['login.password.label'], { exact: true }).fill(FIRST);
  await page.getByRole('button', { name: t['mail.login.submit'] }).click();
  await expect(page.getByRole('alert')).toHaveText(t['error.invalid_credentials']);
  await page.getByLabel(t['login.password.label'], { exact: true }).fill(SECOND);
  await page.getByRole('button', { name: t['mail.login.submit'] }).click();
  await expect(page.getByTestId('mail-current')).toHaveText(t['mail.current.none']);
  await page.getByRole('radio', { name: t['mail.choice.redirect'] }).check();
  await page
    .getByRole('textbox', { name: t['mail.address.label'] })
    .fill('eloise.perso@example.net');
  await page.getByRole('button', { name: t['mail.save'] }).click();
  await page.getByRole('button', { name: t['mail.confirm.submit'] }).click();
  await expectDone(page, t, t['done.mail.title'], 'endiayebrule');
  await finish(page, t, ['endiayebrule', 'eloise.perso@example.net']);
});

test('on the real chain: an agent unlocks an account slapd locked, and the student logs in', async ({
  page,
  chain,
}) => {
  test.setTimeout(120_000);
  const t = await openKiosk(page, chain.kiosk);
  const login = async () => {
    await page.getByRole('button', { name: t['journey.mail.title'] }).click();
    await page.getByRole('textbox', { name: t['login.identifier.label'] }).fill('sodegaard');
    await page.getByLabel(t['login.password.label'], { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: t['mail.login.submit'] }).click();
  };

  // ppolicy locked the account after failed binds: even the right password is refused.
  await login();
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByTestId('mail-current')).toHaveCount(0);
  await page.getByRole('button', { name: t['common.home'] }).click();
  await page.getByRole('button', { name: t['leave.confirm'] }).click();

  // The agent signs in with the PIN the server enrolled, role from the directory's group.
  await signIn(page, t);
  await find(page, t, '21807654', 'Søren Ødegaard');
  await expect(page.getByTestId('staff-current')).toContainText(t['staff.state.locked']);
  await act(
    page,
    t,
    t['staff.action.unlock'],
    t['staff.reason.account_locked'],
    t['staff.document.student_card'],
  );
  await expect(page.getByTestId('staff-notice')).toHaveText(t['staff.notice.done']);
  await expect(page.getByTestId('staff-current')).not.toContainText(t['staff.state.locked']);
  await page.getByRole('button', { name: t['staff.finish'] }).click();

  // slapd accepts the student's password again.
  await login();
  await expect(page.getByTestId('mail-current')).toBeVisible();
});
