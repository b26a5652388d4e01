import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiClient, type ApiClient } from '../../src-main/api/client';
import type { StaffSignIn } from '../../src-main/api/staff-client';
import { silentLogger } from '../../src-main/app/logger';
import { checkSealingKey, createSealer } from '../../src-main/secrets/sealing';
import { academicYearOf } from '../../src-main/core/academic-year';
import { accessUntil } from '../../src-main/core/activation';
import type { Result } from '../../src-main/core/result';
import { CURRENT_CHARTER } from '../../src-main/simulator/charter';
import { DEMO_DEVICE, type Dataset, type DatasetStudent } from '../../src-main/simulator/dataset';
import { DEMO_STAFF, DEMO_STUDENTS } from '../../src-main/simulator/demo-students';
import { generateDemoPopulation } from '../../src-main/simulator/demo-population';
import {
  JOURNEY_CONTROL_PATHS,
  JOURNEY_CONTROL_ROUTES,
  adjustableClock,
} from '../../src-main/simulator/journey-controls';
import { createSimulator, type Simulator } from '../../src-main/simulator/server';
import { STAFF_PIN_LIMITS as RULE } from '../../src-main/simulator/staff-pin-limits';
import { auditChain } from '../support/staff-openapi';

// Staff mode's API through the kiosk's real client, against the simulator over HTTP on
// 127.0.0.1: sign-in and its limits, authorisation of every staff call, search, the account
// view and its events, the actions, grants that stand for the mailed code, the audit upload.

const OTHER_DEVICE = { deviceId: 'kiosk-other', secret: 'another-kiosk-secret-0123' };
/** Twenty more kiosks, for the bound that counts every kiosk's wrong PINs. */
const FLEET = Array.from({ length: 20 }, (_, i) => ({
  deviceId: `kiosk-fleet-${i}`,
  secret: `fleet-kiosk-secret-${String(i).padStart(6, '0')}`,
}));
const TTL_SECONDS = 120;
const PIN = Object.fromEntries(DEMO_STAFF.map((s) => [s.staffId, s.pin]));
const check = { document: 'passport', checkedAt: new Date().toISOString() } as const;
const NEW_PASSWORD = 'Kx9#mPq2vL';

let simulator: Simulator;
let base: string;
let dataset: Dataset;
let kiosk: ApiClient;
let other: ApiClient;

const clientFor = (device: { deviceId: string; secret: string }) =>
  createApiClient({
    baseUrl: base,
    timeoutMs: 5000,
    credential: async () => device,
    clock: { now: () => new Date() },
    logger: silentLogger,
    retry: { maxAttempts: 1 },
  });

beforeEach(async () => {
  const population = generateDemoPopulation(new Date());
  dataset = { ...population, devices: [DEMO_DEVICE, OTHER_DEVICE, ...FLEET] };
  simulator = createSimulator({
    dataset,
    clock: adjustableClock({ now: () => new Date() }),
    routes: JOURNEY_CONTROL_ROUTES,
    settings: { staffSessionTtlSeconds: TTL_SECONDS },
  });
  base = (await simulator.listen()).url;
  kiosk = clientFor(DEMO_DEVICE);
  other = clientFor(OTHER_DEVICE);
});
afterEach(async () => {
  await simulator.close();
  expect(simulator.contractViolations).toEqual([]);
});

