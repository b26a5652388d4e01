// A directory outage under a running kiosk, on the real chain started by `npm run stack`'s entry
// point (slapd, PostgreSQL, an SMTP server, the Guichet server, a provisioned kiosk): slapd is
// stopped, the kiosk goes to its offline mode and queues a password change with a receipt;
// slapd is started again, the kiosk's outbox sends the change, and slapd shows it applied once.
import type { Page } from '@playwright/test';
import { Client, InvalidCredentialsError } from 'ldapts';
import { DEMO_PASSWORD, DEMO_STUDENTS } from '../../src-main/simulator/demo-students';
import { expect, test, type RealChain } from './real-chain-fixture';
import { expectAccessible, finish, identify, openKiosk, title, typeNewPassword } from './kiosk';

const ZOE = DEMO_STUDENTS.active;
const NEW_PASSWORD = 'Loutre-Brune-2047';

/** The student's password history in slapd, read as the student (`null`: the bind failed). */
async function passwordHistory(ldap: string, password: string): Promise<number | null> {
  const client = new Client({ url: ldap });
  const dn = `uid=${ZOE.identifier},ou=people,dc=univ,dc=test`;
  try {
    await client.bind(dn, password);
    const { searchEntries } = await client.search(dn, {
      scope: 'base',
      attributes: ['pwdHistory'],
    });
    const history = searchEntries[0]?.pwdHistory ?? [];
    return Array.isArray(history) ? history.length : 1;
  } catch (error) {
    if (error instanceof InvalidCredentialsError) return null;
    throw error;
  } finally {
    await client.unbind();
  }
}

/** The outbox's pending count, asked of main as the renderer does (kiosk.status). */
async function pendingWrites(page: Page, kioskUrl: string): Promise<number> {
  // The tab's session cookie goes with it (page.request shares the context's cookies).
  const { origin } = new URL(kioskUrl);
  const answer = await page.request.post(`${origin}/rpc/kiosk.status`, {
    headers: { origin },
    data: {},
  });
  const reply = (await answer.json()) as { ok: boolean; value: { outbox: { pending: number } } };
  return reply.ok ? reply.value.outbox.pending : -1;
}

async function directory(chain: RealChain, action: 'stop' | 'start') {
  const answer = await fetch(`${chain.controls}/directory/${action}`, { method: 'POST' });
  expect(answer.status).toBe(204);
}

test('on the real chain: slapd stopped under the kiosk, a password change queued, applied once when it is back', async ({
  page,
  chain,
}) => {
  test.setTimeout(300_000);
  const before = await passwordHistory(chain.ldap, DEMO_PASSWORD);
  expect(before).not.toBeNull();
  const t = await openKiosk(page, chain.kiosk);
  const banner = page.getByTestId('connectivity-banner');

  await directory(chain, 'stop');
  try {
    // Identification falls back to the kiosk's own copy of the directory, and the kiosk goes
    // offline: the server answers 503 with Retry-After, health included.
    await page.getByRole('button', { name: t['journey.findIdentifier.title'] }).click();
    await identify(page, t, ZOE.studentNumber, ZOE.birthDate.split('-').reverse().join(''));
    await expect(page.getByTestId('identifier')).toHaveText(ZOE.identifier);
    await expect(page.getByTestId('cache-notice')).toBeVisible();
    await expect(banner.locator('[data-state="offline"]')).toBeVisible({ timeout: 120_000 });
    await finish(page, t, [ZOE.identifier]);

    // The change is queued, sealed, with a receipt.
    await page.getByRole('button', { name: t['journey.passwordChange.title'] }).click();
    await page.getByRole('textbox', { name: t['login.identifier.label'] }).fill(ZOE.identifier);
    await page.getByLabel(t['change.current.label']).fill(DEMO_PASSWORD);
    await typeNewPassword(page, t, NEW_PASSWORD);
    await page.getByRole('button', { name: t['change.submit'] }).click();
    await expect(title(page, t['done.change.title'])).toBeVisible();
    const reference = (await page.getByTestId('receipt-reference').textContent())!.trim();
    expect(reference).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await expect(page.getByText(t['receipt.effect'])).toBeVisible();
    await expectAccessible(page);
    await finish(page, t, [ZOE.identifier, reference]);
    expect(await pendingWrites(page, chain.kiosk)).toBe(1);
  } finally {
    await directory(chain, 'start');
  }

  // Back: the health probe succeeds, the offline notice goes, the outbox sends the change.
  await expect(banner.locator('[data-state="offline"]')).toHaveCount(0, { timeout: 120_000 });
  await expect.poll(() => pendingWrites(page, chain.kiosk), { timeout: 120_000 }).toBe(0);

  // Applied once, as slapd sees it: the new password binds, the old one does not, and the
  // history holds exactly one more password (a second change would have added another).
  expect(await passwordHistory(chain.ldap, NEW_PASSWORD)).toBe(before! + 1);
  expect(await passwordHistory(chain.ldap, DEMO_PASSWORD)).toBeNull();
});
