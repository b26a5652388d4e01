import { spawnSync } from 'node:child_process';
import { test as base, type Page } from '@playwright/test';
import { DEMO_DEVICE } from '../../src-main/simulator/dataset';
import { PASSWORDS, SEEDED_PASSWORD, seededDataset } from '../support/dataset';
import { spawnUntilReady } from '../support/spawn-ready';
import { startTcpGate } from '../support/tcp-gate';
import { tempFolder } from '../support/tmp';
import { expect } from './fixtures';
import { expectAccessible, fill, finish, identify, openKiosk, title, type Texts } from './kiosk';

interface OfflineKiosk {
  url: string;
  /** Cuts the central API off: nothing listens on its port any more, a full outage. */
  stopApi(): Promise<void>;
  /** Puts it back on the same port, as it was (same sealing key, same accounts). */
  startApi(): Promise<void>;
}

/** The worker's keychain service, provisioned once for all its live kiosks. */
interface Keychain {
  service: string;
  /** The simulators' sealing key, the one the keychain pins. */
  keyFile: string;
  /** Stores the device credential and pins the sealing key, the first time only. */
  provision(apiUrl: string): void;
}

/**
 * A live kiosk (web host with --api) in front of a simulator in its own process, both from the
 * build (dist/main), like the shared demo host. The device credential and the pinned sealing key
 * are provisioned in the worker's keychain with `npm run provision`, as an installer would, once
 * per worker: every simulator of the worker uses the same sealing key file. Each test gets a new
 * simulator (its accounts as seeded) and a new kiosk (an empty data folder). The kiosk reaches the
 * simulator through a TCP gate (test/support/tcp-gate.ts): closing it is the outage, a refused
 * connection as when the API's process is gone; opening it brings the API back at once, where
 * starting a process again took seconds on a busy machine.
 */
const test = base.extend<{ liveKiosk: OfflineKiosk }, { keychain: Keychain }>({
  keychain: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const folder = tempFolder('guichet-e2e-keychain-');
      const service = `guichet-e2e-offline-${process.pid}-${Date.now()}`;
      let provisioned = false;
      await use({
        service,
        keyFile: folder.file('sealing-key.pem'),
        provision(apiUrl) {
          if (provisioned) return;
          const provision = spawnSync(
            process.execPath,
            [
              'dist/main/provision.js',
              ...['--device-id', DEMO_DEVICE.deviceId, '--service', service],
              ...['--pin-sealing-key', '--api', apiUrl],
            ],
            { input: DEMO_DEVICE.secret, encoding: 'utf8' },
          );
          expect(provision.stdout + provision.stderr).toContain('pinned');
          provisioned = true;
        },
      });
      folder.remove();
    },
    { scope: 'worker' },
  ],

  liveKiosk: async ({ keychain }, use) => {
    const folder = tempFolder('guichet-e2e-offline-');
    const dataset = folder.file('dataset.json', seededDataset(new Date()));
    const simulator = await spawnUntilReady(
      'dist/main/simulator.js',
      ['--port', '0', '--quiet', '--dataset', dataset, '--sealing-key', keychain.keyFile],
      /Simulator listening on (\S+)/,
    );
    const gate = await startTcpGate(Number(new URL(simulator.match[1]!).port));
    try {
      // Straight to the simulator: the gate runs in this process, which spawnSync holds.
      keychain.provision(simulator.match[1]!);
      const host = await spawnUntilReady(
        'dist/main/web-host.js',
        ['--port', '0', '--api', gate.url, '--data-dir', folder.file('data')],
        /Kiosk ready at (\S+)/,
        // The API's default time limit (8 s): an outage here is a refused connection, noticed at
        // once; a shorter limit only made a busy simulator's slow answers count as failures.
        { env: { GUICHET_KEYCHAIN_SERVICE: keychain.service } },
      );
      try {
        await use({ url: host.match[1]!, stopApi: gate.close, startApi: gate.open });
      } finally {
        await host.stop();
      }
    } finally {
      await gate.close();
      await simulator.stop();
      folder.remove();
    }
  },
});

async function findIdentifier(page: Page, t: Texts) {
  await page.getByRole('button', { name: t['journey.findIdentifier.title'] }).click();
  await identify(page, t, '22110001', '17052002');
  await expect(page.getByTestId('identifier')).toHaveText('hlefevre');
}

/** The outbox's pending count, asked of main like the renderer does (kiosk.status). */
async function pendingWrites(page: Page, kioskUrl: string): Promise<number> {
  const url = new URL(kioskUrl);
  const token = new URLSearchParams(url.hash.slice(1)).get('token')!;
  const answer = await page.request.post(`${url.origin}/rpc/kiosk.status`, {
    headers: { 'x-guichet-token': token },
    data: {},
  });
  const reply = (await answer.json()) as { ok: boolean; value: { outbox: { pending: number } } };
  return reply.ok ? reply.value.outbox.pending : -1;
}

const NEW_PASSWORD = 'Marche-Lente-2031';

