/**
 * A live kiosk (web host with --api) in front of a simulator in its own process, which a test can
 * stop and start again: a full outage of the central API. Both run from the build (dist/main),
 * like the shared demo host. The device credential and the pinned sealing key are provisioned in
 * the test's keychain with `npm run provision`, as an installer would.
 */
import { spawnSync } from 'node:child_process';
import { test as base } from '@playwright/test';
import { DEMO_DEVICE } from '../../src-main/simulator/dataset';
import { seededDataset } from '../support/dataset';
import { spawnUntilReady } from '../support/spawn-ready';
import { tempFolder } from '../support/tmp';
import { expect } from './fixtures';

export interface LiveKiosk {
  url: string;
  /** Stops the central API (the simulator's process): a full outage. */
  stopApi(): Promise<void>;
  /** Starts it again on the same port, with the same sealing key and dataset. */
  startApi(): Promise<void>;
}

/** The test type with a `liveKiosk` fixture on the dataset `dataset()` builds (the seeded one). */
export function liveKioskTest(dataset: () => unknown = () => seededDataset(new Date())) {
  return base.extend<{ liveKiosk: LiveKiosk }>({
    // eslint-disable-next-line no-empty-pattern
    liveKiosk: async ({}, use) => {
      const folder = tempFolder('guichet-e2e-offline-');
      const service = `guichet-e2e-offline-${process.pid}-${Date.now()}`;
      const datasetFile = folder.file('dataset.json', dataset());
      const keyFile = folder.file('sealing-key.pem');
      const startSimulator = (port: number) =>
        spawnUntilReady(
          'dist/main/simulator.js',
          ['--port', String(port), '--quiet', '--dataset', datasetFile, '--sealing-key', keyFile],
          /Simulator listening on (\S+)/,
        );
      let simulator = await startSimulator(0);
      const apiUrl = simulator.match[1]!;
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
      const host = await spawnUntilReady(
        'dist/main/web-host.js',
        ['--port', '0', '--api', apiUrl, '--data-dir', folder.file('data')],
        /Kiosk ready at (\S+)/,
        { env: { GUICHET_KEYCHAIN_SERVICE: service, GUICHET_API_TIMEOUT_MS: '2000' } },
      );
      try {
        await use({
          url: host.match[1]!,
          stopApi: () => simulator.stop(),
          async startApi() {
            simulator = await startSimulator(Number(new URL(apiUrl).port));
          },
        });
      } finally {
        await host.stop();
        await simulator.stop();
        folder.remove();
      }
    },
  });
}
