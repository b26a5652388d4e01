/**
 * The staff unlock at the desk, as an agent goes through it with the least touches the screens
 * allow (issue 17): the hidden entry and sign-in, a student opened by number, the unlock with its
 * reason and the identity document checked. Counted in three parts, each with its goal (the
 * counts before issue 17: 17 to sign in, 11 to open a student by number, 6 to unlock).
 */
import type { Page } from '@playwright/test';
import type { Finger } from './touch';

export const STAFF_GOALS = { signIn: 17, open: 11, unlock: 6 } as const;
export type StaffPart = keyof typeof STAFF_GOALS;

/** Runs the unlock of the seeded locked student (Sofia Ødegaard), then "Terminer" (uncounted). */
export async function staffUnlock(page: Page, finger: Finger): Promise<Record<StaffPart, number>> {
  const heading = (key: Parameters<Finger['text']>[0]) =>
    page.getByRole('heading', { level: 1, name: finger.text(key) });
  const staff = page.getByTestId('staff-mode');
  const parts = { signIn: 0, open: 0, unlock: 0 };
  let start = finger.touches;
  const part = (name: StaffPart) => {
    parts[name] = finger.touches - start;
    start = finger.touches;
  };

  await finger.hold(page.getByTestId('brand'), heading('staff.signIn.title'));
  await finger.type(finger.field('staff.signIn.staffId'), 'agent01');
  await finger.type(finger.field('staff.signIn.pin'), '482913');
  await finger.tap(staff.getByRole('button', { name: finger.text('staff.signIn.submit') }));
  await heading('staff.search.title').waitFor();
  part('signIn');

  await finger.type(finger.field('staff.search.query'), '21110005');
  const search = page.getByRole('search');
  await finger.tap(search.getByRole('button', { name: finger.text('staff.search.submit') }));
  const open = finger.text('staff.search.open').replace('{name}', 'Sofia Ødegaard');
  await finger.tap(page.getByRole('button', { name: open }));
  await page.getByTestId('staff-student').waitFor();
  part('open');

  await finger.tap(staff.getByRole('button', { name: finger.text('staff.action.unlock') }));
  await finger.choose(
    staff.getByLabel(finger.text('staff.action.reason')),
    finger.text('staff.reason.account_locked'),
  );
  await finger.choose(
    staff.getByLabel(finger.text('staff.action.document')),
    finger.text('staff.document.student_card'),
  );
  await finger.tap(staff.getByRole('button', { name: finger.text('staff.action.confirm') }));
  await page
    .getByTestId('staff-notice')
    .filter({ hasText: finger.text('staff.notice.done') })
    .waitFor();
  part('unlock');

  // Back home, as the journeys end; not part of the unlock.
  await staff.getByRole('button', { name: finger.text('staff.finish') }).click();
  return parts;
}