/** Moves the simulator's clock through its control endpoint, as a trainer's tool would. */
async function advance(seconds: number) {
  const answer = await fetch(base + JOURNEY_CONTROL_PATHS.clock, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceSeconds: seconds }),
  });
  expect(answer.status).toBe(200);
}

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.error)}`);
  return result.value;
}

async function signIn(staffId: string, client = kiosk): Promise<StaffSignIn> {
  return value(await client.staff.openSession(staffId, PIN[staffId] ?? ''));
}

/** A generated student who may activate now and has never been sent an e-mail. */
function activatable(except?: string): DatasetStudent {
  const year = academicYearOf(new Date(), 'Europe/Paris');
  const student = simulator.state.dataset.students.find(
    (s) =>
      s.account.status === 'not_activated' &&
      s.identifier !== except &&
      s.personalEmail &&
      s.enrollments.some(
        (e) => e.academicYear === year && Date.parse(e.validatedAt) < Date.now() - 3600_000,
      ),
  );
  if (!student) throw new Error('no student may activate in the demo population');
  return student;
}

describe('staff sign-in', () => {
  it('signs an agent in with the right PIN and says who and which role', async () => {
    const agent = await signIn('agent01');
    expect(agent).toMatchObject({
      staffId: 'agent01',
      displayName: 'Camille Martin',
      role: 'agent',
      expiresIn: TTL_SECONDS,
    });
    expect((await signIn('super01')).role).toBe('supervisor');
  });

  it('gives a wrong PIN and an unknown staff identifier the same refusal', async () => {
    expect(await kiosk.staff.openSession('agent01', '000000')).toEqual({
      ok: false,
      error: { code: 'staff_pin_invalid' },
    });
    expect(await kiosk.staff.openSession('nobody', '000000')).toEqual({
      ok: false,
      error: { code: 'staff_pin_invalid' },
    });
  });

  it('30 wrong PINs at one kiosk: the right PIN works at another at once, here after the wait', async () => {
    const tries = [];
    for (let i = 0; i < 30; i += 1) tries.push(await kiosk.staff.openSession('agent02', '000000'));
    const codes = tries.map((t) => !t.ok && t.error.code);
    expect(codes.filter((c) => c === 'staff_pin_invalid')).toHaveLength(RULE.freeFailures);
    expect(codes.filter((c) => c === 'rate_limited')).toHaveLength(30 - RULE.freeFailures);
    // The agent walks to another kiosk: nothing there holds them.
    expect((await other.staff.openSession('agent02', PIN.agent02 ?? '')).ok).toBe(true);
    // Here even the right PIN waits, no longer than the stated cap; another agent does not.
    const limited = await kiosk.staff.openSession('agent02', PIN.agent02 ?? '');
    if (limited.ok || limited.error.code !== 'rate_limited') throw new Error('not limited');
    const wait = limited.error.retryAfterSeconds ?? Infinity;
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(RULE.delayCapSeconds);
    expect((await kiosk.staff.openSession('agent01', PIN.agent01 ?? '')).ok).toBe(true);
    await advance(wait);
    expect((await kiosk.staff.openSession('agent02', PIN.agent02 ?? '')).ok).toBe(true);
  });

  it('gives a patient guesser at one kiosk its share of the day, and the other kiosks nothing', async () => {
    let tested = 0;
    let dayLong = 0;
    // Guess, wait what the kiosk is told (minutes at most), guess again: until refused for a day.
    for (let i = 0; dayLong === 0; i += 1) {
      const tried = await kiosk.staff.openSession('agent02', String(100000 + i));
      if (tried.ok) throw new Error('a guess signed in');
      if (tried.error.code === 'staff_pin_invalid') tested += 1;
      else {
        const wait = tried.error.retryAfterSeconds ?? Infinity;
        if (wait > RULE.delayCapSeconds) dayLong = wait;
        else await advance(wait);
      }
    }
    expect(tested).toBe(RULE.kioskShare);
    // Until its first guess is a day old (the guessing took under two hours of waits).
    expect(dayLong).toBeGreaterThan(22 * 3600);
    // Below the daily bound: the agent signs in at any other kiosk.
    expect((await other.staff.openSession('agent02', PIN.agent02 ?? '')).ok).toBe(true);
  });

  it('slows one kiosk down after many wrong PINs whoever they are for, and not the other kiosk', async () => {
    for (let i = 0; i < RULE.kioskFreeFailures; i += 1) {
      const tried = await kiosk.staff.openSession(`made-up-${i}`, '000000');
      expect(tried).toEqual({ ok: false, error: { code: 'staff_pin_invalid' } });
    }
    const limited = await kiosk.staff.openSession('super01', PIN.super01 ?? '');
    if (limited.ok || limited.error.code !== 'rate_limited') throw new Error('not limited');
    const wait = limited.error.retryAfterSeconds ?? Infinity;
    expect(wait).toBeLessThanOrEqual(RULE.kioskDelayCapSeconds);
    expect((await other.staff.openSession('super01', PIN.super01 ?? '')).ok).toBe(true);
    await advance(wait);
    expect((await kiosk.staff.openSession('super01', PIN.super01 ?? '')).ok).toBe(true);
  });

  it('lets no burst of parallel guesses from one kiosk overtake its limit', async () => {
    const statuses = await parallelGuesses(Array.from({ length: 100 }, () => DEMO_DEVICE));
    expect(statuses.filter((s) => s === 401)).toHaveLength(RULE.freeFailures);
    expect(statuses.filter((s) => s === 429)).toHaveLength(100 - RULE.freeFailures);
  });

  it('holds the daily bound per identifier under 100 parallel guesses from 20 kiosks', async () => {
    // Five from each kiosk: each kiosk's own limit would let 3 × 20 = 60 through.
    const statuses = await parallelGuesses(Array.from({ length: 100 }, (_, i) => FLEET[i % 20]!));
    expect(statuses.filter((s) => s === 401)).toHaveLength(RULE.dailyBound);
    expect(statuses.filter((s) => s === 429)).toHaveLength(100 - RULE.dailyBound);
    // The day's guesses are used up: the right PIN waits too, at a kiosk that never guessed.
    const right = await other.staff.openSession('agent01', PIN.agent01 ?? '');
    expect(!right.ok && right.error.code).toBe('rate_limited');
  });

  it('ends the session on sign-out', async () => {
    const agent = await signIn('agent01');
    expect((await kiosk.staff.closeSession(agent.token)).ok).toBe(true);
    expect(await kiosk.staff.account(agent.token, 'zlefevre')).toEqual({
      ok: false,
      error: { code: 'staff_session_expired' },
    });
    // Closing again is fine: the session is gone either way.
    expect((await kiosk.staff.closeSession(agent.token)).ok).toBe(true);
  });
});

/** Wrong PINs for agent01 all at once, one from each device listed; their HTTP statuses. */
async function parallelGuesses(devices: readonly { deviceId: string; secret: string }[]) {
  const tokens = new Map<string, string>();
  for (const device of new Set(devices)) tokens.set(device.deviceId, await tokenFor(device));
  return Promise.all(
    devices.map((device, i) =>
      fetch(`${base}/v1/staff/sessions`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${tokens.get(device.deviceId)}`,
        },
        body: JSON.stringify({ staffId: 'agent01', pin: String(100000 + i) }),
      }).then((r) => r.status),
    ),
  );
}

