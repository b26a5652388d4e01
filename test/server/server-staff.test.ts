// Staff mode on the real chain: two Guichet server instances over one slapd and one PostgreSQL,
// reached by the kiosk's own staff client over HTTP with every answer checked against the
// contract. Staff are enrolled with a PIN (only its hash kept) and get their role from the
// directory's groups; locks, unlocks and passwords are read back from slapd itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffSignIn } from '../../src-main/api/staff-client';
import type { Result } from '../../src-main/core/result';
import type { DatasetStaff, DatasetStudent } from '../../src-main/simulator/dataset';
import { createApiClient } from '../../src-main/api/client';
import { createTransport } from '../../src-main/api/transport';
import { STAFF_PATHS, StaffEmailSent, StaffUnlocked } from '../../src-main/api/wire-staff';
import { silentLogger } from '../../src-main/app/logger';
import { STAFF_PIN_LIMITS as RULE } from '../../src-main/simulator/staff-pin-limits';
import { createPool } from '../../src-server/postgres/database';
import { registerDevice } from '../../src-server/postgres/devices';
import { enrolStaff, removeStaff } from '../../src-server/postgres/staff';
import { auditWire } from '../../src-main/api/staff-client';
import {
  CHAIN_DEVICE,
  ELOISE,
  codeIn,
  kioskClient,
  startServerChain,
  type ServerChain,
} from '../support/server-stack';
import { auditChain } from '../support/staff-openapi';
import { tempFolder } from '../support/tmp';

const AGENT: DatasetStaff = {
  staffId: 'cmartin',
  displayName: 'Camille Martin',
  pin: '482913',
  role: 'agent',
};
const GUESSED: DatasetStaff = {
  staffId: 'mdiallo',
  displayName: 'Mamadou Diallo',
  pin: '305127',
  role: 'agent',
};
/** Guessed from twenty kiosks at once: the daily bound holds. */
const TARGET: DatasetStaff = {
  staffId: 'lbernard',
  displayName: 'Léa Bernard',
  pin: '640218',
  role: 'agent',
};
/** Kiosks besides the chain's own, registered for the PIN limits' tests. */
const FLEET = Array.from({ length: 20 }, (_, i) => ({
  deviceId: `kiosk-fleet-${i}`,
  secret: `fleet-kiosk-secret-${String(i).padStart(6, '0')}`,
}));
const SUPERVISOR: DatasetStaff = {
  staffId: 'hdubois',
  displayName: 'Hélène Dubois',
  pin: '917364',
  role: 'supervisor',
};

/** Locked by ppolicy after failed binds (pwdAccountLockedTime): staff may lift it. */
const LOCKED: DatasetStudent = {
  studentNumber: '21905555',
  birthDate: '1999-06-21',
  firstName: 'Zoé',
  lastName: 'Lefèvre',
  identifier: 'zlefevre',
  personalEmail: 'zoe.l@example.net',
  enrollments: ELOISE.enrollments,
  account: { status: 'locked', activatedAt: '2025-09-10T09:00:00Z', leavingYear: null },
  lockReason: 'too_many_failures',
};
/** Locked by the directory's owners (SupAnn state S): not Guichet's to lift. */
const SECURITY: DatasetStudent = {
  ...LOCKED,
  studentNumber: '21906666',
  firstName: 'Sacha',
  lastName: 'Ødegaard',
  identifier: 'sodegaard',
  personalEmail: null,
  lockReason: 'security',
};
const ZOE_PASSWORD = 'Fougere!Dune-58';

const folder = tempFolder('guichet-staff-');
let chain: ServerChain;
let key = 0;
const nextKey = () => `staff-test-key-${String((key += 1)).padStart(6, '0')}`;

beforeAll(async () => {
  chain = await startServerChain(folder.path, [ELOISE, LOCKED, SECURITY], {
    staff: [AGENT, GUESSED, SUPERVISOR, TARGET],
  });
  const admin = createPool(chain.postgres.url, { max: 1 });
  for (const { deviceId, secret } of FLEET) await registerDevice(admin, deviceId, { secret });
  await admin.end();
  // Setting a password lifts ppolicy's lock: wrong binds lock the account again, as a student's
  // would.
  await chain.directory.setPassword(LOCKED.identifier, ZOE_PASSWORD);
  while ((await chain.directory.checkPassword(LOCKED.identifier, 'not-it')) !== 'locked');
});
afterAll(async () => {
  await chain?.close();
  folder.remove();
});