test('an outage: identify from the cache, queue a password change, see it applied', async ({
  page,
  liveKiosk,
}) => {
  test.setTimeout(180_000);
  const t = await openKiosk(page, liveKiosk.url);
  const banner = page.getByTestId('connectivity-banner');
  await findIdentifier(page, t);
  await expect(page.getByTestId('cache-notice')).toHaveCount(0);
  await finish(page, t, ['hlefevre']);

  await liveKiosk.stopApi();
  await findIdentifier(page, t);
  await expect(page.getByTestId('cache-notice')).toBeVisible();
  // A calm status, not an alert, once the kiosk has noticed.
  await expect(banner.getByText(/injoignable/)).toBeVisible({ timeout: 60_000 });
  await expect(banner).toHaveAttribute('role', 'status');
  await finish(page, t, ['hlefevre']);

  await page.getByRole('button', { name: t['journey.passwordChange.title'] }).click();
  await page.getByRole('textbox', { name: t['login.identifier.label'] }).fill('hlefevre');
  await page.getByLabel(t['change.current.label']).fill(PASSWORDS.hlefevre);
  await page.getByLabel(t['password.new.label'], { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel(t['password.confirm.label'], { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole('button', { name: t['change.submit'] }).click();
  await expect(title(page, t['done.change.title'])).toBeVisible();
  const reference = (await page.getByTestId('receipt-reference').textContent())!.trim();
  expect(reference).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  await expect(
    page.getByRole('img', { name: fill(t['receipt.qrAlt'], { reference }) }),
  ).toBeVisible();
  await expect(page.getByText(t['receipt.effect'])).toBeVisible();
  await expectAccessible(page);
  await finish(page, t, ['hlefevre', reference]);

  await liveKiosk.startApi();
  // The kiosk's health probe notices; the outbox sends the change; the banner goes.
  await expect(banner.getByText(/injoignable/)).toHaveCount(0, { timeout: 60_000 });
  await expect.poll(() => pendingWrites(page, liveKiosk.url), { timeout: 60_000 }).toBe(0);

  // Applied at the API: the new password opens the mail settings.
  await page.getByRole('button', { name: t['journey.mail.title'] }).click();
  await page.getByRole('textbox', { name: t['login.identifier.label'] }).fill('hlefevre');
  await page.getByLabel(t['login.password.label'], { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole('button', { name: t['mail.login.submit'] }).click();
  await expect(page.getByTestId('mail-current')).toBeVisible();
});

test('an outage: a mail redirection is queued with a receipt, then applied', async ({
  page,
  liveKiosk,
}) => {
  test.setTimeout(180_000);
  const t = await openKiosk(page, liveKiosk.url);
  const logIn = async () => {
    await page.getByRole('button', { name: t['journey.mail.title'] }).click();
    await page.getByRole('textbox', { name: t['login.identifier.label'] }).fill('nmai');
    await page.getByLabel(t['login.password.label'], { exact: true }).fill(SEEDED_PASSWORD);
    await page.getByRole('button', { name: t['mail.login.submit'] }).click();
  };

  await liveKiosk.stopApi();
  await logIn();
  // The current setting cannot be read: the screen says so, and when a change takes effect.
  await expect(page.getByTestId('mail-offline')).toBeVisible();
  await expect(page.getByText(t['mail.offline.current'])).toBeVisible();
  await expect(page.getByText(t['mail.offline.effect'])).toBeVisible();
  await expect(page.getByTestId('mail-current')).toHaveCount(0);
  await expectAccessible(page);
  await page.getByRole('radio', { name: t['mail.choice.redirect'] }).check();
  await page.getByRole('textbox', { name: t['mail.address.label'] }).fill('mai.nguyen@example.net');
  await page.getByRole('button', { name: t['mail.save'] }).click();
  await expect(title(page, t['done.mail.title'])).toBeVisible();
  const reference = (await page.getByTestId('receipt-reference').textContent())!.trim();
  expect(reference).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  await expect(
    page.getByRole('img', { name: fill(t['receipt.qrAlt'], { reference }) }),
  ).toBeVisible();
  await expect(page.getByTestId('mail-outcome')).toHaveText(
    fill(t['done.mail.queuedTo'], { address: 'mai.nguyen@example.net' }),
  );
  await expectAccessible(page);
  await finish(page, t, ['nmai', reference]);

  await liveKiosk.startApi();
  await expect.poll(() => pendingWrites(page, liveKiosk.url), { timeout: 60_000 }).toBe(0);
  // Applied at the API: logged in again, the student sees the new redirection.
  await logIn();
  await expect(page.getByTestId('mail-current')).toHaveText(
    fill(t['mail.current.to'], { address: 'mai.nguyen@example.net' }),
  );
  await expect(page.getByTestId('mail-offline')).toHaveCount(0);
});

test('an outage: an activation code is taken on trust, on the kept charter, with a receipt', async ({
  page,
  liveKiosk,
}) => {
  test.setTimeout(180_000);
  const t = await openKiosk(page, liveKiosk.url, { lang: 'en' });
  await page.getByRole('button', { name: t['journey.activation.title'] }).click();
  await identify(page, t, '21901234', '14032001');
  await page.getByRole('button', { name: t['activation.email.send'] }).click();
  await expect(page.getByTestId('email-sent')).toBeVisible();

  await liveKiosk.stopApi();
  await page.getByRole('textbox', { name: t['code.label'] }).fill('12345678');
  await page.getByRole('button', { name: t['common.continue'] }).click();
  await expect(title(page, t['charter.heading'])).toBeVisible();
  await expect(page.getByTestId('charter')).toBeVisible();
  await expect(page.getByTestId('code-provisional')).toHaveText(t['activation.code.provisional']);
  await expectAccessible(page);
  await page.getByRole('checkbox', { name: t['charter.accept'] }).check();
  await page.getByRole('button', { name: t['common.continue'] }).click();
  await expect(title(page, t['password.choose.title'])).toBeVisible();
  await expect(page.getByTestId('code-provisional')).toBeVisible();
  await page.getByLabel(t['password.new.label'], { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel(t['password.confirm.label'], { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole('button', { name: t['activation.submit'] }).click();
  await expect(title(page, t['done.activation.title'])).toBeVisible();
  await expect(page.getByTestId('receipt-reference')).toBeVisible();
  await expectAccessible(page);
});
