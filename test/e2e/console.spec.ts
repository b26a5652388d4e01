// The help-desk console's page on the real chain (test/e2e/fleet-fixture.ts: `npm run stack`
// with three kiosks beating every 5 seconds and the console's listener): an agent's directory
// password is refused; a supervisor signs in with theirs, sees the three kiosks, the one the test
// took offline moves to the top (silent after two heartbeats missed), opens it, reads its outbox depth, a real dead letter and a
// tampered upload shown as refused, and exports the staff actions as CSV. In French and in
// English, each on the kiosk the fleet lists last, every screen with no axe violation, no target
// under 44 px and nothing blocked by the page's CSP.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { checkScreen, fleetOrder, openConsole, signIn, watchCsp } from './console-steps';
import { DEAD_LETTER_ACCOUNT } from '../../src-server/stack/fleet-controls';
import { expect, fleetControl, test, type Fleet, type FleetKiosk } from './fleet-fixture';
import { fill, pattern, type Lang, type Texts } from './kiosk';

// One stack for the file: the tests run in order in one worker.
test.describe.configure({ mode: 'default' });

/** Bounds a wait on the stack (a kiosk's silence, a replay), never a speed requirement. */
const WAIT = { timeout: 90_000 };

/** The fleet's row of a kiosk. */
const row = (page: Page, kiosk: FleetKiosk) =>
  page.getByTestId('fleet').locator(`tr[data-kiosk="${kiosk.deviceId}"]`);

