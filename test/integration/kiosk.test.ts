import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src-main/app/config';
import { startKiosk, type Kiosk } from '../../src-main/app/kiosk';
import { silentLogger } from '../../src-main/app/logger';
import { createKeytarStore } from '../../src-main/secrets/keytar-store';
import { SECRET_NAMES } from '../../src-main/secrets/secret-store';
import { SEEDED, THIS_YEAR } from '../support/dataset';
import { spawnUntilReady } from '../support/spawn-ready';
import { tempFolder } from '../support/tmp';

// The whole main-process back end on real parts: the simulator as a separate process over
// HTTP on 127.0.0.1, SQLite files in a temp folder, the keychain through gnome-keyring
// (scripts/with-keyring.sh), and the same dispatch the renderer's IPC calls go through.

const DEVICE = { deviceId: 'kiosk-it-01', secret: 'integration-secret-0123456789' };

let folder: ReturnType<typeof tempFolder>;
let service: string;
let stopSimulator: (() => Promise<void>) | null;
let kiosk: Kiosk | null;

async function startSimulator(): Promise<string> {
  const dataset = folder.file('dataset.json', { ...SEEDED, devices: [DEVICE] });
  const simulator = await spawnUntilReady(
    'src-main/simulator/cli.ts',
    ['--port', '0', '--dataset', dataset],
    /Simulator listening on (\S+)/,
  );
  stopSimulator = simulator.stop;
  return simulator.match[1]!;
}

beforeEach(() => {
  folder = tempFolder('guichet-it-');
  service = `guichet-it-${process.pid}-${Date.now()}`;
  stopSimulator = null;
  kiosk = null;
});
afterEach(async () => {
  await kiosk?.close();
  await stopSimulator?.();
  folder.remove();
});

async function identify(studentNumber: string, birthDate: string) {
  return kiosk!.dispatch('student.identify', { studentNumber, birthDate });
}

