import { test as base, expect } from '@playwright/test';
import { SEEDED } from '../support/dataset';
import { spawnUntilReady } from '../support/spawn-ready';
import { tempFolder } from '../support/tmp';

interface KioskFixture {
  /** The URL the web host printed ("Kiosk ready at …"), token included. */
  url: string;
  dataDir: string;
}

/**
 * Each test gets its own web host, in demo mode on the built-in simulator serving the seeded
 * dataset, with its own data folder — started before the test, stopped and removed after it.
 */
export const test = base.extend<{ kiosk: KioskFixture }>({
  // Playwright reads the fixture's dependencies from this (empty) destructuring pattern.
  // eslint-disable-next-line no-empty-pattern
  kiosk: async ({}, use) => {
    const folder = tempFolder('guichet-e2e-');
    const dataset = folder.file('dataset.json', SEEDED);
    const host = await spawnUntilReady(
      'src-main/host/cli.ts',
      ['--port', '0', '--dataset', dataset, '--data-dir', folder.file('data')],
      /Kiosk ready at (\S+)/,
      { env: { GUICHET_KEYCHAIN_SERVICE: `guichet-e2e-${process.pid}-${Date.now()}` } },
    );
    try {
      await use({ url: host.match[1]!, dataDir: folder.file('data') });
    } finally {
      await host.stop();
      folder.remove();
    }
  },
});

export { expect };
