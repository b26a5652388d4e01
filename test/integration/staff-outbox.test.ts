/**
 * Staff writes through the outbox, end to end: a live kiosk (real SQLite, real keychain) against
 * the simulator over HTTP. Online a write leaves one journal row and is applied once, a lost
 * answer is replayed under the same Idempotency-Key; offline, what may wait is queued with a
 * receipt and applied, with the proof the API gave the agent's session, when the simulator is
 * back; what cannot wait says so, and the device credential alone never acts in an agent's
 * name. Also the diagnostics' last latency and last sync.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { useJourneyKiosk } from '../support/journey-kiosk';

const AGENT = { staffId: 'agent01', pin: '482913' };
const LOCKED = 'sodegaard';
const check = { document: 'student_card' };
const setup = useJourneyKiosk();

const dispatch = (channel: string, input: unknown) => setup.current.kiosk.dispatch(channel, input);
const codeOf = async (channel: string, input: unknown) => {
  const reply = await dispatch(channel, input);
  return reply.ok ? 'ok' : reply.error.code;
};
const signIn = () => setup.call<{ offline: boolean }>('staff.signIn', AGENT);
/** The agent opens the student's page, as they do before any action (it brings the proofs). */
const openPage = (identifier = LOCKED) => setup.call('staff.student', { identifier });
const unlock = () =>
  setup.call<{ unlockedAt: string | null; receipt: { reference: string } | null }>('staff.unlock', {
    identifier: LOCKED,
    verification: check,
    reason: 'account_locked',
  });