async function followTheFleet(page: Page, fleet: Fleet, lang: Lang) {
  const violations = await watchCsp(page);
  const t: Texts = await openConsole(page, fleet.console, lang);
  await checkScreen(page, lang, '01-sign-in');

  // An agent's right directory password: refused, as a wrong one is.
  await signIn(page, t, fleet.agent.uid, fleet.agent.password);
  await expect(page.getByTestId('console-error')).toHaveText(t['console.error.refused']);
  await checkScreen(page, lang, '02-refused');

  // A supervisor's: the fleet, three kiosks in their places.
  await signIn(page, t, fleet.supervisor.uid, fleet.supervisor.password);
  await expect(
    page.getByRole('heading', { level: 1, name: t['console.fleet.title'] }),
  ).toBeVisible();
  await expect(page.getByTestId('console-who')).toHaveText(
    fill(t['console.signedInAs'], { name: fleet.supervisor.uid }),
  );
  await expect(page.getByTestId('fleet').locator('tbody tr')).toHaveCount(3);
  for (const each of fleet.kiosks)
    await expect(row(page, each).getByRole('link')).toHaveText(each.label);
  await expect(page.getByTestId('fleet-refreshed')).toHaveText(
    pattern(t['console.fleet.refreshed']),
  );
  // All heard from first, so that the silence to come is this kiosk's: the one listed last.
  await expect(page.getByTestId('fleet')).not.toContainText(t['console.attention.silent'], WAIT);
  await checkScreen(page, lang, '03-fleet');
  const before = await fleetOrder(page);
  const kiosk = fleet.kiosks.find((k) => k.deviceId === before.at(-1))!;

  // Taken offline, it goes silent and to the top, as the page refreshes itself.
  await fleetControl(fleet, kiosk.deviceId, 'offline');
  await expect(row(page, kiosk)).toContainText(t['console.attention.silent'], WAIT);
  await expect.poll(async () => (await fleetOrder(page))[0], WAIT).toBe(kiosk.deviceId);
  await checkScreen(page, lang, '04-fleet-silent');

  // Its page: the outbox depth its last heartbeat gave, its chart of the last 24 hours.
  await row(page, kiosk).getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: kiosk.label })).toBeFocused();
  await expect(page.getByTestId('kiosk-outbox')).toHaveText(/^\d+$/);
  await expect(page.getByTestId('outbox-summary')).toHaveText(
    pattern(t['console.history.summary']),
  );
  await checkScreen(page, lang, '05-kiosk-silent');

  // Back online: heard from again, online by its own account (a supervisor can sign in there).
  await fleetControl(fleet, kiosk.deviceId, 'online');
  const badges = page.getByTestId('console-badges');
  await expect(badges).not.toContainText(t['console.attention.silent'], WAIT);
  await expect(page.getByTestId('kiosk-mode')).toHaveText(t['console.mode.online'], WAIT);

  // A real dead letter and a tampered upload: the page shows both as it refreshes. (The worker's
  // stack may have served another spec: counted from what is there.)
  const letters = Number(await page.getByTestId('kiosk-dead-letters').textContent());
  await fleetControl(fleet, kiosk.deviceId, 'dead-letter');
  await fleetControl(fleet, kiosk.deviceId, 'tamper-upload');
  await expect(page.getByTestId('kiosk-dead-letters')).toHaveText(String(letters + 2), WAIT);
  await expect(page.getByTestId('kiosk-dead-letter-count')).toHaveText(
    fill(t['console.deadLetters.count.other'], { count: letters + 2 }),
  );
  const list = page.getByTestId('kiosk-dead-letter-list');
  await expect(list.locator('li')).toHaveCount(Math.min(letters + 2, 20));
  // The supervisor's resend refused at replay: its account by its tag, named once the service
  // opened the kiosk's sealed lines about it, as the staff screens name an account.
  const resend = list.locator('li').filter({ hasText: t['staff.act.resend_activation'] }).first();
  await expect(resend).toContainText(pattern(t['console.account.tag']));
  await expect(resend).toContainText(
    pattern(fill(t['staff.audit.accountNamed'], { identifier: DEAD_LETTER_ACCOUNT })),
    WAIT,
  );
  // The tampered upload the kiosk gave up; reasons in words, never a code.
  await expect(
    list.locator('li').filter({ hasText: t['console.operation.auditUpload'] }).first(),
  ).toContainText(t['console.refusal.audit_hash_mismatch']);
  await expect(list).not.toContainText(/account_state|audit_hash|staff\.resend/);
  const refusals = page.getByTestId('kiosk-refusals');
  await expect(refusals).toContainText(t['console.refusal.audit_hash_mismatch'], WAIT);
  await expect(refusals).not.toContainText('audit_hash_mismatch');
  await expect(badges).toContainText(t['console.attention.audit_refused']);
  await checkScreen(page, lang, '06-kiosk-refused');
  // Looked into: marked seen, with who did it (the kiosk's own report still flags it while
  // it holds its uploads back).
  await page.getByRole('button', { name: t['console.audit.acknowledge'], exact: true }).click();
  await expect(refusals.getByTestId('refusal-seen').first()).toHaveText(
    pattern(fill(t['console.audit.acknowledged'], { who: fleet.supervisor.uid })),
  );
  await expect(
    page.getByRole('button', { name: t['console.audit.acknowledge'], exact: true }),
  ).toHaveCount(0);

  // The staff actions across the fleet, and their CSV with the same filters.
  await page.getByRole('link', { name: t['console.nav.actions'] }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: t['console.actions.title'] }),
  ).toBeVisible();
  await expect(page.getByTestId('actions-count')).toBeVisible();
  await checkScreen(page, lang, '07-actions');
  await page.getByLabel(t['console.actions.kiosk'], { exact: true }).selectOption(kiosk.deviceId);
  await page.getByRole('button', { name: t['console.actions.apply'], exact: true }).click();
  // The supervisor's lookup at that kiosk: the account the kiosk sealed, named by the service.
  await expect(page.getByRole('table')).toContainText(
    pattern(fill(t['staff.audit.accountNamed'], { identifier: DEAD_LETTER_ACCOUNT })),
  );
  const exported = page.getByRole('link', { name: t['console.actions.export'] });
  await expect(exported).toHaveAttribute(
    'href',
    `/console/api/staff-actions.csv?kiosk=${kiosk.deviceId}`,
  );
  const [download] = await Promise.all([page.waitForEvent('download'), exported.click()]);
  expect(download.suggestedFilename()).toMatch(/^guichet-staff-actions-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync(await download.path(), 'utf8');
  expect(csv.split('\r\n')[0]).toBe(
    '\uFEFF"at","source","staff","action","account","account tag","reason","note","detail","kiosk","outcome"',
  );
  expect(csv).toContain(`"${DEAD_LETTER_ACCOUNT}"`);
  for (const line of csv.split('\r\n').slice(1, -1)) expect(line).toContain(`"${kiosk.deviceId}"`);

  // Signing out ends the session on the service: its cookie, kept aside and offered again
  // (the browser itself forgets it), is no longer answered.
  const held = (await page.context().cookies(fleet.console))
    .map((c) => `${c.name}=${c.value}`)
    .join('; ');
  const fleetWith = async (cookie: string) =>
    (await fetch(`${fleet.console}/console/api/fleet`, { headers: { cookie } })).status;
  expect(await fleetWith(held)).toBe(200);
  await page.getByRole('button', { name: t['console.signOut'] }).click();
  await expect(page.getByTestId('console-notice')).toHaveText(t['console.signIn.signedOut']);
  await checkScreen(page, lang, '08-signed-out');
  expect(await fleetWith(held)).toBe(401);
  expect(await violations()).toEqual([]);
}

test('console in French: an agent refused; a supervisor follows a kiosk offline, its dead letter and refused upload', async ({
  page,
  fleet,
}) => {
  test.setTimeout(300_000);
  await followTheFleet(page, fleet, 'fr');
});

test('console in English: the same', async ({ page, fleet }) => {
  test.setTimeout(300_000);
  await followTheFleet(page, fleet, 'en');
});
