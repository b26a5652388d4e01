/**
 * A live kiosk (web host with --api) in front of a simulator in its own process, both from the
 * build (dist/main), like the shared demo host. These fixtures are part of the one `test` of
 * test/e2e/fixtures.ts, so that every spec runs in the same two workers (a test type of its own
 * started workers, and a browser, of its own). The device credential and the pinned sealing key
 * are provisioned in the worker's keychain with `npm run provision`, as an installer would, once
 * per worker: every simulator of the worker uses the same sealing key file. Each test gets a new
 * simulator (its accounts as `dataset()` builds them) and a new kiosk (an empty data folder). The
 * kiosk reaches the simulator through a TCP gate (test/support/tcp-gate.ts): closing it is the
 * outage, a refused connection as when the API's process is gone; opening it brings the API back
 * at once, where starting a process again took seconds on a busy machine.
 */
import { spawnSync } from 'node:child_process';
import { expect, type Fixtures, type Page } from '@playwright/test';
import { DEMO_DEVICE } from '../../src-main/simulator/dataset';
import { seededDataset } from '../support/dataset';
import { openHostSession } from '../support/host-session';
import { spawnUntilReady } from '../support/spawn-ready';
import { startTcpGate } from '../support/tcp-gate';
import { tempFolder } from '../support/tmp';
import { holdSession } from './session-cookie';

export interface LiveKiosk {
  /** The kiosk's page, without a token: the test's tab holds the session (session-cookie.ts). */
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

/** The accounts of a test's simulator: `build()` runs when the test starts. */
export interface LiveDataset {
  build(): unknown;
}

export interface LiveKioskFixtures {
  liveKiosk: LiveKiosk;
  /** The seeded dataset unless a spec says otherwise: `test.use({ liveDataset: … })`. */
  liveDataset: LiveDataset;
}

export const liveKioskFixtures: Fixtures<
  LiveKioskFixtures,
  { keychain: Keychain },
  { page: Page }
> = {
  liveDataset: [{ build: () => seededDataset(new Date()) }, { option: true }],

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

  liveKiosk: async ({ keychain, liveDataset, page }, use) => {
    const folder = tempFolder('guichet-e2e-offline-');
    const datasetFile = folder.file('dataset.json', liveDataset.build());
    const simulator = await spawnUntilReady(
      'dist/main/simulator.js',
      ['--port', '0', '--quiet', '--dataset', datasetFile, '--sealing-key', keychain.keyFile],
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
        // The API's default time limit (8 s): an outage here is a refused connection, noticed
        // at once; a shorter limit only made a busy simulator's slow answers count as failures.
        // While the API is away the kiosk checks every half second (5 s by default) whether it
        // is back: the tests wait for the kiosk to see it, not for its timer.
        {
          env: { GUICHET_KEYCHAIN_SERVICE: keychain.service, GUICHET_RECOVERY_PROBE_MS: '500' },
        },
      );
      try {
        const session = await openHostSession(host.match[1]!);
        await holdSession(page.context(), session);
        await use({ url: session.url, stopApi: gate.close, startApi: gate.open });
      } finally {
        await host.stop();
      }
    } finally {
      await gate.close();
      await simulator.stop();
      folder.remove();
    }
  },
};