function journal<T>(read: (db: Database.Database) => T): T {
  const db = new Database(join(setup.folder.path, 'data', 'journal.db'), { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}
const outboxRows = () =>
  journal(
    (db) =>
      // The audit uploader's batches share the queue and come whenever its timer fires: they are
      // audit-upload.test.ts's subject, not these staff writes'.
      db
        .prepare(
          "SELECT kind, account, state, idempotency_key FROM outbox WHERE kind <> 'audit.upload' ORDER BY id",
        )
        .all() as {
        kind: string;
        account: string;
        state: string;
        idempotency_key: string;
      }[],
  );
const auditOf = (...kinds: string[]) =>
  journal((db) =>
    db
      .prepare(
        `SELECT kind, outcome, actor, detail_json FROM audit
         WHERE kind IN (${kinds.map(() => '?').join(',')}) ORDER BY id`,
      )
      .all(...kinds),
  ) as { kind: string; outcome: string; actor: string; detail_json: string }[];
/** What the simulator recorded for the account (each unlock is one `account_unlocked`). */
const unlockEvents = () =>
  setup.current.simulator.state.events
    .list(setup.current.simulator.state.dataset.students.find((s) => s.identifier === LOCKED)!)
    .filter((e) => e.kind === 'account_unlocked');
/** Staff writes still waiting in the queue (the audit uploader's batches are left out, above). */
const pendingCount = async () => outboxRows().filter((row) => row.state === 'pending').length;

describe('staff writes go through the outbox', () => {
  it('online: one journal row, applied once; a lost answer is replayed under the same key', async () => {
    await signIn();
    await openPage();
    // The unlock is done, then the connection is cut before the answer: the agent gets a
    // receipt, and the replay with the row's key gets the first answer, not a second unlock.
    setup.current.simulator.faults.set({ resetNext: 1, only: `/v1/staff/accounts/${LOCKED}/` });
    const queued = await unlock();
    expect(queued).toEqual({
      unlockedAt: null,
      receipt: { reference: expect.any(String), acceptedAt: expect.any(String) },
    });
    await expect.poll(pendingCount, { timeout: 20_000 }).toBe(0);
    // One unlock happened, and the replay was answered "done" though the account was no longer
    // locked: the first answer, replayed for its key (a new key would have met 409
    // account_state, and the row would be a dead letter).
    expect(unlockEvents()).toEqual([expect.objectContaining({ actor: 'agent01' })]);
    const rows = outboxRows();
    expect(rows).toEqual([
      {
        kind: 'staff.unlock',
        // A keyed tag of the account, never the identifier (journal migration 7).
        account: expect.not.stringContaining(LOCKED),
        state: 'sent',
        idempotency_key: expect.any(String),
      },
    ]);
    const reference = queued.receipt!.reference;
    expect(auditOf('staff.unlock', 'outbox.staff.unlock')).toEqual([
      expect.objectContaining({
        kind: 'staff.unlock',
        outcome: 'queued',
        actor: 'agent01',
        detail_json: JSON.stringify({ reference }),
      }),
      expect.objectContaining({ kind: 'outbox.staff.unlock', outcome: 'applied' }),
    ]);
    // Applied now, the API answers at once: a refusal is the agent's to see, and not kept.
    expect(
      await codeOf('staff.unlock', { identifier: LOCKED, verification: check, reason: 'other' }),
    ).toBe('account_state');
    expect(outboxRows()).toHaveLength(1);
  });

  it('signed in offline, an agent cannot unlock or resend: nothing is queued in their name', async () => {
    await signIn();
    await setup.call('staff.signOut', {});
    setup.current.simulator.faults.set({ down: true });
    expect((await signIn()).offline).toBe(true);
    const write = { identifier: LOCKED, verification: check, reason: 'student_request' };
    // Whatever the screen sends: main refuses what would act in the agent's name later.
    expect(await codeOf('staff.unlock', write)).toBe('not_available_offline');
    expect(
      await codeOf('staff.resendActivation', { identifier: LOCKED, reason: 'student_request' }),
    ).toBe('not_available_offline');
    expect(await codeOf('staff.revealEmail', write)).toBe('not_available_offline');
    expect(await codeOf('staff.handOff', { ...write, purpose: 'password_reset' })).toBe(
      'not_available_offline',
    );
    expect(
      await codeOf('staff.resendActivation', {
        ...write,
        correctedEmail: 'new.me@example.org',
      }),
    ).toBe('not_available_offline');
    expect(await pendingCount()).toBe(0);
    expect(outboxRows()).toEqual([]);
    expect(auditOf('staff.unlock').map((l) => [l.outcome, l.detail_json])).toEqual([
      ['failure', JSON.stringify({ code: 'not_available_offline' })],
    ]);
  });

  it('asked online, an unlock waits out an outage with a receipt and is applied when the simulator is back', async () => {
    await signIn();
    await openPage();
    setup.current.simulator.faults.set({ down: true });
    const queued = await unlock();
    expect(queued.receipt?.reference).toEqual(expect.any(String));
    expect(await pendingCount()).toBe(1);
    expect(unlockEvents()).toEqual([]);

    await setup.call('staff.signOut', {});
    setup.current.simulator.faults.set({ down: false });
    await expect.poll(pendingCount, { timeout: 30_000 }).toBe(0);
    // Replayed with no session at all: the proof the agent's session got acted for them.
    expect(unlockEvents()).toEqual([expect.objectContaining({ actor: 'agent01' })]);
    expect(outboxRows().map((r) => [r.kind, r.state])).toEqual([['staff.unlock', 'sent']]);
    expect(auditOf('staff.unlock', 'outbox.staff.unlock').map((l) => l.outcome)).toEqual([
      'queued',
      'applied',
    ]);
  });

  it('without the proof the student page brings, an unlock cannot wait', async () => {
    await signIn();
    setup.current.simulator.faults.set({ down: true });
    expect(
      await codeOf('staff.unlock', { identifier: LOCKED, verification: check, reason: 'other' }),
    ).toBe('not_available_offline');
    expect(outboxRows()).toEqual([]);
  });

  it('a queued staff write the API refuses later is a dead letter, audited', async () => {
    await signIn();
    await openPage('hlefevre');
    setup.current.simulator.faults.set({ down: true });
    const queued = await setup.call<{ receipt: { reference: string } | null }>(
      'staff.resendActivation',
      { identifier: 'hlefevre', reason: 'email_not_received' },
    );
    expect(queued.receipt?.reference).toEqual(expect.any(String));
    setup.current.simulator.faults.set({ down: false });
    await expect.poll(pendingCount, { timeout: 30_000 }).toBe(0);
    // hlefevre's account is already active: no activation e-mail to send.
    expect(outboxRows().map((r) => [r.kind, r.state])).toEqual([
      ['staff.resend_activation', 'dead'],
    ]);
    expect(auditOf('outbox.staff.resend_activation')).toEqual([
      expect.objectContaining({ outcome: 'dead_lettered', actor: 'kiosk' }),
    ]);
    // The student concerned is told at their next identification, once, and nothing of what.
    const identify = () =>
      setup.call<{ identifier: string; notice?: unknown }>('student.identify', {
        studentNumber: '22110001',
        birthDate: '17052002',
      });
    const first = await identify();
    expect(first.notice).toEqual({ kind: 'operation_refused', count: 1 });
    expect(JSON.stringify(first.notice)).not.toContain(queued.receipt!.reference);
    expect((await identify()).notice).toBeUndefined();
    expect(auditOf('student.dead_letter_notice')).toHaveLength(1);
  });
});

describe('diagnostics', () => {
  it('report the last API latency and the background sync, with no staff sync asked for', async () => {
    await signIn();
    const diagnostics = () =>
      setup.call<{ lastLatencyMs: number | null; lastSyncAt: string | null }>(
        'staff.diagnostics',
        {},
      );
    await expect
      .poll(async () => (await diagnostics()).lastSyncAt, { timeout: 20_000 })
      .not.toBeNull();
    const seen = await diagnostics();
    expect(seen.lastLatencyMs).toEqual(expect.any(Number));
    expect(seen.lastLatencyMs).toBeGreaterThanOrEqual(0);
    expect(Date.parse(seen.lastSyncAt!)).toBeLessThanOrEqual(Date.now());
  });
});

describe('the device credential alone never acts in an agent’s name', () => {
  const verification = () => ({ document: 'student_card', checkedAt: new Date().toISOString() });
  const unlockBody = () => ({ verification: verification(), reason: 'account_locked' });
  const post = (path: string, body: unknown, headers: Record<string, string>) =>
    setup.current.direct('POST', path, body, headers);
  /** A session of the agent's straight at the API, and the proofs it gets for one account. */
  async function proofsFor(identifier: string) {
    const session = await post('/v1/staff/sessions', AGENT, {});
    const token = (session.body as { sessionToken: string }).sessionToken;
    const issued = await post(
      `/v1/staff/accounts/${identifier}/action-proofs`,
      { actions: ['unlock_account', 'resend_activation'] },
      { 'x-staff-session': token },
    );
    expect(issued.status).toBe(201);
    const proofs = (issued.body as { proofs: { action: string; proof: string }[] }).proofs;
    const of = (action: string) => proofs.find((p) => p.action === action)!.proof;
    return { unlock: of('unlock_account'), resend: of('resend_activation') };
  }

  it('naming an agent (the old X-Staff-Actor) does nothing, for a known or an unknown one alike', async () => {
    const asAgent = await post(`/v1/staff/accounts/${LOCKED}/unlock`, unlockBody(), {
      'x-staff-actor': 'agent01',
    });
    const asNobody = await post(`/v1/staff/accounts/${LOCKED}/unlock`, unlockBody(), {
      'x-staff-actor': 'nobody',
    });
    expect(asAgent.status).toBe(401);
    expect(asNobody).toEqual(asAgent);
    for (let i = 0; i < 5; i += 1) {
      const resend = await post(
        '/v1/staff/accounts/endiayebrule/activation-email',
        { reason: 'email_not_received' },
        { 'x-staff-actor': 'agent01' },
      );
      expect(resend.status).toBe(401);
    }
    expect(unlockEvents()).toEqual([]);
    expect(await setup.current.mailbox('eloise.nd@example.org')).toEqual([]);
  });

  it('a proof acts once, for its account and action only; a made-up one gets the same refusal', async () => {
    const proofs = await proofsFor(LOCKED);
    const refused = { code: 'staff_proof_refused', message: expect.any(String) };
    const withProof = (proof: string, key?: string) => ({
      'x-staff-proof': proof,
      ...(key && { 'idempotency-key': key }),
    });
    // Another action, another account, a proof nobody issued: one answer for all.
    const wrongAction = await post(
      `/v1/staff/accounts/${LOCKED}/activation-email`,
      { reason: 'email_not_received' },
      withProof(proofs.unlock),
    );
    const wrongAccount = await post(
      '/v1/staff/accounts/nmai/unlock',
      unlockBody(),
      withProof(proofs.unlock),
    );
    const madeUp = await post(
      `/v1/staff/accounts/${LOCKED}/unlock`,
      unlockBody(),
      withProof('A'.repeat(43)),
    );
    for (const answer of [wrongAction, wrongAccount, madeUp])
      expect(answer).toEqual({ status: 401, body: refused });
    // A corrected address never travels on a proof.
    const corrected = await post(
      '/v1/staff/accounts/endiayebrule/activation-email',
      {
        reason: 'email_not_received',
        correctedEmail: 'new.me@example.org',
        verification: verification(),
      },
      withProof((await proofsFor('endiayebrule')).resend),
    );
    expect(corrected.status).toBe(403);
    expect(unlockEvents()).toEqual([]);

    // The write it was issued for: applied in the agent's name; retried with its key, the
    // first answer; the same proof on another write: refused.
    const body = unlockBody();
    const first = await post(
      `/v1/staff/accounts/${LOCKED}/unlock`,
      body,
      withProof(proofs.unlock, 'replay-key-0000001'),
    );
    expect(first.status).toBe(200);
    const retried = await post(
      `/v1/staff/accounts/${LOCKED}/unlock`,
      body,
      withProof(proofs.unlock, 'replay-key-0000001'),
    );
    expect(retried).toEqual(first);
    const again = await post(
      `/v1/staff/accounts/${LOCKED}/unlock`,
      unlockBody(),
      withProof(proofs.unlock, 'replay-key-0000002'),
    );
    expect(again).toEqual({ status: 401, body: refused });
    expect(unlockEvents()).toEqual([expect.objectContaining({ actor: 'agent01' })]);
  });

  it('a proof fired 100 times at once with 100 keys acts once', async () => {
    const proofs = await proofsFor('endiayebrule');
    const answers = await Promise.all(
      Array.from({ length: 100 }, () =>
        post(
          '/v1/staff/accounts/endiayebrule/activation-email',
          { reason: 'email_not_received' },
          { 'x-staff-proof': proofs.resend },
        ),
      ),
    );
    expect(answers.filter((a) => a.status === 202)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 401)).toHaveLength(99);
    expect(await setup.current.mailbox('eloise.nd@example.org')).toHaveLength(1);
  });

  it('an agent waiting out wrong PINs cannot be acted for', async () => {
    const proofs = await proofsFor(LOCKED);
    for (let i = 0; i < 4; i += 1) {
      const wrong = await post('/v1/staff/sessions', { staffId: AGENT.staffId, pin: '000000' }, {});
      expect([401, 429]).toContain(wrong.status);
    }
    const answer = await post(`/v1/staff/accounts/${LOCKED}/unlock`, unlockBody(), {
      'x-staff-proof': proofs.unlock,
    });
    expect(answer.status).toBe(401);
    expect(unlockEvents()).toEqual([]);
  });
});
