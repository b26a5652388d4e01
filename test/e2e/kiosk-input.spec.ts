import { expect, test } from './fixtures';
import {
  LANGS,
  TEXTS,
  TICK,
  expectAccessible,
  identify,
  openKiosk,
  pauseClock,
  title,
} from './kiosk';

for (const lang of LANGS) {
  test(`${lang}: idle: a countdown asks, then everything is wiped and home comes back`, async ({
    page,
    kiosk,
  }) => {
    // On the page's clock; the demo option sets the question at 60 s and the wipe at 600 s, so
    // that the clock may run while axe checks the question (axe needs timers).
    await page.clock.install();
    const t = await openKiosk(page, kiosk.url, { lang, query: 'idle=60,600' });
    await page.getByRole('button', { name: t['journey.findIdentifier.title'] }).click();
    await identify(page, t, '21901234', '14032001');
    await expect(page.getByTestId('identifier')).toHaveText('endiayebrule');
    await pauseClock(page);
    // The last touch, at the paused instant: from here the test counts every second.
    await page.getByRole('button', { name: t['header.largeText'] }).click();
    await expect(page.locator('html')).toHaveClass(/large-text/);

    const dialog = page.getByRole('alertdialog', { name: t['idle.title'] });
    await page.clock.runFor(59_000);
    await expect(page.getByTestId('identifier')).toHaveText('endiayebrule');
    await expect(dialog).toHaveCount(0);
    await page.clock.runFor(1_000 + TICK);
    await expect(dialog).toBeVisible();
    await expect(page.getByRole('button', { name: t['idle.stay'] })).toBeFocused();
    await expect(dialog).toContainText(/\b540 s/);
    await page.clock.runFor(10_000);
    await expect(dialog).toContainText(/\b530 s/);
    await page.clock.resume();
    await expectAccessible(page);
    await pauseClock(page);
    // "Still here" keeps the journey as it was.
    await page.getByRole('button', { name: t['idle.stay'] }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('identifier')).toHaveText('endiayebrule');

    // Then, without an answer, the kiosk gives up: home, in French, default display.
    await page.clock.runFor(59_000);
    await expect(dialog).toHaveCount(0);
    await page.clock.runFor(1_000 + TICK);
    await expect(dialog).toBeVisible();
    await page.clock.runFor(539_000);
    await expect(page.getByTestId('identifier')).toHaveText('endiayebrule');
    await page.clock.runFor(1_000);
    await expect(title(page, TEXTS_FR_HOME)).toBeVisible();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByText('endiayebrule')).toHaveCount(0);
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page.locator('html')).not.toHaveClass(/large-text/);
    await expect(page.getByRole('button', { name: 'Texte plus grand' })).toHaveAttribute(
      'aria-pressed',
      'false',
    );
  });
}

const TEXTS_FR_HOME = 'Que souhaitez-vous faire ?';

test('idle wipe also clears half-typed fields and ends the journey in main', async ({
  page,
  kiosk,
}) => {
  await page.clock.install();
  // A demo kiosk honours shorter timings from the URL: the question after 20 s, not 60.
  const t = await openKiosk(page, kiosk.url, { query: 'idle=20,30' });
  const ended: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/rpc/journey.end')) ended.push(request.postData() ?? '');
  });
  await page.getByRole('button', { name: t['journey.activation.title'] }).click();
  await identify(page, t, '21901234', '14032001');
  await page.getByRole('button', { name: t['code.email.send'], exact: true }).click();
  await expect(page.getByRole('textbox', { name: t['code.label'] })).toBeVisible();
  await pauseClock(page);
  await page.getByRole('textbox', { name: t['code.label'] }).fill('12345678');
  const dialog = page.getByRole('alertdialog', { name: t['idle.title'] });
  // The code step waits longer (the profile's idle.awaitingCode: 240 s, then 300 s).
  await page.clock.runFor(239_000);
  await expect(dialog).toHaveCount(0);
  await page.clock.runFor(1_000 + TICK);
  await expect(dialog).toBeVisible();
  await page.clock.runFor(60_000);
  await expect(title(page, TEXTS_FR_HOME)).toBeVisible();
  await expect.poll(() => ended.length).toBe(1);
  // Back in the same journey: nothing of the previous student is there any more.
  await page.getByRole('button', { name: t['journey.activation.title'] }).click();
  await expect(page.getByRole('textbox', { name: t['identify.studentNumber.label'] })).toHaveValue(
    '',
  );
});

