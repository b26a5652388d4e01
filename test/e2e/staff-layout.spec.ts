/**
 * The staff screens at the desk-side kiosk, as geometry: on both kiosk screens with larger text,
 * the student's page uses a landscape screen's width (actions and timeline beside the identity,
 * above the fold), and an action form opens in view with its first field focused: that field,
 * "Valider" and "Annuler" lie inside the viewport and nothing covers them (points of each box
 * checked with elementFromPoint), also with the on-screen keyboard up for the note. Screenshots
 * go to test-results/screenshots (staff-layout-<orientation>-…).
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { type Texts, openKiosk, title } from './kiosk';
import { expectInView } from './placement';
import { AGENT, VIEWS, find, signIn } from './staff-steps';

type View = keyof typeof VIEWS;
const DIR = 'test-results/screenshots';

async function start(page: Page, url: string, view: View): Promise<Texts> {
  await page.setViewportSize(VIEWS[view]);
  const t = await openKiosk(page, url);
  await page.getByRole('button', { name: t['header.largeText'] }).click();
  await expect(page.locator('html')).toHaveClass(/large-text/);
  await signIn(page, t);
  return t;
}

const shoot = (page: Page, view: View, name: string) =>
  page.screenshot({ path: `${DIR}/staff-layout-${view}-${name}.png` });

const staff = (page: Page) => page.getByTestId('staff-mode');
const keyboard = (page: Page) => page.getByTestId('osk');

/**
 * Opens the action `name`, then checks what the agent must see at once: the first field focused
 * and required, the fields in the list, Valider and Annuler, all in view and uncovered.
 */
async function openForm(page: Page, t: Texts, view: View, action: string, fields: string[]) {
  await staff(page).getByRole('button', { name: action, exact: true }).click();
  const reason = staff(page).getByLabel(t['staff.action.reason']);
  await expect(reason).toBeFocused();
  await expect(reason).toHaveAttribute('aria-required', 'true');
  const parts: Record<string, Locator> = {
    'first field': reason,
    Valider: staff(page).getByRole('button', { name: t['staff.action.confirm'], exact: true }),
    Annuler: staff(page).getByRole('button', { name: t['staff.cancel'], exact: true }),
  };
  for (const label of fields) parts[label] = staff(page).getByLabel(label);
  await expectInView(page, `${view} ${action}`, parts);
  await expectChoicesReadable(page, `${view} ${action}`);
  return parts;
}

/**
 * Every list in the open form shows its whole prompt ("Choisir un motif"): measured in the
 * list's own font against the room left beside Chromium's arrow, not cut mid-word.
 */
async function expectChoicesReadable(page: Page, where: string) {
  const cut = await staff(page)
    .getByTestId('staff-action-form')
    .locator('select')
    .evaluateAll((lists) =>
      (lists as HTMLSelectElement[]).flatMap((list) => {
        const style = getComputedStyle(list);
        const context = document.createElement('canvas').getContext('2d')!;
        context.font = style.font;
        const text = list.selectedOptions[0]?.text ?? '';
        const arrow = style.appearance === 'none' ? 0 : 24;
        const room =
          list.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - arrow;
        return context.measureText(text).width > room ? [text] : [];
      }),
    );
  expect(cut, `${where}: lists whose prompt is cut`).toEqual([]);
}

for (const view of Object.keys(VIEWS) as View[]) {
  test(`${view}, larger text: sign-in and search open on their first field, keyboard up`, async ({
    page,
    kiosk,
  }) => {
    await page.setViewportSize(VIEWS[view]);
    const t = await openKiosk(page, kiosk.url);
    await page.getByRole('button', { name: t['header.largeText'] }).click();
    await page.keyboard.press('Control+Alt+s');
    await expect(title(page, t['staff.signIn.title'])).toBeVisible();
    const staffId = page.getByRole('textbox', { name: t['staff.signIn.staffId'] });
    await expect(staffId).toBeFocused();
    await expect(keyboard(page)).toBeVisible();
    const submit = staff(page).getByRole('button', { name: t['staff.signIn.submit'] });
    await expectInView(page, `${view} sign-in`, { field: staffId, submit });
    await shoot(page, view, 'sign-in');
    await staffId.fill(AGENT.id);
    await page.getByLabel(t['staff.signIn.pin'], { exact: true }).fill(AGENT.pin);
    await submit.click();
    await expect(title(page, t['staff.search.title'])).toBeVisible();
    const query = page.getByRole('textbox', { name: t['staff.search.query'] });
    await expect(query).toBeFocused();
    await expect(keyboard(page)).toBeVisible();
    await expectInView(page, `${view} search`, {
      field: query,
      submit: page.getByRole('search').getByRole('button', { name: t['staff.search.submit'] }),
    });
  });

  test(`${view}, larger text: unlock and hand-off forms open in view, first field focused`, async ({
    page,
    kiosk,
  }) => {
    test.setTimeout(120_000);
    const t = await start(page, kiosk.url, view);
    await find(page, t, '21110005', 'Sofia Ødegaard');
    const unlock = staff(page).getByRole('button', { name: t['staff.action.unlock'], exact: true });
    const timeline = page.getByTestId('staff-timeline');
    if (view === 'landscape') {
      // The width is used: actions and timeline beside the identity, not below the fold.
      await expectInView(page, 'student page', { unlock });
      await expect(timeline).toBeInViewport();
      const facts = (await page.getByTestId('staff-student').boundingBox())!;
      const right = (await timeline.boundingBox())!;
      expect(right.x).toBeGreaterThanOrEqual(facts.x + facts.width);
    }
    await shoot(page, view, 'student');

    const document = t['staff.action.document'];
    const form = await openForm(page, t, view, t['staff.action.unlock'], [document]);
    await expect(staff(page).getByLabel(document)).toHaveAttribute('aria-required', 'true');
    await shoot(page, view, 'unlock-form');
    // The note, typed on the on-screen keyboard: it and the form's bar stay clear of it.
    const note = staff(page).getByLabel(t['staff.action.note']);
    await note.focus();
    await expect(keyboard(page)).toBeVisible();
    await expectInView(page, `${view} note`, {
      note,
      Valider: form.Valider!,
      Annuler: form.Annuler!,
    });
    await shoot(page, view, 'unlock-note-keyboard');
    await form.Annuler!.click();
    await expect(unlock).toBeVisible();

    await openForm(page, t, view, t['staff.action.handOffReset'], [document]);
    await shoot(page, view, 'handoff-form');
  });

  test(`${view}, larger text: resend and reveal forms open in view, first field focused`, async ({
    page,
    kiosk,
  }) => {
    test.setTimeout(120_000);
    const t = await start(page, kiosk.url, view);
    await find(page, t, '21901234', "Éloïse N'Diaye-Brûlé");
    const corrected = t['staff.action.correctedEmail'];
    // Nothing but the reason is required here; the optional address is checked once focused.
    const form = await openForm(page, t, view, t['staff.action.resend'], []);
    const field = staff(page).getByLabel(corrected);
    await field.focus();
    await expect(keyboard(page)).toBeVisible();
    await expectInView(page, `${view} corrected address`, {
      field,
      Valider: form.Valider!,
      Annuler: form.Annuler!,
    });
    await shoot(page, view, 'resend-keyboard');
    await form.Annuler!.click();
    await openForm(page, t, view, t['staff.student.reveal'], [t['staff.action.document']]);
    await shoot(page, view, 'reveal-form');
  });
}
