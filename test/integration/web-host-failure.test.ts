import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { DEMO_DEVICE } from '../../src-main/simulator/dataset';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SEEDED } from '../support/dataset';
import { spawnUntilReady } from '../support/spawn-ready';
import { tempFolder } from '../support/tmp';

// `npm run web` as a kiosk runs it, failing to start: what the browser in front of the public
// gets, against what the log gets. Real processes, real HTTP on 127.0.0.1, the real keychain.

const FAILED = /Kiosk failed to start \(reference ([A-Z0-9-]+)\).* page at (\S+)/;

let folder: ReturnType<typeof tempFolder>;
const stops: Array<() => Promise<void>> = [];

beforeEach(() => {
  folder = tempFolder('guichet-fail-');
  mkdirSync(folder.file('renderer'));
  folder.file('renderer/index.html', '<!doctype html><title>Guichet</title>');
});
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
  folder.remove();
});

async function startHost(api: string, service = `guichet-fail-${process.pid}-${Date.now()}`) {
  const host = await spawnUntilReady(
    'src-main/host/cli.ts',
    ['--port', '0', '--api', api, '--data-dir', folder.file('data')],
    FAILED,
    {
      env: {
        GUICHET_RENDERER_DIR: folder.file('renderer'),
        GUICHET_KEYCHAIN_SERVICE: service,
      },
    },
  );
  stops.push(host.stop);
  return { reference: host.match[1]!, url: host.match[2]!, log: host.output };
}

async function expectCalmPage(url: string, reference: string, hidden: RegExp) {
  for (const path of ['', 'rpc/student.identify', 'index.html?x=1']) {
    const page = await fetch(new URL(path, url));
    expect(page.status).toBe(503);
    const text = await page.text();
    expect(text).toContain(`Cette borne n’est pas disponible pour le moment`);
    expect(text).toContain(`This kiosk is not available at the moment`);
    expect(text).toContain(reference);
    expect(text).not.toMatch(hidden);
  }
  const call = await fetch(new URL('rpc/student.identify', url), { method: 'POST', body: '{}' });
  expect(call.status).toBe(503);
  expect(await call.json()).toEqual({ ok: false, error: { code: 'unavailable' } });
}

describe('web host that cannot start the kiosk', () => {
  it('an unprovisioned live kiosk: a calm page with a reference, the detail in the log', async () => {
    const simulator = await spawnUntilReady(
      'src-main/simulator/cli.ts',
      ['--port', '0', '--dataset', folder.file('dataset.json', SEEDED)],
      /Simulator listening on (\S+)/,
    );
    stops.push(simulator.stop);
    const { reference, url, log } = await startHost(simulator.match[1]!);
    await expectCalmPage(url, reference, /provision|keychain|credential|Error/i);
    // The log line that carries the detail carries the same reference.
    const line = log()
      .split('\n')
      .find((l) => l.includes('npm run provision'));
    expect(line).toContain(reference);
  });

  it('a device secret the API refuses: caught at start, not at the first student', async () => {
    const simulator = await spawnUntilReady(
      'src-main/simulator/cli.ts',
      ['--port', '0', '--dataset', folder.file('dataset.json', SEEDED)],
      /Simulator listening on (\S+)/,
    );
    stops.push(simulator.stop);
    // Provisioned as an installer would, with a secret that is readable but wrong.
    const service = `guichet-fail-${process.pid}-${Date.now()}`;
    const provisioned = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'src-main/app/provision-cli.ts',
        '--device-id',
        DEMO_DEVICE.deviceId,
        '--service',
        service,
      ],
      {
        input: 'not-the-device-secret\n',
        encoding: 'utf8',
      },
    );
    expect(provisioned.status, provisioned.stderr).toBe(0);
    const { reference, url, log } = await startHost(simulator.match[1]!, service);
    await expectCalmPage(url, reference, /provision|credential|secret|Error/i);
    const line = log()
      .split('\n')
      .find((l) => l.includes('refused this kiosk'));
    expect(line).toContain(reference);
  });

  it('a refused configuration: the same calm page, the key named in the log only', async () => {
    const { reference, url, log } = await startHost('http://comptes.example.edu/api');
    await expectCalmPage(url, reference, /apiUrl|http:\/\/comptes|loopback/i);
    const line = log()
      .split('\n')
      .find((l) => l.includes('config.apiUrl'));
    expect(line).toContain(reference);
  });
});