test('on-screen keyboard: AZERTY in French, QWERTY in English, digits for the numbers', async ({
  page,
  kiosk,
}) => {
  let t = await openKiosk(page, kiosk.url);
  const keyboard = page.getByRole('region', { name: t['osk.label'] });
  await expect(keyboard).toHaveCount(0);
  await page.getByRole('button', { name: t['journey.findIdentifier.title'] }).click();
  // The first field has the focus at once: the keypad is up without a tap on the field.
  const number = page.getByRole('textbox', { name: t['identify.studentNumber.label'] });
  await expect(number).toBeFocused();
  await expect(keyboard).toBeVisible();
  // A numeric pad: ten digits and no letters.
  await expect(keyboard.locator('[data-key="a"]')).toHaveCount(0);
  for (const digit of '21901234') await keyboard.locator(`[data-key="${digit}"]`).click();
  await expect(number).toHaveValue('21901234');
  await expect(number).toBeFocused(); // the keys never take the focus away
  await keyboard.locator('[data-key="backspace"]').click();
  await expect(number).toHaveValue('2190123');
  await keyboard.locator('[data-key="4"]').click();
  // Enter moves on to the birth date while it is empty, as a card scanner's Enter does.
  await keyboard.locator('[data-key="enter"]').click();
  const birth = page.getByRole('textbox', { name: t['identify.birthDate.label'] });
  await expect(birth).toBeFocused();
  for (const digit of '14032001') await keyboard.locator(`[data-key="${digit}"]`).click();
  await expectAccessible(page);
  await keyboard.locator('[data-key="enter"]').click();
  await expect(page.getByTestId('identifier')).toHaveText('endiayebrule');

  await page.getByRole('button', { name: t['common.finish'] }).click();
  t = await openKiosk(page, kiosk.url, { lang: 'en' });
  await page.getByRole('button', { name: t['journey.mail.title'] }).click();
  await page.getByRole('textbox', { name: t['login.identifier.label'] }).click();
  const rows = page.getByTestId('osk').locator('.row');
  await expect(rows.nth(1)).toHaveText(/^\s*q\s*w\s*e\s*r\s*t\s*y/);
  await page.getByRole('button', { name: 'Français' }).click();
  await page.getByRole('textbox', { name: 'Identifiant' }).click();
  await expect(rows.nth(1)).toHaveText(/^\s*a\s*z\s*e\s*r\s*t\s*y/);
  await expectAccessible(page);
});

test('on-screen keyboard greys out the forbidden characters in password fields only', async ({
  page,
  kiosk,
}) => {
  const t = await openKiosk(page, kiosk.url);
  await page.getByRole('button', { name: t['journey.passwordChange.title'] }).click();
  const keyboard = page.getByRole('region', { name: t['osk.label'] });
  await page.getByRole('textbox', { name: t['login.identifier.label'] }).click();
  await keyboard.getByRole('button', { name: t['osk.symbols'] }).click();
  await expect(keyboard.locator('[data-key="$"]')).toBeEnabled();

  const field = page.getByLabel(t['password.new.label'], { exact: true });
  await field.click();
  // The letters have nothing greyed: no legend about greyed keys there.
  await expect(keyboard.locator('.key:disabled')).toHaveCount(0);
  await expect(keyboard.getByText(t['osk.forbidden'])).toHaveCount(0);
  await keyboard.getByRole('button', { name: t['osk.symbols'] }).click();
  await expect(keyboard.getByText(t['osk.forbidden'])).toBeVisible();
  for (const c of ['<', '>', '"', "'", '$'])
    await expect(keyboard.getByRole('button', { name: c, exact: true })).toBeDisabled();
  await keyboard.locator('[data-key="#"]').click();
  await keyboard.getByRole('button', { name: t['osk.letters'] }).click();
  await keyboard.getByRole('button', { name: t['osk.shift'] }).click();
  await keyboard.locator('[data-key="A"]').click();
  await keyboard.locator('[data-key="b"]').click(); // Shift lasts one letter
  await expect(field).toHaveValue('#Ab');
  await expectAccessible(page);
});

test('"Valider" moves on to the next field and submits only from the last', async ({
  page,
  kiosk,
}) => {
  const t = await openKiosk(page, kiosk.url);
  await page.getByRole('button', { name: t['journey.passwordChange.title'] }).click();
  const keyboard = page.getByRole('region', { name: t['osk.label'] });
  const enter = keyboard.getByRole('button', { name: t['osk.enter'] });
  const identifier = page.getByRole('textbox', { name: t['login.identifier.label'] });
  await identifier.click();
  const fields = [
    identifier,
    page.getByLabel(t['change.current.label']),
    page.getByLabel(t['password.new.label'], { exact: true }),
    page.getByLabel(t['password.confirm.label'], { exact: true }),
  ];
  for (const [i, field] of fields.entries()) {
    await expect(field).toBeFocused();
    for (const c of 'ab1') await keyboard.locator(`[data-key="${c}"]`).click();
    await expect(field).toHaveValue('ab1');
    await enter.click();
    if (i < fields.length - 1) {
      // Moved on, nothing submitted: no refusal, no "different" before the confirmation.
      await expect(fields[i + 1]!).toBeFocused();
      await expect(page.getByRole('alert')).toHaveCount(0);
    }
  }
  // From the last field it submits: the short password is refused, its rules shown.
  await expect(page.getByTestId('error')).toHaveText(t['error.password_policy']);
  await expect(fields[2]!).toBeFocused();
});

