// The server's shared state over a real PostgreSQL (Debian's package, started in a temp folder)
// and its mail through a real SMTP server on loopback. Two pools stand for two server
// instances: what one claims or counts, the other sees. No mock of the database or the relay.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailSender, enqueueMail } from '../../src-server/mail/queue';
import { createPostgresAttempts } from '../../src-server/postgres/attempts';
import { createPool, migrate, type Pool } from '../../src-server/postgres/database';
import { createPostgresIdempotency } from '../../src-server/postgres/idempotency';
import { startPostgres, type Postgres } from '../../src-server/stack/postgres';
import { waitFor } from '../../src-server/stack/wait';
import { startSmtpSink, type SmtpSink } from '../../src-server/stack/smtp-sink';
import type { Reply } from '../../src-main/simulator/http';
import type { KeyedAttempt } from '../../src-main/simulator/idempotency';
import { tempFolder } from '../support/tmp';

const folder = tempFolder('guichet-pg-');
let postgres: Postgres;
let one: Pool;
let two: Pool;

beforeAll(async () => {
  postgres = await startPostgres(folder.path);
  // Two instances starting together: the migrations run once, under node-pg-migrate's lock.
  const ran = await Promise.all([migrate(postgres.url), migrate(postgres.url)]);
  expect(ran.flat()).toEqual([
    '0001_server-state',
    '0002_directory-feed',
    '0003_journeys',
    '0004_devices',
    '0005_staff',
    '0006_staff-pin-limits',
    '0007_audit-heads',
    '0008_event-notes',
    '0009_staff-action-proofs',
    '0010_kiosk-heartbeats',
    '0011_console',
    '0012_console-accounts',
    '0013_refusal-acknowledgements',
  ]);
  one = createPool(postgres.url);
  two = createPool(postgres.url);
});
afterAll(async () => {
  await one?.end();
  await two?.end();
  await postgres?.stop();
  folder.remove();
});

const write = (key: string, bodyText = '{"password":"sealed"}') => ({
  method: 'POST',
  route: 'POST /v1/accounts/:identifier/password/change',
  path: '/v1/accounts/hlefevre/password/change',
  deviceId: 'kiosk-1',
  key,
  bodyText,
});

describe('Idempotency-Key shared by two instances', () => {
  it('performs a key once when 100 requests race across both, and every repeat gets that answer', async () => {
    const stores = [createPostgresIdempotency(one), createPostgresIdempotency(two)];
    let effects = 0;
    const work = async (): Promise<Reply> => {
      effects += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { status: 200, body: { changed: effects } };
    };
    const replies = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        (stores[i % 2] ?? stores[0])!.run(write('race-key-0000000001'), work),
      ),
    );
    expect(effects).toBe(1);
    const statuses = new Set(replies.map((r) => r.status));
    // Those that arrived while the first ran were told so; none did the work again.
    expect([...statuses].every((s) => s === 200 || s === 409)).toBe(true);
    for (const reply of replies.filter((r) => r.status === 200))
      expect(reply.body).toEqual({ changed: 1 });
    // Afterwards, from either instance: the first answer, marked as replayed.
    for (const store of stores) {
      const again = await store.run(write('race-key-0000000001'), work);
      expect(again).toMatchObject({ status: 200, body: { changed: 1 } });
      expect(again.headers?.['idempotent-replayed']).toBe('true');
    }
    expect(effects).toBe(1);
  });

  it('refuses the same key for another request with 422', async () => {
    const store = createPostgresIdempotency(one);
    const ok = async (): Promise<Reply> => ({ status: 200, body: { ok: true } });
    await store.run(write('reuse-key-000000001'), ok);
    const other = await createPostgresIdempotency(two).run(
      write('reuse-key-000000001', '{"password":"other"}'),
      ok,
    );
    expect(other).toMatchObject({ status: 422, body: { code: 'idempotency_key_reused' } });
  });

  it('lets a retry take over a key whose first instance died mid-request', async () => {
    // The first instance claimed the key with a 1 s lease and never answered (killed).
    const dying = createPostgresIdempotency(one, { leaseSeconds: 1 });
    const never = new Promise<Reply>(() => {});
    void dying.run(write('crash-key-000000001'), () => never);
    await waitFor(async () => {
      const { rowCount } = await one.query(
        "SELECT 1 FROM idempotency_keys WHERE key = 'crash-key-000000001'",
      );
      return rowCount === 1;
    }, 'the first instance to claim the key');
    const survivor = createPostgresIdempotency(two);
    let effects = 0;
    // The taker is told the first attempt may have written already (src-server/http/resume.ts).
    const work = async ({ resumed }: KeyedAttempt): Promise<Reply> => ({
      status: 200,
      body: { effects: (effects += 1), resumed },
    });
    const early = await survivor.run(write('crash-key-000000001'), work);
    expect(early).toMatchObject({ status: 409 });
    // Waits for the lease to run out, on the database's clock.
    let reply = early;
    for (let i = 0; i < 200 && reply.status === 409; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      reply = await survivor.run(write('crash-key-000000001'), work);
    }
    expect(reply).toMatchObject({ status: 200, body: { effects: 1, resumed: true } });
    expect(effects).toBe(1);
    // A new key is no resumption.
    expect(await survivor.run(write('fresh-key-000000001'), work)).toMatchObject({
      body: { effects: 2, resumed: false },
    });
  });

  it('does not keep answers that did nothing (5xx, 429): the retry does the work', async () => {
    const store = createPostgresIdempotency(one);
    const first = await store.run(write('fail-key-0000000001'), async () => ({
      status: 503,
      body: { code: 'directory_unavailable' },
    }));
    expect(first.status).toBe(503);
    const second = await createPostgresIdempotency(two).run(
      write('fail-key-0000000001'),
      async () => ({
        status: 200,
        body: { ok: true },
      }),
    );
    expect(second).toMatchObject({ status: 200, body: { ok: true } });
  });
});