async function tokenFor(device: { deviceId: string; secret: string }) {
  const answer = await fetch(`${base}/v1/kiosk/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(device),
  });
  return ((await answer.json()) as { accessToken: string }).accessToken;
}

describe('authorisation of every staff call', () => {
  const key = () => randomUUID();
  /** Every staff call of the client, with a session token. */
  const calls: [string, (token: string) => Promise<Result<unknown>>][] = [
    ['searchStudents', (t) => kiosk.staff.searchStudents(t, 'lefevre')],
    ['account', (t) => kiosk.staff.account(t, 'zlefevre')],
    ['accountEvents', (t) => kiosk.staff.accountEvents(t, 'zlefevre')],
    [
      'revealPersonalEmail',
      (t) =>
        kiosk.staff.revealPersonalEmail(
          t,
          'zlefevre',
          { verification: check, reason: 'student_request' },
          key(),
        ),
    ],
    [
      'resendActivationEmail',
      (t) =>
        kiosk.staff.resendActivationEmail(
          t,
          'endiayebrule',
          { reason: 'email_not_received' },
          key(),
        ),
    ],
    [
      'unlockAccount',
      (t) =>
        kiosk.staff.unlockAccount(
          t,
          'sodegaard',
          { verification: check, reason: 'account_locked' },
          key(),
        ),
    ],
    [
      'issueGrant',
      (t) =>
        kiosk.staff.issueGrant(
          t,
          {
            identifier: 'endiayebrule',
            purpose: 'activation',
            verification: check,
            reason: 'activation_help',
          },
          key(),
        ),
    ],
    ['auditLog', (t) => kiosk.staff.auditLog(t)],
  ];

  it.each(calls)('%s without a session: staff_session_required', async (_, call) => {
    expect(await call('')).toEqual({ ok: false, error: { code: 'staff_session_required' } });
  });

  it.each(calls)('%s with an unknown session: staff_session_expired', async (_, call) => {
    expect(await call('not-a-session')).toEqual({
      ok: false,
      error: { code: 'staff_session_expired' },
    });
  });

  it.each(calls)('%s with an expired session: staff_session_expired', async (_, call) => {
    const supervisor = await signIn('super01');
    await advance(TTL_SECONDS);
    expect(await call(supervisor.token)).toEqual({
      ok: false,
      error: { code: 'staff_session_expired' },
    });
  });

  it.each(calls)('%s with another kiosk’s session: staff_session_expired', async (_, call) => {
    const elsewhere = await signIn('super01', other);
    expect(await call(elsewhere.token)).toEqual({
      ok: false,
      error: { code: 'staff_session_expired' },
    });
  });

  it('keeps a session alive while it is used, and ends it after the TTL idle', async () => {
    const agent = await signIn('agent01');
    await advance(TTL_SECONDS - 10);
    expect((await kiosk.staff.account(agent.token, 'zlefevre')).ok).toBe(true);
    await advance(TTL_SECONDS - 10);
    expect((await kiosk.staff.account(agent.token, 'zlefevre')).ok).toBe(true);
    await advance(TTL_SECONDS);
    expect(await kiosk.staff.account(agent.token, 'zlefevre')).toEqual({
      ok: false,
      error: { code: 'staff_session_expired' },
    });
  });

  it('gives the audit log to supervisors only', async () => {
    const agent = await signIn('agent01');
    expect(await kiosk.staff.auditLog(agent.token)).toEqual({
      ok: false,
      error: { code: 'staff_forbidden' },
    });
    const supervisor = await signIn('super01');
    expect((await kiosk.staff.auditLog(supervisor.token)).ok).toBe(true);
  });
});

describe('finding a student', () => {
  const search = async (q: string, limit?: number) => {
    const agent = await signIn('agent01');
    return value(await kiosk.staff.searchStudents(agent.token, q, limit));
  };
  const identifiers = (found: { results: { identifier: string }[] }) =>
    found.results.map((r) => r.identifier);

  it('finds by student number and by identifier, exact match first', async () => {
    const byNumber = await search('21901234');
    expect(byNumber.results[0]).toEqual({
      identifier: 'endiayebrule',
      studentNumber: '21901234',
      firstName: 'Éloïse',
      lastName: "N'Diaye-Brûlé",
      status: 'not_activated',
    });
    expect(identifiers(await search('endiayebrule'))[0]).toBe('endiayebrule');
  });

  it('finds by name with or without accents, case and punctuation, in part', async () => {
    for (const q of ['Éloïse', 'eloise', 'ELOISE N DIAYE', 'ndiaye-brule', 'diay', 'brûlé']) {
      expect(identifiers(await search(q)), q).toContain('endiayebrule');
    }
    expect(identifiers(await search('odegaard'))).toContain('sodegaard');
    expect(identifiers(await search('Nguyen Thi'))).toContain('tnguyen');
    expect(identifiers(await search('218076'))).toContain('sodegaard');
    expect((await search('zzqxw')).results).toEqual([]);
  });

  it('bounds the list and says when more matched', async () => {
    const found = await search('an', 3);
    expect(found.results).toHaveLength(3);
    expect(found.truncated).toBe(true);
  });

  it('refuses a query too short to mean anything', async () => {
    const agent = await signIn('agent01');
    expect(await kiosk.staff.searchStudents(agent.token, 'e')).toEqual({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });
});

describe('the account view and its events', () => {
  it('shows a locked account with its reason and the personal e-mail masked', async () => {
    const agent = await signIn('agent01');
    const view = value(await kiosk.staff.account(agent.token, 'sodegaard'));
    const clear = simulator.state.studentByIdentifier('sodegaard')?.personalEmail ?? '';
    expect(view).toMatchObject({
      identifier: 'sodegaard',
      studentNumber: DEMO_STUDENTS.locked.studentNumber,
      status: 'locked',
      lockReason: 'too_many_failures',
      currentAcademicYear: academicYearOf(new Date(), 'Europe/Paris'),
    });
    expect(view.personalEmail).toContain('*');
    expect(view.personalEmail).not.toBe(clear);
  });

  it('gives a former student’s access end date: 31 December after the leaving year', async () => {
    const agent = await signIn('agent01');
    const view = value(await kiosk.staff.account(agent.token, 'abensaid'));
    expect(view.leavingYear).not.toBeNull();
    expect(view.accessUntil).toBe(accessUntil(view.leavingYear));
    expect(view.accessUntil).toMatch(/-12-31$/);
  });

  it('reveals the personal e-mail after the identity check, and records who and why', async () => {
    const agent = await signIn('agent01');
    const clear = simulator.state.studentByIdentifier('zlefevre')?.personalEmail;
    const revealed = value(
      await kiosk.staff.revealPersonalEmail(
        agent.token,
        'zlefevre',
        { verification: check, reason: 'student_request' },
        randomUUID(),
      ),
    );
    expect(revealed.personalEmail).toBe(clear);
    const events = value(await kiosk.staff.accountEvents(agent.token, 'zlefevre'));
    expect(events.at(-1)).toMatchObject({
      kind: 'staff_action',
      source: 'api',
      actor: 'agent01',
      reason: 'student_request',
      detail: 'personal_email_revealed',
    });
  });

  it('lists what the dataset says happened, oldest first, as timeline entries', async () => {
    const agent = await signIn('agent01');
    const events = value(await kiosk.staff.accountEvents(agent.token, 'zlefevre'));
    const kinds = events.map((e) => e.kind);
    expect(kinds).toContain('enrollment_validated');
    expect(kinds).toContain('activated');
    const times = events.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  });
});

describe('staff actions', () => {
  it('resends the activation e-mail to the address on file, on the record', async () => {
    const agent = await signIn('agent01');
    const student = activatable();
    const sent = value(
      await kiosk.staff.resendActivationEmail(
        agent.token,
        student.identifier,
        { reason: 'email_not_received', note: 'Pas reçu, vérifié les spams.' },
        randomUUID(),
      ),
    );
    expect(sent.personalEmailUpdated).toBe(false);
    expect(sent.sentTo).toContain('*');
    expect(simulator.state.journeys.mailbox(student.personalEmail ?? '')).toHaveLength(1);
    const view = value(await kiosk.staff.account(agent.token, student.identifier));
    expect(view.activationEmailSentAt).not.toBeNull();
    const events = value(await kiosk.staff.accountEvents(agent.token, student.identifier));
    expect(events.at(-1)).toMatchObject({
      kind: 'activation_email_sent',
      actor: 'agent01',
      reason: 'email_not_received',
    });
    // The note is the service's to keep, with the event.
    const student2 = simulator.state.studentByIdentifier(student.identifier)!;
    expect(simulator.state.events.list(student2).at(-1)).toMatchObject({
      note: 'Pas reçu, vérifié les spams.',
    });
  });

  it('resends to a corrected address only with an identity check and a usable address', async () => {
    const agent = await signIn('agent01');
    const { identifier } = activatable();
    const resend = (request: Parameters<typeof kiosk.staff.resendActivationEmail>[2]) =>
      kiosk.staff.resendActivationEmail(agent.token, identifier, request, randomUUID());
    expect(
      await resend({ reason: 'email_address_wrong', correctedEmail: 'new.me@example.org' }),
    ).toEqual({ ok: false, error: { code: 'invalid_input' } });
    expect(
      await resend({
        reason: 'email_address_wrong',
        correctedEmail: 'me@umontpellier.fr',
        verification: check,
      }),
    ).toEqual({
      ok: false,
      error: { code: 'invalid_email', fields: [{ field: 'address', reason: 'email_own_domain' }] },
    });
    const sent = value(
      await resend({
        reason: 'email_address_wrong',
        correctedEmail: 'new.me@example.org',
        verification: check,
      }),
    );
    expect(sent.personalEmailUpdated).toBe(true);
    expect(simulator.state.journeys.mailbox('new.me@example.org')).toHaveLength(1);
  });

  it('unlocks a locked account once', async () => {
    const agent = await signIn('agent01');
    const unlock = () =>
      kiosk.staff.unlockAccount(
        agent.token,
        'sodegaard',
        { verification: check, reason: 'account_locked' },
        randomUUID(),
      );
    const unlocked = value(await unlock());
    expect(unlocked.previousLockReason).toBe('too_many_failures');
    expect(unlocked.account.status).toBe('active');
    const view = value(await kiosk.staff.account(agent.token, 'sodegaard'));
    expect(view).toMatchObject({ status: 'active', lockReason: null });
    expect(await unlock()).toEqual({ ok: false, error: { code: 'account_state' } });
    const events = value(await kiosk.staff.accountEvents(agent.token, 'sodegaard'));
    expect(events.at(-1)).toMatchObject({ kind: 'account_unlocked', actor: 'agent01' });
  });
  it('reports when and why an account was locked, and keeps it in the history after the unlock', async () => {
    const agent = await signIn('agent01');
    const locks = async () =>
      value(await kiosk.staff.accountEvents(agent.token, 'sodegaard')).filter(
        (e) => e.kind === 'account_locked',
      );
    const [lock] = await locks();
    expect(lock).toMatchObject({ kind: 'account_locked', detail: 'too_many_failures' });
    expect(Date.parse(lock!.at)).toBeLessThan(Date.now());
    value(
      await kiosk.staff.unlockAccount(
        agent.token,
        'sodegaard',
        { verification: check, reason: 'account_locked' },
        randomUUID(),
      ),
    );
    expect(await locks()).toEqual([lock]);
  });
});

describe('grants: the in-person check stands for the mailed code', () => {
  const grantFor = async (identifier: string, purpose: 'activation' | 'password_reset') => {
    const agent = await signIn('agent01');
    return value(
      await kiosk.staff.issueGrant(
        agent.token,
        { identifier, purpose, verification: check, reason: 'activation_help' },
        randomUUID(),
      ),
    );
  };
  const activate = (identifier: string, grant: string) =>
    kiosk.staff.activateWithGrant(
      identifier,
      { grant, password: NEW_PASSWORD, charterVersion: CURRENT_CHARTER.version },
      randomUUID(),
    );

  it('activates with the grant and no e-mail at all, once', async () => {
    const student = activatable();
    const { grant, expiresAt } = await grantFor(student.identifier, 'activation');
    expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(15 * 60_000 + 1000);
    expect(simulator.state.journeys.mailbox(student.personalEmail ?? '')).toEqual([]);
    expect(value(await activate(student.identifier, grant)).status).toBe('active');
    // Done: the same grant again (with a new key) finds the account active.
    expect(await activate(student.identifier, grant)).toEqual({
      ok: false,
      error: { code: 'account_state' },
    });
    const agent = await signIn('agent01');
    const kinds = value(await kiosk.staff.accountEvents(agent.token, student.identifier)).map(
      (e) => [e.kind, e.detail],
    );
    expect(kinds).toContainEqual(['staff_action', 'grant_activation']);
    expect(kinds).toContainEqual(['activated', 'staff_grant']);
    expect(kinds).toContainEqual(['charter_accepted', undefined]);
  });

  it('refuses a grant reused, for another account or purpose, or expired', async () => {
    const student = activatable();
    const reset = await grantFor('zlefevre', 'password_reset');
    expect(await activate(student.identifier, reset.grant)).toEqual({
      ok: false,
      error: { code: 'code_invalid' },
    });
    const { grant } = await grantFor(student.identifier, 'activation');
    expect(await activate(activatable(student.identifier).identifier, grant)).toEqual({
      ok: false,
      error: { code: 'code_invalid' },
    });
    // A refused password does not use the grant up; a new grant replaces it.
    const weak = await kiosk.staff.activateWithGrant(
      student.identifier,
      { grant, password: 'short', charterVersion: CURRENT_CHARTER.version },
      randomUUID(),
    );
    expect(!weak.ok && weak.error.code).toBe('password_policy');
    const replacement = await grantFor(student.identifier, 'activation');
    expect(await activate(student.identifier, grant)).toEqual({
      ok: false,
      error: { code: 'code_invalid' },
    });
    await advance(15 * 60);
    expect(await activate(student.identifier, replacement.grant)).toEqual({
      ok: false,
      error: { code: 'code_expired' },
    });
  });

  it('lets one of many parallel uses of a grant through', async () => {
    const { identifier } = activatable();
    const { grant } = await grantFor(identifier, 'activation');
    const results = await Promise.all(
      Array.from({ length: 20 }, () => activate(identifier, grant)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(simulator.idempotency.performed().filter((w) => w.status === 200)).toHaveLength(1);
  });

  it('lets one of many parallel password resets with one grant through', async () => {
    const { grant } = await grantFor('zlefevre', 'password_reset');
    // Sealed passwords, as the outbox sends them: opening one is real asynchronous work, so
    // the requests overlap inside the simulator.
    const token = await tokenFor(DEMO_DEVICE);
    const key = await fetch(`${base}/v1/kiosk/sealing-key`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const sealer = createSealer(checkSealingKey(await key.json()));
    const bodies = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => ({
        proof: { method: 'staff_grant', grant },
        newPassword: { type: 'sealed', jwe: await sealer.seal(`Kx9#mPq2vL${i}`) },
      })),
    );
    const statuses = await Promise.all(
      bodies.map((body) =>
        fetch(`${base}/v1/accounts/zlefevre/password/reset`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${token}`,
            'idempotency-key': randomUUID(),
          },
          body: JSON.stringify(body),
        }).then((r) => r.status),
      ),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 403)).toHaveLength(19);
  });

  it('resets a locked account’s password with a grant and unlocks it', async () => {
    const { grant } = await grantFor('sodegaard', 'password_reset');
    const reset = await kiosk.staff.resetPasswordWithGrant(
      'sodegaard',
      { grant, password: NEW_PASSWORD },
      randomUUID(),
    );
    expect(value(reset).status).toBe('active');
    expect((await kiosk.openStudentSession('sodegaard', NEW_PASSWORD)).ok).toBe(true);
    expect(
      await kiosk.staff.resetPasswordWithGrant(
        'sodegaard',
        { grant, password: 'Zz8#another1' },
        randomUUID(),
      ),
    ).toEqual({ ok: false, error: { code: 'code_invalid' } });
  });
});

describe('audit upload', () => {
  it('stores a batch once, whatever the repeats, and shows it to a supervisor', async () => {
    const chain = auditChain(3);
    const key = randomUUID();
    expect(value(await kiosk.staff.uploadAuditEvents(chain, key))).toEqual({
      accepted: 3,
      duplicates: 0,
    });
    // The same request after a lost answer: the first answer, nothing stored twice.
    expect(value(await kiosk.staff.uploadAuditEvents(chain, key))).toEqual({
      accepted: 3,
      duplicates: 0,
    });
    // The same events in a new batch: duplicates by eventId.
    expect(value(await kiosk.staff.uploadAuditEvents(chain, randomUUID()))).toEqual({
      accepted: 0,
      duplicates: 3,
    });
    const supervisor = await signIn('super01');
    const page = value(await kiosk.staff.auditLog(supervisor.token));
    expect(page.events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(page.events.map((e) => e.eventId)).toEqual(chain.map((e) => e.eventId));
    // Another kiosk sees only its own uploads.
    const elsewhere = await signIn('super01', other);
    expect(value(await other.staff.auditLog(elsewhere.token)).events).toEqual([]);
  });

  it('refuses an entry edited after it was chained, and an eventId reused', async () => {
    const chain = auditChain(2);
    const edited = chain.map((e, i) => (i === 1 ? { ...e, reason: 'edited' } : e));
    expect(await kiosk.staff.uploadAuditEvents(edited, randomUUID())).toEqual({
      ok: false,
      error: { code: 'conflict' },
    });
    expect((await kiosk.staff.uploadAuditEvents(chain, randomUUID())).ok).toBe(true);
    const reused = auditChain(2, 'agent02').map((e, i) => ({
      ...e,
      eventId: chain[i]?.eventId ?? '',
    }));
    expect(await kiosk.staff.uploadAuditEvents(reused, randomUUID())).toEqual({
      ok: false,
      error: { code: 'conflict' },
    });
  });
});
