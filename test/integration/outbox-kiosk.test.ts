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
import { openHostSession } from '../support/host-session';
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

/** The kiosk's data files (journal and cache, WAL and SHM included) as one text. */
function dataBytes(): string {
  const data = join(folder.path, 'data');
  return readdirSync(data)
    .map((file) => readFileSync(join(data, file)).toString('latin1'))
    .join('\n');
}

/** The journal's audit lines of these kinds, oldest first. */
function auditLines(...kinds: string[]) {
  const journal = new Database(join(folder.path, 'data', 'journal.db'), { readonly: true });
  const lines = journal
    .prepare(
      `SELECT kind, outcome, detail_json FROM audit WHERE kind IN (${kinds.map(() => '?').join(',')}) ORDER BY id`,
    )
    .all(...kinds)
    .map((row) => {
      const { detail_json, ...rest } = row as { detail_json: string };
      return { ...rest, detail: JSON.parse(detail_json) as Record<string, unknown> };
    });
  journal.close();
  return lines;
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
    // The audit trail says the change was queued, not done, and then how it ended, by its
    // reference; the online change after it is a plain success, with no outbox line.
    const reference = done.ok
      ? (done.value as { receipt: { reference: string } }).receipt.reference
      : '';
    const online = await dispatch('password.change', {
      identifier: studentId(0),
      currentPassword: chainPassword(0, 1),
      newPassword: chainPassword(0, 2),
    });
    expect(online).toMatchObject({ ok: true, value: { receipt: null } });
    expect(auditLines('password_change', 'outbox.password.change')).toEqual([
      { kind: 'password_change', outcome: 'queued', detail: { reference } },
      {
        kind: 'outbox.password.change',
        outcome: 'applied',
        detail: { reference, attempts: expect.any(Number) },
      },
      { kind: 'password_change', outcome: 'success', detail: {} },
    ]);
  });

  it('queues a mail redirection made offline, applies it once, and dead-letters a wrong password', async () => {
    await control({ down: true });
    const redirect = async (student: number, password: string, address: string) => {
      const opened = await dispatch('mail.open', { identifier: studentId(student), password });
      expect(opened).toMatchObject({ ok: true, value: { offline: true, currentKnown: false } });
      const journeyId = opened.ok ? (opened.value as { journeyId: string }).journeyId : '';
      return dispatch('mail.setRedirection', { journeyId, address, keepCopy: false });
    };
    const queued = await redirect(0, chainPassword(0, 0), 'camille.0@example.net');
    expect(queued).toEqual({
      ok: true,
      value: expect.objectContaining({
        identifier: studentId(0),
        receipt: { reference: expect.any(String), acceptedAt: expect.any(String) },
        redirection: { address: 'camille.0@example.net', keepCopy: false },
      }),
    });
    const wrong = await redirect(1, 'not-the-password-1', 'camille.1@example.net');
    expect(wrong).toMatchObject({
      ok: true,
      value: { receipt: { reference: expect.any(String) } },
    });
    expect((await status()).outbox).toEqual({ pending: 2, dead: 0 });

    // The journal and the cache hold the requests, but never a password or an address in clear.
    const queuedBytes = dataBytes();
    for (const secret of [chainPassword(0, 0), 'not-the-password-1', 'camille.0@example.net']) {
      expect(queuedBytes).not.toContain(secret);
    }
    expect(queuedBytes).not.toContain('camille.1@example.net');

    await control({ down: false });
    await expect
      .poll(async () => (await status()).outbox, { timeout: 20_000 })
      .toEqual({ pending: 0, dead: 1 });
    // Applied at the API, once: the student's session now reads the new redirection.
    const online = await dispatch('mail.open', {
      identifier: studentId(0),
      password: chainPassword(0, 0),
    });
    expect(online).toMatchObject({
      ok: true,
      value: {
        offline: false,
        currentKnown: true,
        redirection: { address: 'camille.0@example.net', keepCopy: false },
      },
    });
    const other = await dispatch('mail.open', {
      identifier: studentId(1),
      password: chainPassword(1, 0),
    });
    expect(other).toMatchObject({ ok: true, value: { redirection: { address: null } } });
    const journal = new Database(join(folder.path, 'data', 'journal.db'), { readonly: true });
    const sent = journal
      .prepare("SELECT count(*) AS n FROM outbox WHERE kind = 'mail.redirection'")
      .get();
    journal.close();
    expect(sent).toEqual({ n: 2 });
    // Applied and dead-lettered, the rows (and the API's answer) still show no address.
    expect(dataBytes()).not.toContain('camille.0@example.net');
    expect(dataBytes()).not.toContain('camille.1@example.net');
    const [first, second] = [queued, wrong].map((r) =>
      r.ok ? (r.value as { receipt: { reference: string } }).receipt.reference : '',
    );
    const lines = auditLines('mail_redirection', 'outbox.mail.redirection');
    expect(lines.slice(0, 2)).toEqual([
      { kind: 'mail_redirection', outcome: 'queued', detail: { reference: first } },
      { kind: 'mail_redirection', outcome: 'queued', detail: { reference: second } },
    ]);
    expect(lines.slice(2)).toEqual(
      expect.arrayContaining([
        {
          kind: 'outbox.mail.redirection',
          outcome: 'applied',
          detail: { reference: first, attempts: expect.any(Number) },
        },
        {
          kind: 'outbox.mail.redirection',
          outcome: 'dead_lettered',
          detail: {
            reference: second,
            attempts: expect.any(Number),
            reason: expect.stringContaining('invalid_credentials'),
          },
        },
      ]),
    );
    expect(lines).toHaveLength(4);
  });

  it('takes an activation code on trust offline, on the kept charter; a wrong one activates nothing', async () => {
    const eloise = { studentNumber: '21901234', birthDate: '14032001' };
    const identified = await dispatch('student.identify', eloise);
    expect(identified).toMatchObject({ ok: true, value: { activation: { state: 'ready' } } });
    const journeyId = identified.ok ? (identified.value as { journeyId: string }).journeyId : '';

    await control({ down: true });
    // Never read from the API in this run: the charter shipped with the kiosk.
    const charter = await dispatch('charter.get', {});
    expect(charter).toMatchObject({ ok: true, value: { version: expect.any(String) } });
    // A code nobody sent: main cannot tell while the API is unreachable.
    const code = '12345678';
    expect(await dispatch('activation.checkCode', { journeyId, code })).toEqual({
      ok: true,
      value: { validUntil: null, provisional: true },
    });
    const done = await dispatch('activation.complete', {
      journeyId,
      code,
      charterVersion: charter.ok ? (charter.value as { version: string }).version : '',
      password: chainPassword(9, 1),
    });
    expect(done).toMatchObject({ ok: true, value: { receipt: { reference: expect.any(String) } } });
    expect((await status()).outbox).toEqual({ pending: 1, dead: 0 });
    // The code waits in the journal sealed, like the password.
    expect(dataBytes()).not.toContain(code);

    // The API checks the code when the activation is sent: refused, it is dead-lettered.
    await control({ down: false });
    await expect
      .poll(async () => (await status()).outbox, { timeout: 20_000 })
      .toEqual({ pending: 0, dead: 1 });
    const again = await dispatch('student.identify', eloise);
    expect(again).toMatchObject({ ok: true, value: { activation: { state: 'ready' } } });
    expect(dataBytes()).not.toContain(code);
    expect(auditLines('activation', 'outbox.activation')).toEqual([
      { kind: 'activation', outcome: 'queued', detail: { reference: expect.any(String) } },
      {
        kind: 'outbox.activation',
        outcome: 'dead_lettered',
        detail: expect.objectContaining({ reason: expect.stringContaining('code') }),
      },
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
    // Mail settings open without the current setting; a change would be queued (test below).
    expect(
      await dispatch('mail.open', { identifier: studentId(1), password: chainPassword(1, 0) }),
    ).toMatchObject({ ok: true, value: { offline: true, currentKnown: false } });
    const cached = await dispatch('student.identify', {
      studentNumber: '21901234',
      birthDate: '14032001',
    });
    expect(cached).toMatchObject({ ok: true, value: { source: 'cache' } });
  });

  it('streams events to the web host’s renderer, with its session only', async () => {
    const host = createWebHost({
      dispatch: kiosk!.dispatch,
      rendererDir: folder.path,
      subscribe: kiosk!.subscribe,
    });
    const { url } = await host.listen(0);
    try {
      const events = (headers: Record<string, string>) =>
        fetch(`${new URL(url).origin}/events`, { headers });
      expect((await events({ 'x-guichet-token': host.token })).status).toBe(403);
      const { headers } = await openHostSession(url);
      const stream = await events(headers);
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
