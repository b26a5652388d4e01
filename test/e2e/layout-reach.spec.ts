/**
 * Reach, not looks: on every student journey screen with a form, on the staff sign-in and on a
 * staff action's form, in portrait (1080×1920) and landscape (1920×1080), with normal and with
 * larger text, and with the on-screen keyboard up, the student (or agent) can see and touch
 * - the field being typed into (a form opens with its first field focused, so the keyboard is up
 *   without a touch),
 * - the screen's main action,
 * - the way out: "Retour" where the screen has one, and "⌂ Accueil" (staff: "Annuler"),
 * and while a new password is typed, what it is judged by (rules, meter, "show passwords").
 * Each is checked inside the viewport, clear of the keyboard, and not covered at five points of
 * its box (document.elementFromPoint): placement() in placement.ts. Every problem on a screen is
 * reported, not only the first. Screenshots: test-results/screenshots/reach-….
 */
import type { Locator, Page } from '@playwright/test';
import { PASSWORDS } from '../support/dataset';
import { expect, test } from './fixtures';
import { type Texts, identify, openKiosk, title } from './kiosk';
import { VIEWS, type View, placement } from './placement';
import { AGENT, find } from './staff-steps';

const DIR = 'test-results/screenshots';
const soft = expect.configure({ soft: true });

const keyboard = (page: Page) => page.getByTestId('osk');
const home = (page: Page) => page.getByTestId('journey-home');

interface Setup {
  view: View;
  large: boolean;
}
const SETUPS: Setup[] = [
  { view: 'portrait', large: false },
  { view: 'portrait', large: true },
  { view: 'landscape', large: false },
  { view: 'landscape', large: true },
];
const label = ({ view, large }: Setup) => `${view}${large ? ', larger text' : ''}`;

async function start(page: Page, url: string, setup: Setup): Promise<Texts> {
  await page.setViewportSize(VIEWS[setup.view]);
  const t = await openKiosk(page, url);
  if (setup.large) {
    await page.getByRole('button', { name: t['header.largeText'] }).click();
    await expect(page.locator('html')).toHaveClass(/large-text/);
  }
  return t;
}

/**
 * The screen as it is now: each part in view and uncovered (soft: every failing part of every
 * screen is listed). Each is polled, as focus moves scroll the screen and the keyboard moves in.
 */
async function expectReach(
  page: Page,
  setup: Setup,
  screen: string,
  parts: Record<string, Locator>,
): Promise<void> {
  const name = `${label(setup)}, ${screen}`;
  // The page itself never scrolls: only the screen, between the header and the keyboard.
  soft(
    await page.evaluate(() => document.scrollingElement!.scrollTop),
    `${name}: page scroll`,
  ).toBe(0);
  for (const [part, locator] of Object.entries(parts)) {
    await expect(locator, `${name}: ${part}`).toBeVisible();
    await soft.poll(() => placement(page, locator), { message: `${name}: ${part}` }).toEqual([]);
  }
  await page.screenshot({
    path: `${DIR}/reach-${setup.view}${setup.large ? '-large' : ''}-${screen.replace(/\W+/g, '-')}.png`,
  });
}

/**
 * The field a form opens with: focused, the keyboard up for it, without a touch. Where it is not
 * (soft: reported), the student taps it, and the screen's layout is checked all the same.
 */
async function typing(page: Page, field: Locator): Promise<Locator> {
  await soft(field, 'focused as its form opens').toBeFocused();
  if (!(await field.evaluate((element) => element === document.activeElement))) {
    await field.click();
  }
  await expect(keyboard(page)).toBeVisible();
  return field;
}

/** A touch on a field: it takes the focus and the keyboard comes up. */
async function tap(page: Page, field: Locator): Promise<Locator> {
  await field.click();
  return typing(page, field);
}

/** "Retour", the one-step-back button of a journey screen. */
const back = (page: Page, t: Texts) =>
  page.getByRole('button', { name: t['common.back'], exact: true });

/**
 * What a new password is judged by while it is typed: the rules, the meter, "show passwords".
 * With larger text the rules and the meter's tip are taller than the room the keyboard leaves:
 * the meter's verdict (above the rules) and "show passwords" must still show beside the field.
 */
function judges(page: Page, t: Texts, setup: Setup): Record<string, Locator> {
  const show = page.getByRole('checkbox', { name: t['password.show'] });
  if (setup.large) {
    return { verdict: page.getByTestId('strength-label'), 'show passwords': show };
  }
  return {
    rules: page.locator('#password-rules'),
    meter: page.getByTestId('strength'),
    'show passwords': show,
  };
}

