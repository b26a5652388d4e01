import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src-main/app/config';
import {
  RESET_CONTROL_PATH,
  startResettableDemoKiosk,
  type ResettableKiosk,
} from '../../src-main/app/demo-reset';
import { startKiosk, type Kiosk } from '../../src-main/app/kiosk';
import { silentLogger } from '../../src-main/app/logger';
import type { EmailSent } from '../../src-main/core/journeys';
import type { IdentifiedStudent } from '../../src-main/core/student';
import { JOURNEY_CONTROL_PATHS } from '../../src-main/simulator/journey-controls';
import { SEEDED, SEEDED_PASSWORD } from '../support/dataset';
import { tempFolder } from '../support/tmp';

// The demo kiosk's reset control, which lets the end-to-end tests share one web host per worker:
// real SQLite files, the real keychain, the built-in simulator over HTTP on 127.0.0.1.

const ELOISE = { studentNumber: '21901234', birthDate: '14032001' };
const ELOISE_MAIL = 'eloise.nd@example.org';
const NEW_PASSWORD = 'Kx9#mPq2vL';

let folder: ReturnType<typeof tempFolder>;
let kiosk: ResettableKiosk | Kiosk | null;
let service: string;

function demoConfig(simulatorControls: boolean) {
  return loadConfig(
    {},
    {
      dataDir: folder.file('data'),
      keychainService: (service = `guichet-it-reset-${process.pid}-${Date.now()}`),
      demoDataset: folder.file('dataset.json', SEEDED),
      simulatorControls,
    },
  );
}

async function post(url: string, body: unknown) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

beforeEach(() => {
  folder = tempFolder('guichet-it-reset-');
  kiosk = null;
});
afterEach(async () => {
  await kiosk?.close();
  folder.remove();
});

describe('the demo reset control', () => {
  it('puts accounts, lockout, e-mails, clock and the kiosk’s files back to the start', async () => {
    const resettable = await startResettableDemoKiosk(demoConfig(true), { logger: silentLogger });
    kiosk = resettable;
    const simulator = resettable.demoSimulatorUrl!;
    const call = (channel: string, input: unknown) => resettable.dispatch(channel, input);
    const mailbox = async () => {
      const response = await fetch(
        `${simulator}${JOURNEY_CONTROL_PATHS.mailbox}?to=${encodeURIComponent(ELOISE_MAIL)}`,
      );
      return ((await response.json()) as { messages: unknown[] }).messages;
    };

    // A changed password, an e-mail sent, a student number locked out, the clock moved on.
    const changed = await call('password.change', {
      identifier: 'nmai',
      currentPassword: SEEDED_PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(changed.ok).toBe(true);
    const identified = await call('student.identify', ELOISE);
    const { journeyId } = (identified as { value: IdentifiedStudent }).value;
    const sent = await call('activation.sendEmail', { journeyId });
    expect((sent as { value: EmailSent }).value.maskedEmail).toBe('e*****d@example.org');
    expect(await mailbox()).toHaveLength(1);
    for (let i = 0; i < 5; i++)
      await call('student.identify', { ...ELOISE, birthDate: '01012001' });
    expect(await call('student.identify', ELOISE)).toMatchObject({
      ok: false,
      error: { code: 'locked_out' },
    });
    const moved = await post(`${simulator}${JOURNEY_CONTROL_PATHS.clock}`, {
      advanceSeconds: 30 * 86_400,
    });
    expect(Date.parse((moved.body as { now: string }).now) - Date.now()).toBeGreaterThan(
      29 * 86_400_000,
    );

    expect(await post(`${simulator}${RESET_CONTROL_PATH}`, {})).toEqual({
      status: 200,
      body: { reset: true },
    });

    // The student number is no longer locked out and Éloïse is found again.
    expect(await call('student.identify', ELOISE)).toMatchObject({
      ok: true,
      value: { identifier: 'endiayebrule' },
    });
    expect(await mailbox()).toEqual([]);
    const now = await post(`${simulator}${JOURNEY_CONTROL_PATHS.clock}`, { advanceSeconds: 0 });
    expect(Date.parse((now.body as { now: string }).now) - Date.now()).toBeLessThan(86_400_000);
    // The seeded password is back, the changed one no longer opens anything.
    expect((await call('mail.open', { identifier: 'nmai', password: NEW_PASSWORD })).ok).toBe(
      false,
    );
    expect((await call('mail.open', { identifier: 'nmai', password: SEEDED_PASSWORD })).ok).toBe(
      true,
    );
    // The audit log starts afresh too, and what the keychain kept of the old one went with it:
    // audit:verify does not take the new journal for a cut one.
    await kiosk.close();
    kiosk = null;
    const verify = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src-main/app/audit-verify-cli.ts', '--data-dir', folder.file('data')],
      { encoding: 'utf8', env: { ...process.env, GUICHET_KEYCHAIN_SERVICE: service } },
    );
    expect(verify.stdout).toContain('chain intact');
    expect(verify.status).toBe(0);
  });

  it('answers calls made during a reset with the new kiosk, and runs resets one at a time', async () => {
    const resettable = await startResettableDemoKiosk(demoConfig(true), { logger: silentLogger });
    kiosk = resettable;
    const control = `${resettable.demoSimulatorUrl!}${RESET_CONTROL_PATH}`;
    const results = await Promise.all([
      post(control, {}),
      resettable.dispatch('student.identify', ELOISE),
      post(control, {}),
      resettable.dispatch('student.identify', ELOISE),
      resettable.reset(),
    ]);
    expect(results[0]).toEqual({ status: 200, body: { reset: true } });
    expect(results[2]).toEqual({ status: 200, body: { reset: true } });
    expect(results[1]).toMatchObject({ ok: true, value: { identifier: 'endiayebrule' } });
    expect(results[3]).toMatchObject({ ok: true, value: { identifier: 'endiayebrule' } });
  });

  it('leaves the kiosk as it was when the dataset file no longer parses', async () => {
    const config = demoConfig(true);
    const resettable = await startResettableDemoKiosk(config, { logger: silentLogger });
    kiosk = resettable;
    writeFileSync(config.demoDataset!, '{"students": [');
    const answer = await post(`${resettable.demoSimulatorUrl!}${RESET_CONTROL_PATH}`, {});
    expect(answer.status).toBe(400);
    expect(await resettable.dispatch('student.identify', ELOISE)).toMatchObject({
      ok: true,
      value: { identifier: 'endiayebrule' },
    });
  });

  it('refuses a body that is not JSON, so that a web page cannot send it', async () => {
    const resettable = await startResettableDemoKiosk(demoConfig(true), { logger: silentLogger });
    kiosk = resettable;
    const response = await fetch(`${resettable.demoSimulatorUrl!}${RESET_CONTROL_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(response.status).toBe(415);
  });

  it('does not exist without the test controls, nor for a live kiosk', async () => {
    const plain = await startKiosk(demoConfig(false), { logger: silentLogger });
    kiosk = plain;
    expect((await post(`${plain.demoSimulatorUrl!}${RESET_CONTROL_PATH}`, {})).status).toBe(404);
    await expect(startResettableDemoKiosk(demoConfig(false))).rejects.toThrow(/demo mode/);
    const live = loadConfig({}, { apiUrl: 'http://127.0.0.1:9', simulatorControls: true });
    await expect(startResettableDemoKiosk(live)).rejects.toThrow(/demo mode/);
  });
});
