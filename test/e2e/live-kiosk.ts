/**
 * A live kiosk (web host with --api) in front of a simulator in its own process, both from the
 * build (dist/main), like the shared demo host. The device credential and the pinned sealing key
 * are provisioned in the worker's keychain with `npm run provision`, as an installer would, once
 * per worker: every simulator of the worker uses the same sealing key file. Each test gets a new
 * simulator (its accounts as `dataset()` builds them) and a new kiosk (an empty data folder). The
 * kiosk reaches the simulator through a TCP gate (test/support/tcp-gate.ts): closing it is the
 * outage, a refused connection as when the API's process is gone; opening it brings the API back
 * at once, where starting a process again took seconds on a busy machine.
 */
import { spawnSync } from 'node:child_process';
import { test as base } from '@playwright/test';
import { DEMO_DEVICE } from '../../src-main/simulator/dataset';
import { seededDataset } from '../support/dataset';
import { spawnUntilReady } from '../support/spawn-ready';
import { startTcpGate } from '../support/tcp-gate';
import { tempFolder } from '../support/tmp';
import { expect } from './fixtures';

export interface LiveKiosk {
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

/** The test type with a `liveKiosk` fixture on the dataset `dataset()` builds (the seeded one). */
export function liveKioskTest(dataset: () => unknown = () => seededDataset(new Date())) {
  return base.extend<{ liveKiosk: LiveKiosk }, { keychain: Keychain }>({
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
      const datasetFile = folder.file('dataset.json', dataset());
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
}
