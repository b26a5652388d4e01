import { test as base, expect } from '@playwright/test';
import type { MailboxMessage } from '../../src-main/simulator/journey-state';
import { seededDataset } from '../support/dataset';
import { spawnUntilReady } from '../support/spawn-ready';
import { tempFolder } from '../support/tmp';

interface KioskFixture {
  /** The URL the web host printed ("Kiosk ready at …"), token included. */
  url: string;
  dataDir: string;
  /** The demo simulator inside the web host ("Simulator at …"), with its test controls. */
  simulatorUrl: string;
  /** The e-mails the simulator "sent" to an address, oldest first. */
  mailbox(to: string): Promise<MailboxMessage[]>;
  /** The latest e-mail to an address; fails the test when there is none. */
  latestMail(to: string): Promise<MailboxMessage>;
  /** Moves the simulator's clock forward (code expiry); the kiosk's own clock is untouched. */
  advanceClock(seconds: number): Promise<void>;
}

/**
 * Each test gets its own web host, in demo mode on the built-in simulator serving the seeded
 * dataset (built for this test's start, see seededDataset), with its own data folder — started
 * before the test, stopped and removed after it. GUICHET_SIMULATOR_CONTROLS turns on the
 * simulator's mailbox and clock controls, which a demo kiosk never serves otherwise.
 */
export const test = base.extend<{ kiosk: KioskFixture }>({
  // Playwright reads the fixture's dependencies from this (empty) destructuring pattern.
  // eslint-disable-next-line no-empty-pattern
  kiosk: async ({}, use) => {
    const folder = tempFolder('guichet-e2e-');
    const dataset = folder.file('dataset.json', seededDataset(new Date()));
    const host = await spawnUntilReady(
      'src-main/host/cli.ts',
      ['--port', '0', '--dataset', dataset, '--data-dir', folder.file('data')],
      /Simulator at (\S+)[\s\S]*Kiosk ready at (\S+)/,
      {
        env: {
          GUICHET_KEYCHAIN_SERVICE: `guichet-e2e-${process.pid}-${Date.now()}`,
          GUICHET_SIMULATOR_CONTROLS: '1',
        },
      },
    );
    const simulatorUrl = host.match[1]!;
    const mailbox = async (to: string) => {
      const response = await fetch(
        `${simulatorUrl}/_simulator/mailbox?to=${encodeURIComponent(to)}`,
      );
      expect(response.status, 'mailbox control').toBe(200);
      return ((await response.json()) as { messages: MailboxMessage[] }).messages;
    };
    try {
      await use({
        url: host.match[2]!,
        dataDir: folder.file('data'),
        simulatorUrl,
        mailbox,
        async latestMail(to) {
          const messages = await mailbox(to);
          expect(messages.length, `an e-mail to ${to}`).toBeGreaterThan(0);
          return messages.at(-1)!;
        },
        async advanceClock(seconds) {
          const response = await fetch(`${simulatorUrl}/_simulator/clock`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ advanceSeconds: seconds }),
          });
          expect(response.status, 'clock control').toBe(200);
        },
      });
    } finally {
      await host.stop();
      folder.remove();
    }
  },
});

export { expect };
