import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { realTimers } from '../../src-main/api/resilience/timers';
import { HealthResponse, PATHS } from '../../src-main/api/wire';
import { JOURNEY_PATHS, PasswordChanged } from '../../src-main/api/wire-journeys';
import { silentLogger } from '../../src-main/app/logger';
import { payloadAad } from '../../src-main/outbox/at-rest';
import { MAX_LIMITED_CREDENTIAL_ATTEMPTS } from '../../src-main/outbox/verdict';
import { createOutbox, type Outbox, type WriteRequest } from '../../src-main/outbox/outbox';
import { createSealer, type Sealer } from '../../src-main/secrets/sealing';
import { generateSealingKey, type SimulatorSealingKey } from '../../src-main/simulator/sealing-key';
import type { Simulator } from '../../src-main/simulator/server';
import { openDatabase, type Db } from '../../src-main/store/database';
import { JOURNAL_MIGRATIONS } from '../../src-main/store/journal-migrations';
import {
  activeStudents,
  chainPassword,
  fetchSealer,
  kioskTransport,
  realClock,
  startTestSimulator,
  studentId,
  testAtRest,
} from '../support/offline';
import { tempFolder } from '../support/tmp';

// The outbox against the simulator over real HTTP, on a real journal file: commit before
// send, FIFO per account, retries through faults and outages, dead letters, sealing.

let folder: ReturnType<typeof tempFolder>;
let simulator: Simulator;
let url: string;
let journal: Db;
let outbox: Outbox;
let transport: ReturnType<typeof kioskTransport>;

/** Opens the journal and the outbox; `timeoutMs` bounds one attempt (see kioskTransport). */
async function open(sealer: Sealer | null, timeoutMs?: number) {
  journal = openDatabase(join(folder.path, 'journal.db'), {
    migrations: JOURNAL_MIGRATIONS,
    synchronous: 'FULL',
  });
  transport = kioskTransport(url, { failureThreshold: 2, timeoutMs });
  outbox = createOutbox({
    db: journal,
    exchange: transport.exchange,
    sealer,
    atRest: testAtRest,
    clock: realClock,
    timers: realTimers,
    // The longest wait of each jitter window (1 s at first): with Math.random a retry could be
    // due within milliseconds and fire between the test's own steps, adding attempts.
    random: () => 1,
    logger: silentLogger,
    monitor: transport.resilience.monitor,
  });
}

beforeEach(async () => {
  folder = tempFolder('guichet-outbox-');
  ({ simulator, url } = await startTestSimulator(activeStudents(4)));
  await open(await fetchSealer(url));
});
afterEach(async () => {
  await outbox.stop();
  journal.close();
  await simulator.close();
  folder.remove();
});

/** Student i's password change from step `from` to `from + 1`. */
function change(i: number, from: number, current = chainPassword(i, from)): WriteRequest {
  return {
    kind: 'password.change',
    account: studentId(i),
    method: 'post',
    path: JOURNEY_PATHS.passwordChange(studentId(i)),
    body: {
      currentPassword: { type: 'plain', value: current },
      newPassword: { type: 'plain', value: chainPassword(i, from + 1) },
    },
  };
}

/** The reference of a queued outcome (fails the test for any other). */
function referenceOf(outcome: Awaited<ReturnType<Outbox['submit']>>): string {
  if (!outcome.ok || outcome.value.kind !== 'queued') throw new Error('expected a receipt');
  return outcome.value.receipt.reference;
}

const passwordIs = (i: number, step: number) => {
  const student = simulator.state.studentByIdentifier(studentId(i))!;
  return simulator.state.journeys.verifyPassword(student, chainPassword(i, step));
};
const health = { method: 'get', path: PATHS.health, schema: HealthResponse, auth: false } as const;

/** Takes the API down, and lets the kiosk notice (two failed probes: offline). */
async function goDown() {
  simulator.faults.set({ down: true });
  for (let i = 0; i < 2; i += 1) await transport.call({ ...health, probe: true, retry: false });
  expect(transport.resilience.monitor.current().state).toBe('offline');
}

/** Brings the API back and lets the kiosk notice, as its health probe would. */
async function recover() {
  simulator.faults.set({ down: false });
  expect((await transport.call({ ...health, probe: true, retry: false })).ok).toBe(true);
}

