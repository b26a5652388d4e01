import { loadConfig } from '../../src-main/app/config';
import { startKiosk, type Kiosk } from '../../src-main/app/kiosk';
import { silentLogger } from '../../src-main/app/logger';
import type { Logger } from '../../src-main/core/ports';
import { createKeytarStore } from '../../src-main/secrets/keytar-store';
import { SECRET_NAMES } from '../../src-main/secrets/secret-store';
import { parseDataset, type Dataset } from '../../src-main/simulator/dataset';
import { DIRECTORY_CONTROL_ROUTES } from '../../src-main/simulator/directory-controls';
import { createSimulator, type Simulator } from '../../src-main/simulator/server';
import { SEEDED } from './dataset';

/** The device the sync tests' simulator accepts. */
export const SYNC_DEVICE = { deviceId: 'kiosk-sync-01', secret: 'sync-integration-secret-0123' };

/** A simulator on 127.0.0.1 with the directory controls, and a helper to call them. */
export async function startSyncSimulator(
  students: Dataset['students'] = parseDataset(SEEDED).students,
  logger: Logger = silentLogger,
): Promise<{
  simulator: Simulator;
  url: string;
  control(method: 'POST' | 'DELETE', path: string, body?: unknown): Promise<unknown>;
}> {
  const simulator = createSimulator({
    dataset: { students, staff: [], devices: [SYNC_DEVICE] },
    clock: { now: () => new Date() },
    routes: DIRECTORY_CONTROL_ROUTES,
    logger,
  });
  const { url } = await simulator.listen();
  const control = async (method: 'POST' | 'DELETE', path: string, body?: unknown) => {
    const response = await fetch(url + path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
    return response.json();
  };
  return { simulator, url, control };
}

/** A live kiosk on `dataDir` against `apiUrl`, its device credential in the real keychain. */
export async function startLiveKiosk(
  apiUrl: string,
  dataDir: string,
  keychainService: string,
  logger: Logger = silentLogger,
): Promise<Kiosk> {
  await createKeytarStore(keychainService).set(
    SECRET_NAMES.deviceCredential,
    JSON.stringify(SYNC_DEVICE),
  );
  const config = loadConfig({}, { apiUrl, dataDir, keychainService, apiTimeoutMs: 2000 });
  return startKiosk(config, { logger });
}