const [a, b] = [0, 1].map((i) => () => kioskClient(chain.urls[i]!));
/** The kiosk client of one of the FLEET's kiosks, on instance `i`. */
const fleetClient = (device: (typeof FLEET)[number], i: number) =>
  createApiClient({
    baseUrl: chain.urls[i]!,
    timeoutMs: 30_000,
    credential: async () => device,
    clock: { now: () => new Date() },
    logger: silentLogger,
    retry: { maxAttempts: 1 },
  });

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.error)}`);
  return result.value;
}

const signIn = async (member: DatasetStaff, client = a!()): Promise<StaffSignIn> =>
  value(await client.staff.openSession(member.staffId, member.pin));

const verification = {
  document: 'national_id_card',
  checkedAt: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
} as const;

describe('staff sign-in on the server', () => {
  it('signs staff in with their PIN and their role from the directory groups', async () => {
    expect(await signIn(AGENT)).toMatchObject({
      staffId: AGENT.staffId,
      displayName: AGENT.displayName,
      role: 'agent',
    });
    expect((await signIn(SUPERVISOR, b!())).role).toBe('supervisor');
  });

  it('gives a wrong PIN, an unknown identifier and a member of no group the same refusal', async () => {
    const refused = { ok: false, error: { code: 'staff_pin_invalid' } };
    expect(await a!().staff.openSession(AGENT.staffId, '000000')).toEqual(refused);
    expect(await a!().staff.openSession('nobody', AGENT.pin)).toEqual(refused);
    // Enrolled with a PIN, but in neither group: no role, no session.
    const admin = createPool(chain.postgres.url, { max: 1 });
    await enrolStaff(admin, { staffId: 'outsider', displayName: 'X', pin: '555123', role: null });
    await admin.end();
    expect(await a!().staff.openSession('outsider', '555123')).toEqual(refused);
  });

  it('30 wrong PINs from one kiosk over both instances: the right PIN works at another kiosk', async () => {
    const tries = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        (i % 2 ? a : b)!().staff.openSession(GUESSED.staffId, String(100000 + i)),
      ),
    );
    const codes = tries.map((t) => (t.ok ? 'ok' : t.error.code));
    expect(codes.filter((c) => c === 'staff_pin_invalid')).toHaveLength(RULE.freeFailures);
    expect(codes.filter((c) => c === 'rate_limited')).toHaveLength(30 - RULE.freeFailures);
    // At this kiosk even the right PIN waits, minutes at most; at another, it works now.
    const here = await b!().staff.openSession(GUESSED.staffId, GUESSED.pin);
    if (here.ok || here.error.code !== 'rate_limited') throw new Error('not limited here');
    expect(here.error.retryAfterSeconds).toBeLessThanOrEqual(RULE.delayCapSeconds);
    expect(
      (await fleetClient(FLEET[0]!, 0).staff.openSession(GUESSED.staffId, GUESSED.pin)).ok,
    ).toBe(true);
  });

  it('a supervisor at the kiosk lifts its waits: the right PIN works there at once', async () => {
    const admin = createPool(chain.postgres.url, { max: 1 });
    const jammed = { staffId: 'jammed', displayName: 'J', pin: '660321', role: 'agent' as const };
    await enrolStaff(admin, jammed);
    await admin.end();
    // Fleet kiosk 5 is this test's own: no other test guesses there.
    const kiosk = (i: number) => fleetClient(FLEET[5]!, i);
    const supervisor = value(await kiosk(0).staff.openSession(SUPERVISOR.staffId, SUPERVISOR.pin));
    for (let i = 0; i < 10; i += 1) await kiosk(i % 2).staff.openSession(jammed.staffId, '000000');
    const waiting = await kiosk(1).staff.openSession(jammed.staffId, jammed.pin);
    expect(!waiting.ok && waiting.error.code).toBe('rate_limited');
    // An agent cannot lift them; the supervisor forgets the three wrong PINs counted here
    // (the others were refused unread).
    const agent = value(await kiosk(0).staff.openSession(AGENT.staffId, AGENT.pin));
    const byAgent = await kiosk(1).staff.liftSignInLimits(agent.token);
    expect(!byAgent.ok && byAgent.error.code).toBe('staff_forbidden');
    expect(value(await kiosk(1).staff.liftSignInLimits(supervisor.token)).lifted).toBe(
      RULE.freeFailures,
    );
    expect((await kiosk(0).staff.openSession(jammed.staffId, jammed.pin)).ok).toBe(true);
  });

  it(
    'holds the daily bound per identifier under 100 parallel guesses from 20 kiosks, 2 instances',
    { timeout: 180_000 },
    async () => {
      const guess = (i: number) =>
        fleetClient(FLEET[i % 20]!, i % 2).staff.openSession(TARGET.staffId, String(200000 + i));
      const codeOf = (t: Result<unknown>): string => (t.ok ? 'ok' : t.error.code);
      const codes = (await Promise.all(Array.from({ length: 100 }, (_, i) => guess(i)))).map(
        codeOf,
      );
      // A guess a busy machine did not answer in time (503, the client's timeout) is asked
      // again, alone, until it has an answer: the bound must not depend on the machine's speed.
      for (const [i, first] of codes.entries()) {
        let code = first;
        while (!['ok', 'staff_pin_invalid', 'rate_limited'].includes(code))
          code = codeOf(await guess(i));
        codes[i] = code;
      }
      expect(codes).not.toContain('ok');
      // Each kiosk's own limit would let 3 × 20 = 60 through: the bound stops them at 50, as
      // the server itself counted them (an answer lost to a timeout was still counted there).
      const admin = createPool(chain.postgres.url, { max: 1 });
      const { rows } = await admin.query<{ n: string }>(
        `SELECT count(*) AS n FROM staff_pin_failures WHERE device_id LIKE 'kiosk-fleet-%'
          GROUP BY staff_digest ORDER BY count(*) DESC LIMIT 1`,
      );
      await admin.end();
      expect(Number(rows[0]?.n)).toBe(RULE.dailyBound);
      expect(codes.filter((c) => c === 'staff_pin_invalid').length).toBeLessThanOrEqual(
        RULE.dailyBound,
      );
      // The day's guesses are used up: the right PIN waits too, at a kiosk that never guessed.
      const right = await a!().staff.openSession(TARGET.staffId, TARGET.pin);
      expect(!right.ok && right.error.code).toBe('rate_limited');
    },
  );

  it('ends a removed member’s session on every instance', async () => {
    const admin = createPool(chain.postgres.url, { max: 1 });
    const leaving = { staffId: 'leaving', displayName: 'Y', pin: '777123', role: 'agent' as const };
    await enrolStaff(admin, leaving);
    const session = await signIn(leaving);
    expect((await b!().staff.searchStudents(session.token, 'ndiaye')).ok).toBe(true);
    await removeStaff(admin, leaving.staffId);
    await admin.end();
    const after = await b!().staff.searchStudents(session.token, 'ndiaye');
    expect(!after.ok && after.error.code).toBe('staff_session_expired');
  });
});

describe('staff actions on the server', () => {
  it('finds a student by folded name and shows the account from the directory', async () => {
    const agent = await signIn(AGENT);
    const found = value(await b!().staff.searchStudents(agent.token, 'n diaye brule'));
    expect(found.results.map((r) => r.identifier)).toEqual([ELOISE.identifier]);
    expect(value(await a!().staff.searchStudents(agent.token, '21905555')).results).toEqual([
      expect.objectContaining({ identifier: LOCKED.identifier, status: 'locked' }),
    ]);
    const view = value(await b!().staff.account(agent.token, LOCKED.identifier));
    expect(view).toMatchObject({
      studentNumber: LOCKED.studentNumber,
      status: 'locked',
      lockReason: 'too_many_failures',
      personalEmail: 'z*****l@example.net',
    });
  });

  it('unlocks a ppolicy lock in slapd, and the timeline says who and why', async () => {
    const agent = await signIn(AGENT);
    expect(await chain.directory.checkPassword(LOCKED.identifier, ZOE_PASSWORD)).toBe('locked');
    const unlocked = value(
      await b!().staff.unlockAccount(
        agent.token,
        LOCKED.identifier,
        { verification, reason: 'account_locked' },
        nextKey(),
      ),
    );
    expect(unlocked).toMatchObject({
      previousLockReason: 'too_many_failures',
      account: { status: 'active' },
    });
    expect(await chain.directory.checkPassword(LOCKED.identifier, ZOE_PASSWORD)).toBe('ok');
    const timeline = value(await a!().staff.accountEvents(agent.token, LOCKED.identifier));
    expect(timeline.at(-1)).toMatchObject({ kind: 'account_unlocked', actor: AGENT.staffId });
    // The service keeps where it was done, for the console's staff actions (never on the wire).
    const admin = createPool(chain.postgres.url, { max: 1 });
    const where = await admin.query<{ device_id: string | null }>(
      `SELECT device_id FROM account_events WHERE identifier = $1 AND kind = 'account_unlocked'`,
      [LOCKED.identifier],
    );
    await admin.end();
    expect(where.rows).toEqual([{ device_id: CHAIN_DEVICE.deviceId }]);
    expect(timeline.at(-1)).not.toHaveProperty('device');
  });

  it('leaves a security lock to the directory’s owners', async () => {
    const agent = await signIn(AGENT);
    const refused = await a!().staff.unlockAccount(
      agent.token,
      SECURITY.identifier,
      { verification, reason: 'account_locked' },
      nextKey(),
    );
    expect(refused.ok).toBe(false);
    const view = value(await a!().staff.account(agent.token, SECURITY.identifier));
    expect(view).toMatchObject({ status: 'locked', lockReason: 'security' });
  });

  it('resends the activation e-mail to a corrected address, written to the directory', async () => {
    const agent = await signIn(AGENT);
    const sent = value(
      await a!().staff.resendActivationEmail(
        agent.token,
        ELOISE.identifier,
        {
          reason: 'email_address_wrong',
          correctedEmail: 'eloise.new@example.org',
          verification,
        },
        nextKey(),
      ),
    );
    expect(sent.personalEmailUpdated).toBe(true);
    const mail = await chain.sink.waitForMail('eloise.new@example.org');
    expect(codeIn(mail.text)).toMatch(/^\d{8}$/);
    expect((await chain.directory.byIdentifier(ELOISE.identifier))?.personalEmail).toBe(
      'eloise.new@example.org',
    );
  });

  it('issues a grant on one instance that the other accepts once, for a reset slapd checks', async () => {
    const agent = await signIn(AGENT);
    const issued = value(
      await a!().staff.issueGrant(
        agent.token,
        {
          identifier: LOCKED.identifier,
          purpose: 'password_reset',
          verification,
          reason: 'forgotten_password',
        },
        nextKey(),
      ),
    );
    const password = 'Marbre&Ortie-73';
    const tries = await Promise.all(
      [a, b, a, b].map((client) =>
        client!().staff.resetPasswordWithGrant(
          LOCKED.identifier,
          { grant: issued.grant, password },
          nextKey(),
        ),
      ),
    );
    expect(tries.filter((t) => t.ok)).toHaveLength(1);
    expect(await chain.directory.checkPassword(LOCKED.identifier, password)).toBe('ok');
  });

  it('keeps the audit entries a kiosk uploaded to one instance for a supervisor on the other', async () => {
    const entries = auditChain(3, AGENT.staffId);
    const uploaded = value(await a!().staff.uploadAuditEvents(entries, nextKey()));
    expect(uploaded).toEqual({ accepted: 3, duplicates: 0 });
    expect(value(await b!().staff.uploadAuditEvents(entries, nextKey()))).toEqual({
      accepted: 0,
      duplicates: 3,
    });
    const supervisor = await signIn(SUPERVISOR, b!());
    const page = value(await b!().staff.auditLog(supervisor.token));
    expect(page.events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(page.events[0]).toEqual(auditWire(entries[0]!));
    const agent = await signIn(AGENT);
    const forbidden = await a!().staff.auditLog(agent.token);
    expect(!forbidden.ok && forbidden.error.code).toBe('staff_forbidden');
  });
});

describe('queued staff writes on the server: proofs, never the kiosk’s word', () => {
  /** What the kiosk's outbox does at replay: the write with the proof and its key, no session. */
  const replay = (
    url: string,
    path: string,
    body: unknown,
    proof: string,
    key: string,
    device: { deviceId: string; secret: string } = CHAIN_DEVICE,
  ) =>
    createTransport({
      baseUrl: url,
      timeoutMs: 30_000,
      credential: async () => device,
      clock: { now: () => new Date() },
      logger: silentLogger,
      retry: { maxAttempts: 1 },
    }).call({
      method: 'post',
      path,
      schema: path.endsWith('/unlock') ? StaffUnlocked : StaffEmailSent,
      body,
      headers: { 'x-staff-proof': proof },
      idempotencyKey: key,
    });
  const proofOf = async (
    member: DatasetStaff,
    identifier: string,
    action: 'unlock_account' | 'resend_activation',
  ) => {
    const session = await signIn(member);
    const issued = value(await a!().staff.actionProofs(session.token, identifier, [action]));
    return issued.proofs[0]!.proof;
  };
  const refused = (result: Result<unknown>) => (result.ok ? 'applied' : result.error.code);
  const resendBody = { reason: 'email_not_received' };

  it('a proof issued on one instance acts once, over 100 parallel writes on both', async () => {
    const proof = await proofOf(AGENT, ELOISE.identifier, 'resend_activation');
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        replay(
          chain.urls[i % 2]!,
          STAFF_PATHS.activationEmail(ELOISE.identifier),
          resendBody,
          proof,
          nextKey(),
        ),
      ),
    );
    // One write got past the proof (applied, or held back by the mail cooldown); none other.
    const codes = answers.map(refused);
    expect(codes.filter((c) => c === 'staff_proof_refused')).toHaveLength(99);
  });

  it('refuses a proof on another kiosk, and for a removed agent or one whose role changed', async () => {
    const admin = createPool(chain.postgres.url, { max: 1 });
    try {
      const path = STAFF_PATHS.activationEmail(ELOISE.identifier);
      const elsewhere = await proofOf(AGENT, ELOISE.identifier, 'resend_activation');
      const fleet = FLEET[0]!;
      expect(
        refused(await replay(chain.urls[1]!, path, resendBody, elsewhere, nextKey(), fleet)),
      ).toBe('staff_proof_refused');

      const leaving = { staffId: 'gone', displayName: 'G', pin: '771234', role: 'agent' as const };
      await enrolStaff(admin, leaving);
      const fromRemoved = await proofOf(leaving, ELOISE.identifier, 'resend_activation');
      await removeStaff(admin, leaving.staffId);
      expect(refused(await replay(chain.urls[0]!, path, resendBody, fromRemoved, nextKey()))).toBe(
        'staff_proof_refused',
      );

      const moving = { staffId: 'moving', displayName: 'M', pin: '771235', role: 'agent' as const };
      await enrolStaff(admin, moving);
      const beforeMove = await proofOf(moving, ELOISE.identifier, 'resend_activation');
      await enrolStaff(admin, { ...moving, role: 'supervisor' });
      expect(refused(await replay(chain.urls[1]!, path, resendBody, beforeMove, nextKey()))).toBe(
        'staff_proof_refused',
      );
    } finally {
      await admin.end();
    }
  });

  it('never lifts a security lock on a replay', async () => {
    const proof = await proofOf(AGENT, SECURITY.identifier, 'unlock_account');
    const answer = await replay(
      chain.urls[0]!,
      STAFF_PATHS.unlock(SECURITY.identifier),
      { verification, reason: 'account_locked' },
      proof,
      nextKey(),
    );
    expect(refused(answer)).toBe('account_state');
    const agent = await signIn(AGENT);
    const view = value(await b!().staff.account(agent.token, SECURITY.identifier));
    expect(view).toMatchObject({ status: 'locked', lockReason: 'security' });
  });
});