for (const setup of SETUPS) {
  test.describe(label(setup), () => {
    test('activation: identification, code, charter, new password', async ({ page, kiosk }) => {
      test.setTimeout(120_000);
      const t = await start(page, kiosk.url, setup);
      await page.getByRole('button', { name: t['journey.activation.title'] }).click();
      const number = page.getByRole('textbox', { name: t['identify.studentNumber.label'] });
      const submit = page.getByRole('button', { name: t['identify.submit'], exact: true });
      await expectReach(page, setup, 'identify', {
        field: await typing(page, number),
        action: submit,
        home: home(page),
      });
      await number.fill('21901234');
      const birth = page.getByRole('textbox', { name: t['identify.birthDate.label'] });
      await expectReach(page, setup, 'identify birth date', {
        field: await tap(page, birth),
        action: submit,
        home: home(page),
      });
      await birth.fill('14032001');
      await submit.click();

      await page.getByRole('button', { name: t['code.email.send'], exact: true }).click();
      await expect(page.getByTestId('email-sent')).toBeVisible();
      const code = page.getByRole('textbox', { name: t['code.label'] });
      const go = page.getByRole('button', { name: t['common.continue'], exact: true });
      await expectReach(page, setup, 'activation code', {
        field: await typing(page, code),
        action: go,
        back: back(page, t),
        home: home(page),
      });
      await code.fill((await kiosk.latestMail('eloise.nd@example.org')).code);
      await go.click();

      // The charter: no field to type into, its acceptance and buttons in view as it opens.
      await expect(page.getByTestId('charter')).toBeVisible();
      const accept = page.getByRole('checkbox', { name: t['charter.accept'] });
      const parts = { checkbox: accept, action: go, back: back(page, t), home: home(page) };
      await expectReach(page, setup, 'charter', parts);
      await accept.check();
      await expectReach(page, setup, 'charter accepted', parts);
      await go.click();

      const password = page.getByLabel(t['password.new.label'], { exact: true });
      const activate = page.getByRole('button', { name: t['activation.submit'] });
      await expectReach(page, setup, 'new password', {
        field: await typing(page, password),
        action: activate,
        back: back(page, t),
        home: home(page),
      });
      await password.fill('Tortue');
      await expectReach(page, setup, 'new password typed', {
        field: password,
        ...judges(page, t, setup),
        action: activate,
      });
      await password.fill('Tortue-Vive-83');
      const confirmation = page.getByLabel(t['password.confirm.label'], { exact: true });
      await expectReach(page, setup, 'password confirmation', {
        field: await tap(page, confirmation),
        'show passwords': judges(page, t, setup)['show passwords']!,
        action: activate,
        back: back(page, t),
        home: home(page),
      });
    });

    test('password change', async ({ page, kiosk }) => {
      const t = await start(page, kiosk.url, setup);
      await page.getByRole('button', { name: t['journey.passwordChange.title'] }).click();
      const change = page.getByRole('button', { name: t['change.submit'] });
      const identifier = page.getByRole('textbox', { name: t['login.identifier.label'] });
      await expectReach(page, setup, 'change identifier', {
        field: await typing(page, identifier),
        action: change,
        home: home(page),
      });
      await identifier.fill('abensaid');
      const current = page.getByLabel(t['change.current.label']);
      await expectReach(page, setup, 'change current password', {
        field: await tap(page, current),
        action: change,
        home: home(page),
      });
      await current.fill(PASSWORDS.abensaid);
      const password = page.getByLabel(t['password.new.label'], { exact: true });
      await expectReach(page, setup, 'change new password', {
        field: await tap(page, password),
        action: change,
        home: home(page),
      });
      await password.fill('Lune');
      await expectReach(page, setup, 'change new password typed', {
        field: password,
        ...judges(page, t, setup),
        action: change,
      });
      const confirmation = page.getByLabel(t['password.confirm.label'], { exact: true });
      await expectReach(page, setup, 'change confirmation', {
        field: await tap(page, confirmation),
        'show passwords': judges(page, t, setup)['show passwords']!,
        action: change,
        home: home(page),
      });
    });

    test('mail: login and new address', async ({ page, kiosk }) => {
      const t = await start(page, kiosk.url, setup);
      await page.getByRole('button', { name: t['journey.mail.title'] }).click();
      const login = page.getByRole('button', { name: t['mail.login.submit'] });
      const identifier = page.getByRole('textbox', { name: t['login.identifier.label'] });
      const forgot = page.getByRole('button', { name: t['login.forgotPassword'] });
      await expectReach(page, setup, 'mail login', {
        field: await typing(page, identifier),
        action: login,
        home: home(page),
      });
      await identifier.fill('ihaddad');
      const password = page.getByLabel(t['login.password.label'], { exact: true });
      await expectReach(page, setup, 'mail login password', {
        field: await tap(page, password),
        action: login,
        home: home(page),
      });
      // Put away, the keyboard leaves the room to the help for a forgotten password: in view at
      // once with normal text; with larger text the form is taller than the screen, and the help
      // shows once scrolled to the end (nothing is cut at the end of the scroll).
      await page.getByRole('button', { name: t['osk.hide'] }).click();
      await expect(keyboard(page)).toBeHidden();
      if (setup.large) {
        await page.locator('main').evaluate((main) => main.scrollTo(0, main.scrollHeight));
      }
      await expectReach(page, setup, 'mail login help', { forgot, action: login });
      await password.fill(PASSWORDS.ihaddad);
      await login.click();

      await page.getByRole('radio', { name: t['mail.choice.redirect'] }).check();
      const address = page.getByRole('textbox', { name: t['mail.address.label'] });
      await expectReach(page, setup, 'mail address', {
        field: await tap(page, address),
        action: page.getByRole('button', { name: t['mail.save'] }),
        home: home(page),
      });
    });

    test('forgotten password: identification, code and new password', async ({ page, kiosk }) => {
      const t = await start(page, kiosk.url, setup);
      await page.getByRole('button', { name: t['journey.connectionProblem.title'] }).click();
      await page.getByRole('button', { name: t['problem.password.title'] }).click();
      await identify(page, t, '22110001', '17052002');
      await page.getByRole('button', { name: t['code.email.send'], exact: true }).click();
      await expect(page.getByTestId('email-sent')).toBeVisible();
      // The code step, the same as activation's: its own main action and way out.
      const code = page.getByRole('textbox', { name: t['code.label'] });
      const go = page.getByRole('button', { name: t['common.continue'], exact: true });
      await expectReach(page, setup, 'reset code', {
        field: await typing(page, code),
        action: go,
        back: back(page, t),
        home: home(page),
      });
      await code.fill((await kiosk.latestMail('hugo.lefevre@example.com')).code);
      await go.click();

      // The new password on its own step: it opens on the field, and what the password is
      // judged by shows with it while it is typed.
      const password = page.getByLabel(t['password.new.label'], { exact: true });
      const save = page.getByRole('button', { name: t['reset.submit'] });
      await expectReach(page, setup, 'reset new password', {
        field: await typing(page, password),
        action: save,
        back: back(page, t),
        home: home(page),
      });
      await password.fill('Lune');
      await expectReach(page, setup, 'reset new password typed', {
        field: password,
        ...judges(page, t, setup),
        action: save,
      });
      await password.fill('Tortue-Vive-83');
      const confirmation = page.getByLabel(t['password.confirm.label'], { exact: true });
      await expectReach(page, setup, 'reset confirmation', {
        field: await tap(page, confirmation),
        'show passwords': judges(page, t, setup)['show passwords']!,
        action: save,
        back: back(page, t),
        home: home(page),
      });
    });

    test('staff: sign-in and an action form', async ({ page, kiosk }) => {
      const t = await start(page, kiosk.url, setup);
      await page.keyboard.press('Control+Alt+s');
      await expect(title(page, t['staff.signIn.title'])).toBeVisible();
      const marker = page.getByTestId('staff-marker');
      const staffId = page.getByRole('textbox', { name: t['staff.signIn.staffId'] });
      const signIn = page.getByRole('button', { name: t['staff.signIn.submit'] });
      const cancel = marker.getByRole('button', { name: t['staff.cancel'] });
      await expectReach(page, setup, 'staff sign-in', {
        field: await typing(page, staffId),
        action: signIn,
        cancel,
      });
      await staffId.fill(AGENT.id);
      const pin = page.getByLabel(t['staff.signIn.pin'], { exact: true });
      await expectReach(page, setup, 'staff PIN', {
        field: await tap(page, pin),
        action: signIn,
        cancel,
      });
      await pin.fill(AGENT.pin);
      await signIn.click();
      await expect(title(page, t['staff.search.title'])).toBeVisible();
      await find(page, t, '21901234', "Éloïse N'Diaye-Brûlé");

      await page.getByRole('button', { name: t['staff.action.resend'] }).click();
      const form = page.getByTestId('staff-mode').locator('form.action-form');
      const note = page.getByLabel(t['staff.action.note']);
      await expectReach(page, setup, 'staff action', {
        field: await tap(page, note),
        action: form.getByRole('button', { name: t['staff.action.confirm'] }),
        cancel: form.getByRole('button', { name: t['staff.cancel'] }),
      });
    });
  });
}
