import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src-main/app/config';
import { startKiosk, type Kiosk } from '../../src-main/app/kiosk';
import { silentLogger } from '../../src-main/app/logger';
import { pinSealingKeyFromApi } from '../../src-main/app/pin-sealing-key';
import type { KioskStatus } from '../../src-main/core/connectivity';
import { createWebHost } from '../../src-main/host/server';
import type { KioskEvent } from '../../src-main/ipc/contract';
import { createKeytarStore } from '../../src-main/secrets/keytar-store';
import { SECRET_NAMES } from '../../src-main/secrets/secret-store';
import { DEMO_DEVICE } from '../../src-main/simulator/dataset';
import { SEEDED } from '../support/dataset';
import { activeStudents, chainPassword, studentId } from '../support/offline';
import { spawnUntilReady } from '../support/spawn-ready';
import { tempFolder } from '../support/tmp';

// The whole kiosk back end, live, against the simulator in its own process: a password change
// made while the API is down is accepted with a receipt, kept sealed in the journal, and
// applied when the API is back; main pushes the connectivity and outbox changes.

let folder: ReturnType<typeof tempFolder>;
let service: string;
let simulator: Awaited<ReturnType<typeof spawnUntilReady>> | null;
let apiUrl: string;
let kiosk: Kiosk | null;
let events: KioskEvent[];

const control = (body: unknown) =>
  fetch(`${apiUrl}/_simulator/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const dispatch = (channel: string, input: unknown) => kiosk!.dispatch(channel, input);
async function status(): Promise<KioskStatus> {
  const reply = await dispatch('kiosk.status', {});
  if (!reply.ok) throw new Error(reply.error.code);
  return reply.value as KioskStatus;
}

beforeEach(async () => {
  folder = tempFolder('guichet-outbox-kiosk-');
  service = `guichet-outbox-${process.pid}-${Date.now()}`;
  events = [];
  const students = [...SEEDED.students, ...activeStudents(2).students];
  const dataset = folder.file('dataset.json', { ...SEEDED, students });
  simulator = await spawnUntilReady(
    'src-main/simulator/cli.ts',
    ['--port', '0', '--quiet', '--control', '--dataset', dataset],
    /Simulator listening on (\S+)/,
  );
  apiUrl = simulator.match[1]!;
  const secrets = createKeytarStore(service);
  await secrets.set(SECRET_NAMES.deviceCredential, JSON.stringify(DEMO_DEVICE));
  await pinSealingKeyFromApi({ apiUrl, secrets });
  const config = loadConfig(
    {},
    { apiUrl, dataDir: folder.file('data'), keychainService: service, apiTimeoutMs: 2000 },
  );
  kiosk = await startKiosk(config, { logger: silentLogger });
  kiosk.subscribe((event) => events.push(event));
});
afterEach(async () => {
  await kiosk?.close();
  await simulator?.stop();
  folder.remove();
});

describe('a live kiosk through an outage', () => {
  it('queues a password change with a receipt, sealed, and applies it when the API is back', async () => {
    expect(await status()).toMatchObject({ outbox: { pending: 0, dead: 0 } });
    await control({ down: true });

    const done = await dispatch('password.change', {
      identifier: studentId(0),
      currentPassword: chainPassword(0, 0),
      newPassword: chainPassword(0, 1),
    });
    expect(done).toEqual({
      ok: true,
      value: expect.objectContaining({
        identifier: studentId(0),
        receipt: { reference: expect.any(String), acceptedAt: expect.any(String) },
      }),
    });
    expect((await status()).outbox).toEqual({ pending: 1, dead: 0 });
    expect(events).toContainEqual({ name: 'outbox', payload: { pending: 1, dead: 0 } });

    // The journal holds the request, but never a password in clear.
    const data = join(folder.path, 'data');
    for (const file of readdirSync(data)) {
      const bytes = readFileSync(join(data, file)).toString('latin1');
      expect(bytes).not.toContain(chainPassword(0, 0));
      expect(bytes).not.toContain(chainPassword(0, 1));
    }

    await control({ down: false });
    await expect
      .poll(async () => (await status()).outbox, { timeout: 20_000 })
      .toEqual({
        pending: 0,
        dead: 0,
      });
    // Applied at the API: the new password opens the mail settings, the old one does not.
    expect(
      (await dispatch('mail.open', { identifier: studentId(0), password: chainPassword(0, 1) })).ok,
    ).toBe(true);
    expect(
      await dispatch('mail.open', { identifier: studentId(0), password: chainPassword(0, 0) }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_credentials' } });
    expect(events.filter((e) => e.name === 'connectivity').length).toBeGreaterThan(0);
    // The audit trail says how the queued write ended, by its reference.
    const journal = new Database(join(data, 'journal.db'), { readonly: true });
    const audit = journal
      .prepare("SELECT outcome, detail_json FROM audit WHERE kind = 'outbox.password.change'")
      .all();
    journal.close();
    const reference = done.ok
      ? (done.value as { receipt: { reference: string } }).receipt.reference
      : '';
    expect(audit).toEqual([
      { outcome: 'success', detail_json: expect.stringContaining(`"reference":"${reference}"`) },
    ]);
  });

  it('says what cannot be done offline, and still identifies from the cache', async () => {
    const online = await dispatch('student.identify', {
      studentNumber: '21901234',
      birthDate: '14032001',
    });
    expect(online.ok).toBe(true);
    await control({ down: true });
    const journeyId = online.ok ? (online.value as { journeyId: string }).journeyId : '';
    expect(await dispatch('activation.sendEmail', { journeyId })).toEqual({
      ok: false,
      error: { code: 'not_available_offline' },
    });
    expect(
      await dispatch('mail.open', { identifier: studentId(1), password: chainPassword(1, 0) }),
    ).toEqual({ ok: false, error: { code: 'not_available_offline' } });
    const cached = await dispatch('student.identify', {
      studentNumber: '21901234',
      birthDate: '14032001',
    });
    expect(cached).toMatchObject({ ok: true, value: { source: 'cache' } });
  });

  it('streams events to the web host’s renderer, with the token only', async () => {
    const host = createWebHost({
      dispatch: kiosk!.dispatch,
      rendererDir: folder.path,
      subscribe: kiosk!.subscribe,
    });
    const { origin } = await host.listen(0);
    try {
      expect((await fetch(`${origin}/events?token=guess`)).status).toBe(403);
      const stream = await fetch(`${origin}/events?token=${host.token}`);
      expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const reader = stream.body!.getReader();
      await control({ down: true });
      await dispatch('password.change', {
        identifier: studentId(1),
        currentPassword: chainPassword(1, 0),
        newPassword: chainPassword(1, 1),
      });
      let text = '';
      while (!text.includes('event: outbox')) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
      expect(text).toContain('event: outbox\ndata: {"pending":1,"dead":0}\n\n');
      await reader.cancel();
    } finally {
      await host.close();
    }
  });
});
