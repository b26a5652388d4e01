import { writeFileSync } from 'node:fs';
import { test as base, expect } from '@playwright/test';
import type { MailboxMessage } from '../../src-main/simulator/journey-state';
import { seededDataset } from '../support/dataset';
import { openHostSession, type HostSession } from '../support/host-session';
import { spawnUntilReady } from '../support/spawn-ready';
import { tempFolder } from '../support/tmp';
import { liveKioskFixtures } from './live-kiosk';
import { holdSession } from './session-cookie';
import { ReusedTab } from './tab';

interface KioskFixture {
  /**
   * The kiosk's page, without a token: the harness spent the printed URL's token on the worker's
   * session, whose cookie the test's tab already holds (test/e2e/session-cookie.ts).
   */
  url: string;
  dataDir: string;
  /** The web host's keychain service (its journal's keys). */
  keychainService: string;
  /** The demo simulator inside the web host ("Simulator at …"), with its test controls. */
  simulatorUrl: string;
  /** The e-mails the simulator "sent" to an address, oldest first. */
  mailbox(to: string): Promise<MailboxMessage[]>;
  /** The latest e-mail to an address; fails the test when there is none. */
  latestMail(to: string): Promise<MailboxMessage>;
  /** Moves the simulator's clock forward (code expiry); the kiosk's own clock is untouched. */
  advanceClock(seconds: number): Promise<void>;
}

/** One web host per Playwright worker, put back to its start before each test. */
interface DemoHost {
  /** The session of the worker's harness, its token spent once when the host started. */
  session: HostSession;
  simulatorUrl: string;
  dataDir: string;
  keychainService: string;
  /** Writes this test's dataset, then resets the kiosk and its simulator to it. */
  reset(): Promise<void>;
}

/** A simulator control: a JSON POST that must succeed, else the test fails saying which. */
async function control(url: string, body: unknown, what: string, output: () => string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).catch((error: unknown) => {
    throw new Error(`${what}: ${(error as Error).message}; the web host said:\n${output()}`);
  });
  expect(response.status, `${what}: ${await response.clone().text()}`).toBe(200);
  return response;
}

/** The worker's tab, handed from test to test (test/e2e/tab.ts). */
const withReusedTab = base.extend<{ freshTab: boolean }, { tab: ReusedTab }>({
  freshTab: [false, { option: true }],
  tab: [
    async ({ browser }, use) => {
      const tab = new ReusedTab(browser);
      await use(tab);
      await tab.close();
    },
    { scope: 'worker' },
  ],
  page: async ({ tab, viewport, freshTab }, use, testInfo) => {
    await use(await tab.open(viewport, freshTab));
    await tab.release(testInfo);
  },
});

const withLiveKiosk = withReusedTab.extend(liveKioskFixtures);

/**
 * Each worker starts one web host from the build (dist/main/web-host.js, see
 * scripts/built.mjs), in demo mode on the built-in simulator with its own data folder and keychain
 * service; GUICHET_SIMULATOR_CONTROLS turns on the simulator's mailbox, clock and reset controls,
 * which a demo kiosk never serves otherwise. Before each test, the seeded dataset is written again
 * for this test's start (see seededDataset) and POST /_simulator/reset puts the simulator and the
 * kiosk back to it: accounts, e-mails, clock, lockout, journal, outbox and cache. The browser tab
 * is the worker's too, put back to blank between tests (test/e2e/tab.ts), so tests stay
 * independent while sharing the host. The host's token is single-use: the worker spends it once,
 * on a session whose cookie each test's tab is given (test/e2e/session-cookie.ts).
 */
export const test = withLiveKiosk.extend<{ kiosk: KioskFixture }, { demoHost: DemoHost }>({
  demoHost: [
    // Playwright reads the fixture's dependencies from this (empty) destructuring pattern.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const folder = tempFolder('guichet-e2e-');
      const dataset = folder.file('dataset.json', seededDataset(new Date()));
      const dataDir = folder.file('data');
      const keychainService = `guichet-e2e-${process.pid}-${Date.now()}`;
      const host = await spawnUntilReady(
        'dist/main/web-host.js',
        ['--port', '0', '--dataset', dataset, '--data-dir', dataDir],
        /Simulator at (\S+)[\s\S]*Kiosk ready at (\S+)/,
        {
          env: {
            GUICHET_KEYCHAIN_SERVICE: keychainService,
            GUICHET_SIMULATOR_CONTROLS: '1',
          },
        },
      );
      const simulatorUrl = host.match[1]!;
      try {
        await use({
          session: await openHostSession(host.match[2]!),
          simulatorUrl,
          dataDir,
          keychainService,
          async reset() {
            writeFileSync(dataset, JSON.stringify(seededDataset(new Date())));
            await control(`${simulatorUrl}/_simulator/reset`, {}, 'reset control', host.output);
          },
        });
      } finally {
        await host.stop();
        folder.remove();
      }
    },
    { scope: 'worker', timeout: 60_000 },
  ],

  kiosk: async ({ demoHost, page }, use) => {
    await demoHost.reset();
    await holdSession(page.context(), demoHost.session);
    const { simulatorUrl } = demoHost;
    const mailbox = async (to: string) => {
      const response = await fetch(
        `${simulatorUrl}/_simulator/mailbox?to=${encodeURIComponent(to)}`,
      );
      expect(response.status, 'mailbox control').toBe(200);
      return ((await response.json()) as { messages: MailboxMessage[] }).messages;
    };
    await use({
      url: demoHost.session.url,
      dataDir: demoHost.dataDir,
      keychainService: demoHost.keychainService,
      simulatorUrl,
      mailbox,
      async latestMail(to) {
        const messages = await mailbox(to);
        expect(messages.length, `an e-mail to ${to}`).toBeGreaterThan(0);
        return messages.at(-1)!;
      },
      async advanceClock(seconds) {
        await control(
          `${simulatorUrl}/_simulator/clock`,
          { advanceSeconds: seconds },
          'clock control',
          () => '',
        );
      },
    });
  },
});

export { expect };