describe('outbox online', () => {
  it('commits the row and its key before the first request leaves', async () => {
    // The answer is held back 200 ms, long enough to read the journal while the request is out.
    // On a busy machine that wait can pass 2 s (the test transport's limit): the attempt would
    // time out and the change be queued. A limit of 30 s keeps this about the order of things.
    await outbox.stop();
    journal.close();
    await open(await fetchSealer(url), 30_000);
    simulator.faults.set({ latencyMs: 200, only: '/v1/accounts/' });
    const before = simulator.faults.received();
    const submitted = outbox.submit(change(0, 0), PasswordChanged);
    await expect.poll(() => simulator.faults.received()).toBe(before + 1);
    // The request is at the simulator: the journal already holds it, on disk.
    const reader = new Database(join(folder.path, 'journal.db'), { readonly: true });
    const rows = reader.prepare('SELECT state, idempotency_key FROM outbox').all();
    reader.close();
    expect(rows).toEqual([{ state: 'pending', idempotency_key: expect.any(String) }]);
    const result = await submitted;
    expect(result).toMatchObject({ ok: true, value: { kind: 'applied' } });
    expect(simulator.idempotency.performed().map((w) => w.idempotencyKey)).toEqual([
      (rows[0] as { idempotency_key: string }).idempotency_key,
    ]);
    expect(outbox.store.summary()).toEqual({ pending: 0, sent: 1, dead: 0 });
    expect(passwordIs(0, 1)).toBe(true);
  });

  it('gives a refusal to the student at once and keeps nothing of it', async () => {
    const refused = await outbox.submit(change(1, 0, 'Wrong-Pass-123'), PasswordChanged);
    expect(refused).toEqual({ ok: false, error: { code: 'invalid_credentials' } });
    expect(outbox.store.summary()).toEqual({ pending: 0, sent: 0, dead: 0 });
  });

  it('answers a repeated key with the first outcome, without a second row', async () => {
    const first = await outbox.submit(
      { ...change(2, 0), idempotencyKey: 'user-action-key-01' },
      PasswordChanged,
    );
    const again = await outbox.submit(
      { ...change(2, 0), idempotencyKey: 'user-action-key-01' },
      PasswordChanged,
    );
    expect(again).toEqual(first);
    expect(simulator.idempotency.performed()).toHaveLength(1);
  });
});

describe('outbox through an outage', () => {
  it('queues with a receipt, retries with backoff, and applies once when the API is back', async () => {
    await goDown();
    const queued = await outbox.submit(change(0, 0), PasswordChanged);
    expect(queued).toEqual({
      ok: true,
      value: {
        kind: 'queued',
        receipt: {
          reference: expect.stringMatching(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/),
          acceptedAt: expect.any(String),
        },
      },
    });
    const reference = referenceOf(queued);
    const row = outbox.store.byReference(reference)!;
    // Offline, the circuit is open: the attempt is answered at once, without the network.
    expect(row).toMatchObject({
      state: 'pending',
      attempts: 1,
      lastError: 'no answer unavailable',
    });
    expect(row.nextAttemptAt).toBeGreaterThanOrEqual(row.createdAt);

    await recover();
    await outbox.replayer.drain();
    expect(outbox.store.byReference(reference)).toMatchObject({ state: 'sent', attempts: 2 });
    expect(passwordIs(0, 1)).toBe(true);
    expect(simulator.idempotency.performed()).toHaveLength(1);
  });

  it('holds one credential per account, accounts side by side, and takes the next once applied', async () => {
    await goDown();
    for (const i of [0, 1]) {
      const answer = await outbox.submit(change(i, 0), PasswordChanged);
      expect(answer).toMatchObject({ ok: true, value: { kind: 'queued' } });
    }
    // A second password change for an account already waiting would be a queued guess.
    expect(await outbox.submit(change(0, 1), PasswordChanged)).toEqual({
      ok: false,
      error: { code: 'already_pending' },
    });
    expect(outbox.summary()).toEqual({ pending: 2, dead: 0 });
    await recover();
    await outbox.replayer.drain();
    expect(outbox.store.summary()).toEqual({ pending: 0, sent: 2, dead: 0 });
    expect(await outbox.submit(change(0, 1), PasswordChanged)).toMatchObject({
      ok: true,
      value: { kind: 'applied' },
    });
    expect(passwordIs(0, 2) && passwordIs(1, 1)).toBe(true);
  });

  it('refuses a second credential for the same account even when fired at once', async () => {
    await goDown();
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, n) =>
        outbox.submit(change(2, 0, `Guess-${n}-x`), PasswordChanged),
      ),
    );
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.filter((a) => !a.ok && a.error.code === 'already_pending')).toHaveLength(99);
    expect(outbox.summary()).toEqual({ pending: 1, dead: 0 });
  });

  it('waits out a 429 at replay (Retry-After) and a burst of 5xx, then applies', async () => {
    await goDown();
    const row = outbox.store.byReference(
      referenceOf(await outbox.submit(change(3, 0), PasswordChanged)),
    )!;
    await recover();
    simulator.faults.set({
      rateLimitNext: { count: 1, retryAfterSeconds: 30 },
      only: '/v1/accounts/',
    });
    outbox.replayer.hurry();
    await outbox.replayer.drain();
    const limited = outbox.store.get(row.id)!;
    expect(limited).toMatchObject({ state: 'pending', lastError: '429 rate_limited' });
    // Retry-After is honoured: the next attempt is planned 30 s on, jitter or not.
    expect(limited.nextAttemptAt - Date.now()).toBeGreaterThan(25_000);

    simulator.faults.set({ failNext5xx: 2 });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      outbox.replayer.hurry();
      await outbox.replayer.drain();
      expect(outbox.store.get(row.id)).toMatchObject({
        state: 'pending',
        lastError: '503 unavailable',
      });
    }
    // Two failures opened the circuit: the next health probe closes it, and the outbox goes.
    await recover();
    await outbox.replayer.drain();
    expect(outbox.store.get(row.id)).toMatchObject({ state: 'sent', attempts: 5 });
    expect(passwordIs(3, 1)).toBe(true);
  });

  it('gives up a credential the API keeps rate-limiting at replay, with the reason', async () => {
    await goDown();
    const row = outbox.store.byReference(
      referenceOf(await outbox.submit(change(3, 0), PasswordChanged)),
    )!;
    await recover();
    simulator.faults.set({
      rateLimitNext: { count: 100, retryAfterSeconds: 1 },
      only: '/v1/accounts/',
    });
    for (let i = 0; i < MAX_LIMITED_CREDENTIAL_ATTEMPTS; i += 1) {
      outbox.replayer.hurry();
      await outbox.replayer.drain();
    }
    expect(outbox.store.get(row.id)).toMatchObject({
      state: 'dead',
      limitedAttempts: MAX_LIMITED_CREDENTIAL_ATTEMPTS - 1,
      lastError: `429 rate_limited, given up after ${MAX_LIMITED_CREDENTIAL_ATTEMPTS} limited attempts`,
    });
    // Nothing is tried any more, however long the kiosk waits.
    const received = simulator.faults.received();
    outbox.replayer.hurry();
    await outbox.replayer.drain();
    expect(simulator.faults.received()).toBe(received);
    expect(outbox.summary()).toEqual({ pending: 0, dead: 1 });
  });

  it('tells the student at once when the API rate-limits a credential, and keeps nothing', async () => {
    simulator.faults.set({
      rateLimitNext: { count: 1, retryAfterSeconds: 30 },
      only: '/v1/accounts/',
    });
    expect(await outbox.submit(change(3, 0), PasswordChanged)).toEqual({
      ok: false,
      error: { code: 'rate_limited', retryAfterSeconds: 30 },
    });
    expect(outbox.store.summary()).toEqual({ pending: 0, sent: 0, dead: 0 });
  });

  it('moves a queued request the API refuses to the dead letters, with the reason', async () => {
    await goDown();
    await outbox.submit(change(1, 0, 'Wrong-Pass-123'), PasswordChanged);
    await recover();
    await outbox.replayer.drain();
    expect(outbox.summary()).toEqual({ pending: 0, dead: 1 });
    const dead = journal
      .prepare("SELECT last_error FROM outbox WHERE state = 'dead'")
      .pluck()
      .get();
    expect(dead).toBe('403 invalid_credentials');
    // The dead letter does not block the account's next request.
    await outbox.submit(change(1, 0), PasswordChanged);
    expect(passwordIs(1, 1)).toBe(true);
  });
});