describe('live kiosk against the simulator', () => {
  async function startLive() {
    const apiUrl = await startSimulator();
    await createKeytarStore(service).set(SECRET_NAMES.deviceCredential, JSON.stringify(DEVICE));
    const config = loadConfig(
      {},
      { apiUrl, dataDir: folder.file('data'), keychainService: service, apiTimeoutMs: 2000 },
    );
    kiosk = await startKiosk(config, { logger: silentLogger });
  }

  it('identifies a student and shows this year’s enrolments only', async () => {
    await startLive();
    expect(kiosk!.info.mode).toBe('live');
    const result = await identify('21901234', '14032001');
    expect(result).toEqual({
      ok: true,
      value: expect.objectContaining({
        identifier: 'endiayebrule',
        firstName: 'Éloïse',
        lastName: "N'Diaye-Brûlé",
        accountStatus: 'not_activated',
        academicYear: THIS_YEAR,
        enrollments: [expect.objectContaining({ program: 'Licence 2 Informatique' })],
        source: 'online',
      }),
    });
  });

  it('gives the same answer for a wrong birth date and an unknown number', async () => {
    await startLive();
    const wrongDate = await identify('21901234', '15032001');
    const unknown = await identify('29999999', '14032001');
    expect(wrongDate).toEqual({ ok: false, error: { code: 'identification_failed' } });
    expect(unknown).toEqual(wrongDate);
  });

  it('refuses malformed input with field reasons, and input that breaks the contract', async () => {
    await startLive();
    expect(await identify('2190', '31/02/2001')).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        fields: [
          { field: 'studentNumber', reason: 'length' },
          { field: 'birthDate', reason: 'date_invalid' },
        ],
      },
    });
    expect(
      await kiosk!.dispatch('student.identify', { studentNumber: 21901234, birthDate: '14032001' }),
    ).toEqual({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(
      await kiosk!.dispatch('student.identify', { studentNumber: '1', birthDate: '1', extra: 1 }),
    ).toEqual({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await kiosk!.dispatch('no.such.channel', {})).toEqual({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('answers from its private cache when the API goes away, and stores nothing in clear', async () => {
    await startLive();
    expect((await identify('22004567', '31121999')).ok).toBe(true);
    await stopSimulator!();
    stopSimulator = null;
    const offline = await identify('22004567', '31121999');
    expect(offline).toEqual({
      ok: true,
      value: expect.objectContaining({ identifier: 'nmai', source: 'cache' }),
    });
    // Unknown to the cache (the directory sync brought every student, so a number nobody
    // has) while offline: the outage is reported, not a false "not found".
    const unknown = await identify('29999999', '14032001');
    expect(unknown.ok ? null : unknown.error.code).toMatch(/^(network|timeout|unavailable)$/);

    await kiosk!.close();
    kiosk = null;
    const files = readdirSync(join(folder.path, 'data'));
    expect(files).toEqual(expect.arrayContaining(['cache.db', 'journal.db']));
    for (const file of files) {
      const bytes = readFileSync(join(folder.path, 'data', file)).toString('latin1');
      for (const secret of ['22004567', '1999-12-31', '31121999', '21901234']) {
        expect(bytes).not.toContain(secret);
      }
    }
  });

  it('refuses to start when the API refuses the device credential the keychain holds', async () => {
    const apiUrl = await startSimulator();
    await createKeytarStore(service).set(
      SECRET_NAMES.deviceCredential,
      JSON.stringify({ ...DEVICE, secret: 'wrong' }),
    );
    // Caught at start (the calm failure page), not by every student afterwards.
    await expect(
      startKiosk(
        loadConfig({}, { apiUrl, dataDir: folder.file('data'), keychainService: service }),
        { logger: silentLogger },
      ),
    ).rejects.toThrow(/refused this kiosk’s device credential/);
  });
});

describe('a live kiosk that was never provisioned', () => {
  it('refuses to start, naming `npm run provision`, before it opens anything', async () => {
    const apiUrl = await startSimulator();
    // The keychain answers (a real Secret Service) but holds no device credential.
    expect(await createKeytarStore(service).get(SECRET_NAMES.deviceCredential)).toBeNull();
    const config = loadConfig(
      {},
      { apiUrl, dataDir: folder.file('data'), keychainService: service, apiTimeoutMs: 2000 },
    );
    await expect(startKiosk(config, { logger: silentLogger })).rejects.toThrow(
      /Device credential missing from the keychain: run `npm run provision`/,
    );
    expect(existsSync(join(folder.path, 'data'))).toBe(false);
  });

  it('refuses a credential it cannot read the same way', async () => {
    const apiUrl = await startSimulator();
    await createKeytarStore(service).set(SECRET_NAMES.deviceCredential, 'not json');
    const config = loadConfig(
      {},
      { apiUrl, dataDir: folder.file('data'), keychainService: service },
    );
    await expect(startKiosk(config, { logger: silentLogger })).rejects.toThrow(
      /Device credential unreadable in the keychain: run `npm run provision`/,
    );
  });
});

describe('demo kiosk', () => {
  it('starts the built-in simulator and keeps its secrets in the real keychain', async () => {
    const config = loadConfig(
      {},
      {
        dataDir: folder.file('data'),
        keychainService: service,
        demoDataset: folder.file('d.json', SEEDED),
      },
    );
    kiosk = await startKiosk(config, { logger: silentLogger });
    expect(kiosk.info.mode).toBe('demo');
    expect(kiosk.info.profile.name.fr).toBe('Université de Montpellier');
    expect(await identify('21901234', '14032001')).toEqual({
      ok: true,
      value: expect.objectContaining({ identifier: 'endiayebrule' }),
    });
    expect(await createKeytarStore(service).get(SECRET_NAMES.lookupKey)).toMatch(
      /^[A-Za-z0-9+/=]{40,}$/,
    );
  });
});