describe('attempt limits shared by two instances', () => {
  const perNumber = { failures: 5, windowSeconds: 900 };
  const perKiosk = { failures: 100, windowSeconds: 600 };

  it('grants exactly the limit to 100 parallel guesses for one number across both', async () => {
    const limiters = [createPostgresAttempts(one), createPostgresAttempts(two)];
    const outcomes = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        limiters[i % 2]!.reserve([
          { key: 'identify\u000021901234', rule: perNumber },
          { key: `identify-kiosk\u0000kiosk-${i % 4}`, rule: perKiosk },
        ]),
      ),
    );
    const granted = outcomes.filter((o) => o.ok);
    expect(granted).toHaveLength(5);
    for (const refused of outcomes.filter((o) => !o.ok))
      expect(refused).toMatchObject({ ok: false, retryAfterSeconds: expect.any(Number) });
    const waits = outcomes.flatMap((o) => (o.ok ? [] : [o.retryAfterSeconds]));
    expect(Math.min(...waits)).toBeGreaterThan(800);
  });

  it('gives the reservation back on success, so a right answer costs no try', async () => {
    const limiter = createPostgresAttempts(one);
    const keys = [{ key: 'credential\u0000ihaddad', rule: perNumber }];
    for (let i = 0; i < 4; i += 1) expect((await limiter.reserve(keys)).ok).toBe(true);
    const right = await limiter.reserve(keys);
    if (!right.ok) throw new Error('the fifth try should be granted');
    await limiter.succeeded(right, ['credential\u0000ihaddad']);
    // The failures in a row start again: five more tries.
    for (let i = 0; i < 5; i += 1) expect((await limiter.reserve(keys)).ok).toBe(true);
    expect((await createPostgresAttempts(two).reserve(keys)).ok).toBe(false);
  });
});

describe('mail through a real SMTP server', () => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await sink?.close();
  });
  const smtp = () => ({
    host: sink.host,
    port: sink.port,
    secure: false,
    requireTls: false,
    from: 'Guichet <guichet@univ.test>',
  });

  it('sends only what a committed change queued, and erases the code from the queue once sent', async () => {
    const sender = createMailSender(one, smtp());
    const client = await one.connect();
    try {
      await client.query('BEGIN');
      await enqueueMail(client, {
        to: 'rolled-back@example.org',
        subject: 'Code',
        text: 'Votre code : 11111111',
        language: 'fr',
      });
      await client.query('ROLLBACK');
      await client.query('BEGIN');
      await enqueueMail(client, {
        to: 'eloise@example.org',
        subject: 'Activation de votre compte',
        text: 'Votre code : 48213377',
        language: 'fr',
      });
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    expect(await sender.deliverDue()).toBe(1);
    const mail = await sink.waitForMail('eloise@example.org');
    expect(mail).toMatchObject({ subject: 'Activation de votre compte', language: 'fr' });
    expect(mail.text).toContain('48213377');
    expect(sink.messages('rolled-back@example.org')).toHaveLength(0);
    const { rows } = await one.query<{ body: string; sent_at: Date | null }>(
      "SELECT body, sent_at FROM mail_queue WHERE recipient = 'eloise@example.org'",
    );
    expect(rows).toEqual([{ body: '', sent_at: expect.any(Date) }]);
    await sender.stop();
  });

  it('keeps mail while the relay refuses it, and sends it once the relay is back', async () => {
    const sender = createMailSender(one, smtp(), { baseBackoffSeconds: 0.05 });
    sink.refuse(true);
    await enqueueMail(one, {
      to: 'late@example.org',
      subject: 'Code',
      text: '12345678',
      language: 'en',
    });
    expect(await sender.deliverDue()).toBe(0);
    const { rows } = await one.query<{ attempts: number; last_error: string }>(
      "SELECT attempts, last_error FROM mail_queue WHERE recipient = 'late@example.org'",
    );
    expect(rows[0]?.attempts).toBe(1);
    expect(rows[0]?.last_error).toMatch(/451/);
    expect(rows[0]?.last_error).not.toContain('12345678');
    sink.refuse(false);
    let delivered = 0;
    for (let i = 0; i < 200 && delivered === 0; i += 1) {
      delivered = await sender.deliverDue();
      if (delivered === 0) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(delivered).toBe(1);
    expect(sink.messages('late@example.org')).toHaveLength(1);
    await sender.stop();
  });

  it('sends each message once when two instances deliver at the same time', async () => {
    const senders = [createMailSender(one, smtp()), createMailSender(two, smtp())];
    for (let i = 0; i < 30; i += 1)
      await enqueueMail(one, {
        to: `batch${i}@example.org`,
        subject: 'Code',
        text: `code ${i}`,
        language: 'fr',
      });
    let total = 0;
    while (true) {
      const round = await Promise.all(senders.map((s) => s.deliverDue()));
      const sum = round.reduce((a, b) => a + b, 0);
      if (sum === 0) break;
      total += sum;
    }
    expect(total).toBe(30);
    for (let i = 0; i < 30; i += 1) expect(sink.messages(`batch${i}@example.org`)).toHaveLength(1);
    await Promise.all(senders.map((s) => s.stop()));
  });
});