for (const lang of LANGS) {
  test(`${lang}: "Clear all" empties the field in one tap`, async ({ page, kiosk }) => {
    const t = await openKiosk(page, kiosk.url, { lang });
    await page.getByRole('button', { name: t['journey.findIdentifier.title'] }).click();
    const number = page.getByRole('textbox', { name: t['identify.studentNumber.label'] });
    const keyboard = page.getByRole('region', { name: t['osk.label'] });
    for (const digit of '2190') await keyboard.locator(`[data-key="${digit}"]`).click();
    await expect(number).toHaveValue('2190');
    await keyboard.getByRole('button', { name: t['osk.clear'], exact: true }).click();
    await expect(number).toHaveValue('');
    await expect(number).toBeFocused();
    const box = await keyboard.getByRole('button', { name: t['osk.clear'] }).boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(44);
    expect(box?.height).toBeGreaterThanOrEqual(44);
    await expectAccessible(page);
  });
}

test('a student card scanned into the number field moves on to the birth date', async ({
  page,
  kiosk,
}) => {
  const t = await openKiosk(page, kiosk.url);
  await page.getByRole('button', { name: t['journey.findIdentifier.title'] }).click();
  await page.getByRole('textbox', { name: t['identify.studentNumber.label'] }).click();
  // A keyboard-wedge scanner: fast keystrokes, then Enter.
  await page.keyboard.type('21901234', { delay: 5 });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: t['identify.birthDate.label'] })).toBeFocused();
  await expect(page.locator('#student-number-error')).toHaveCount(0);
  await page.keyboard.type('14032001');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('identifier')).toHaveText('endiayebrule');
});

test('reading aids and language last for the visit and keep what was typed', async ({
  page,
  kiosk,
}) => {
  const t = await openKiosk(page, kiosk.url);
  await page.getByRole('button', { name: t['journey.findIdentifier.title'] }).click();
  await page.getByRole('textbox', { name: t['identify.studentNumber.label'] }).fill('21901234');
  await page.getByRole('button', { name: t['header.highContrast'] }).click();
  await page.getByRole('button', { name: t['header.largeText'] }).click();
  await expect(page.locator('html')).toHaveClass(/high-contrast/);
  await expect(page.locator('html')).toHaveClass(/large-text/);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('textbox', { name: 'Student number' })).toHaveValue('21901234');
  await expect(page.getByRole('button', { name: 'High contrast' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expectAccessible(page);
  // "Home" leaves the journey (what was typed is erased) but not the visit: the aids stay.
  const en = TEXTS.en;
  await page.getByRole('button', { name: 'Home' }).click();
  await page.getByRole('button', { name: en['leave.confirm'] }).click();
  await expect(title(page, en['home.title'])).toBeVisible();
  await expect(page.locator('html')).toHaveClass(/high-contrast/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  // "Finish" ends the visit: the next person finds the kiosk as it was.
  await page.getByRole('button', { name: en['journey.findIdentifier.title'] }).click();
  await expect(page.getByRole('textbox', { name: 'Student number' })).toHaveValue('');
  await identify(page, en, '21901234', '14032001');
  await page.getByRole('button', { name: en['common.finish'] }).click();
  await expect(page.locator('html')).not.toHaveClass(/high-contrast|large-text/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
});

test('every touch target is at least 44 px on every kind of screen', async ({ page, kiosk }) => {
  const t = await openKiosk(page, kiosk.url);
  // Every visible control; a checkbox or radio is touched through its whole label.
  const small = async () => {
    const found: string[] = [];
    for (const control of await page.locator('button:visible, input:visible').all()) {
      const choice = ['checkbox', 'radio'].includes((await control.getAttribute('type')) ?? '');
      const target = choice ? control.locator('xpath=ancestor::label') : control;
      const box = await target.boundingBox();
      if (box === null || box.width < 44 || box.height < 44) {
        found.push(
          `${(await control.textContent())?.trim() || (await control.getAttribute('id'))}`,
        );
      }
    }
    return found;
  };
  expect(await small()).toEqual([]);
  await page.getByRole('button', { name: t['journey.passwordChange.title'] }).click();
  await page.getByLabel(t['password.new.label'], { exact: true }).click();
  expect(await small()).toEqual([]);
});

test.describe('languages', () => {
  for (const lang of LANGS) {
    test(`${lang}: the connection-problem menu and its help`, async ({ page, kiosk }) => {
      const t = await openKiosk(page, kiosk.url, { lang });
      await page.getByRole('button', { name: t['journey.connectionProblem.title'] }).click();
      // The help is on the menu itself: where the desk is, and the online help's address.
      const help = page.getByTestId('help-desk');
      await expect(help.getByRole('heading', { name: t['helpDesk.title'] })).toBeVisible();
      await expect(help.getByText('https://ent.umontpellier.fr/aide')).toBeVisible();
      await expectAccessible(page);
      await page.getByRole('button', { name: t['problem.identifier.title'] }).click();
      await expect(title(page, t['identify.title'])).toBeVisible();
      await expectAccessible(page);
    });
  }
});