describe('sealing', () => {
  it('stores only sealed passwords; the simulator opens them; the kiosk cannot', async () => {
    await goDown();
    await outbox.submit(change(2, 0), PasswordChanged);
    journal.pragma('wal_checkpoint(TRUNCATE)');
    const { readFileSync, readdirSync } = await import('node:fs');
    for (const file of readdirSync(folder.path)) {
      const bytes = readFileSync(join(folder.path, file)).toString('latin1');
      expect(bytes).not.toContain(chainPassword(2, 0));
      expect(bytes).not.toContain(chainPassword(2, 1));
    }
    const row = journal
      .prepare<[], { payload_json: string; idempotency_key: string }>(
        'SELECT payload_json, idempotency_key FROM outbox',
      )
      .get()!;
    // Sealed at rest as a whole; inside, the passwords are sealed to the API's key.
    expect(row.payload_json).toMatch(/^sealed:v1:/);
    const payload = JSON.parse(
      testAtRest.open(row.payload_json, payloadAad(row.idempotency_key)) ?? 'null',
    );
    expect(payload.newPassword).toEqual({
      type: 'sealed',
      jwe: expect.stringMatching(/^[\w-]+(\.[\w-]*){4}$/),
    });
    await recover();
    await outbox.replayer.drain();
    expect(passwordIs(2, 1)).toBe(true);
  });

  it('dead-letters a password sealed to a key the API does not hold, saying so', async () => {
    const stranger: SimulatorSealingKey = generateSealingKey();
    await outbox.stop();
    journal.close();
    await open(createSealer({ kid: stranger.kid, jwk: stranger.describe().jwk }));
    await goDown();
    await outbox.submit(change(0, 0), PasswordChanged);
    await recover();
    await outbox.replayer.drain();
    const dead = journal
      .prepare("SELECT last_error FROM outbox WHERE state = 'dead'")
      .pluck()
      .get();
    expect(dead).toBe('422 sealing_key_unknown');
    expect(passwordIs(0, 0)).toBe(true);
  });

  it('sends a password write directly, online only, when no key is pinned', async () => {
    await outbox.stop();
    journal.close();
    await open(null);
    expect(await outbox.submit(change(3, 0), PasswordChanged)).toMatchObject({
      ok: true,
      value: { kind: 'applied' },
    });
    expect(outbox.store.summary().sent + outbox.store.summary().pending).toBe(0);
    await goDown();
    expect(await outbox.submit(change(3, 1), PasswordChanged)).toEqual({
      ok: false,
      error: { code: 'not_available_offline' },
    });
  });
});
