/**
 * Staff mode in main, end to end: a live kiosk (real SQLite, real keychain) against the
 * simulator over HTTP. Authorisation of every staff channel, PIN limits under concurrency,
 * offline sign-in, hand-off, dead letters, the audit chain and the support bundle.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../src-main/ipc/channels';
import { STAFF_CHANNEL_ACTIONS } from '../../src-main/ipc/staff-handlers';
import { STAFF_PIN_LIMITS as RULE } from '../../src-main/simulator/staff-pin-limits';
import { SEEDED_PASSWORD } from '../support/dataset';
import { useJourneyKiosk } from '../support/journey-kiosk';

let offsetMs = 0;
const kioskClock = { now: () => new Date(Date.now() + offsetMs) };
// Both are in the seeded dataset (test/support/dataset.ts).
const SUPERVISOR = { staffId: 'super01', pin: '917364' };
const AGENT = { staffId: 'agent01', pin: '482913' };
const setup = useJourneyKiosk({ kioskClock });
const reason = { reason: 'student_request' };

const dispatch = (channel: string, input: unknown) => setup.current.kiosk.dispatch(channel, input);
const codeOf = async (channel: string, input: unknown) => {
  const reply = await dispatch(channel, input);
  return reply.ok ? 'ok' : reply.error.code;
};
const signIn = (who: { staffId: string; pin: string }) =>
  setup.call<{ role: string; offline: boolean }>('staff.signIn', {
    staffId: who.staffId,
    pin: who.pin,
  });
const SUPERVISOR_ONLY = [
  'staff.syncNow',
  'staff.retryOutbox',
  'staff.clearStaffLockouts',
  'staff.audit',
  'staff.supportBundle',
];
const GUARDED = Object.keys(STAFF_CHANNEL_ACTIONS);

describe('staff channels: authorised in main before anything else', () => {
  it('every guarded channel refuses without a session, whatever the input', async () => {
    expect(CHANNELS.filter((c) => c.startsWith('staff.')).length).toBe(GUARDED.length + 3);
    for (const channel of GUARDED) {
      expect([channel, await codeOf(channel, {})]).toEqual([channel, 'staff_session_required']);
      expect([channel, await codeOf(channel, { junk: 'x'.repeat(10_000) })]).toEqual([
        channel,
        'staff_session_required',
      ]);
    }
    expect(await codeOf('staff.session', {})).toBe('ok');
  });

  it('an idle session is refused as expired, then ended, on every guarded channel', async () => {
    for (const channel of GUARDED) {
      offsetMs = 0;
      await signIn(SUPERVISOR);
      offsetMs = 121_000; // the profile's 120 s idle, passed
      expect([channel, await codeOf(channel, {})]).toEqual([channel, 'staff_session_expired']);
      expect(await codeOf(channel, {})).toBe('staff_session_required');
    }
    offsetMs = 0;
  });

  it('an agent is refused the supervisor channels, and may use the others', async () => {
    expect((await signIn(AGENT)).role).toBe('agent');
    for (const channel of SUPERVISOR_ONLY)
      expect([channel, await codeOf(channel, {})]).toEqual([channel, 'staff_forbidden']);
    expect(await codeOf('staff.diagnostics', {})).toBe('ok');
    expect(await codeOf('staff.search', { query: 'garnier' })).toBe('ok');
    await setup.call('staff.signOut', {});
    expect(await setup.call('staff.session', {})).toBeNull();
    expect(await codeOf('staff.search', { query: 'garnier' })).toBe('staff_session_required');
  });
});

describe('staff sign-in', () => {
  it('100 parallel wrong PINs reach the API no more often than the limit allows', async () => {
    const tries = await Promise.all(
      Array.from({ length: 100 }, () =>
        codeOf('staff.signIn', { staffId: 'agent02', pin: '000000' }),
      ),
    );
    const tested = tries.filter((c) => c === 'staff_pin_invalid').length;
    // The kiosk lets 5 through; of those, the API tests its 3 and makes the rest wait.
    expect(setup.current.served('POST /v1/staff/sessions')).toBeLessThanOrEqual(5);
    expect(tested).toBe(RULE.freeFailures);
    expect(tries.filter((c) => c === 'locked_out' || c === 'rate_limited').length).toBe(
      100 - tested,
    );
    // The right PIN is refused too while this kiosk waits.
    expect(['locked_out', 'rate_limited']).toContain(
      await codeOf('staff.signIn', { staffId: 'agent02', pin: '305127' }),
    );
  });

  it('30 wrong PINs here: the right PIN works again within the stated wait', async () => {
    for (let i = 0; i < 30; i += 1)
      expect(['staff_pin_invalid', 'rate_limited', 'locked_out']).toContain(
        await codeOf('staff.signIn', { staffId: AGENT.staffId, pin: String(100000 + i) }),
      );
    const limited = await dispatch('staff.signIn', AGENT);
    if (limited.ok) throw new Error('signed in during the wait');
    const wait = (limited.error as { retryAfterSeconds?: number }).retryAfterSeconds ?? Infinity;
    expect(wait).toBeLessThanOrEqual(RULE.delayCapSeconds);
    await setup.current.advanceClock(wait);
    offsetMs = wait * 1000;
    expect((await signIn(AGENT)).role).toBe('agent');
    await setup.call('staff.signOut', {});
    offsetMs = 0;
  });

  it('offline, only an agent seen online recently signs in, with the right PIN', async () => {
    await signIn(AGENT);
    await setup.call('staff.signOut', {});
    await setup.current.simulator.close();
    expect(await codeOf('staff.signIn', { staffId: 'agent01', pin: '111111' })).toBe(
      'staff_pin_invalid',
    );
    const session = await signIn(AGENT);
    expect(session.offline).toBe(true);
    await setup.call('staff.signOut', {});
    // Never seen online here, or too long ago: the same answer as a wrong PIN, so the kiosk
    // does not tell who signed in on it.
    expect(await codeOf('staff.signIn', { staffId: 'super01', pin: SUPERVISOR.pin })).toBe(
      'staff_pin_invalid',
    );
    offsetMs = 8 * 24 * 3600_000; // past the profile's 7 days
    expect(await codeOf('staff.signIn', { staffId: 'agent01', pin: AGENT.pin })).toBe(
      'staff_pin_invalid',
    );
    offsetMs = 0;
  });
});

describe('a supervisor lifts this kiosk’s staff sign-in locks', () => {
  it('offline, an agent locked here by wrong PINs signs in again once a supervisor lifts it', async () => {
    await signIn(AGENT);
    await setup.call('staff.signOut', {});
    await signIn(SUPERVISOR);
    await setup.call('staff.signOut', {});
    await setup.current.simulator.close();
    for (let i = 0; i < 3; i += 1)
      expect(await codeOf('staff.signIn', { staffId: 'agent01', pin: '111111' })).toBe(
        'staff_pin_invalid',
      );
    expect(await codeOf('staff.signIn', AGENT)).toBe('locked_out');
    await signIn(SUPERVISOR);
    await setup.call('staff.clearStaffLockouts', {});
    await setup.call('staff.signOut', {});
    expect((await signIn(AGENT)).offline).toBe(true);
  });
});

describe('staff actions', () => {
  it('the student page’s timeline holds what happened, not page views or refused tries', async () => {
    await signIn(AGENT);
    type Page = { timeline: { kind: string; detail?: string }[] };
    const open = () => setup.call<Page>('staff.student', { identifier: 'endiayebrule' });
    await open();
    // Not locked: the unlock is refused (account_state), and stays in the audit log only.
    expect(
      await codeOf('staff.unlock', {
        identifier: 'endiayebrule',
        verification: { document: 'passport' },
        ...reason,
      }),
    ).toBe('account_state');
    await setup.call('staff.clearIdentificationLockout', { identifier: 'endiayebrule', ...reason });
    const staffLines = (await open()).timeline
      .filter((e) => e.kind === 'staff_action')
      .map((e) => e.detail);
    expect(staffLines).toEqual(['clear_identification_lockout']);
  });

  it('hand-off: the session ends and the student activates with the grant, no mailed code', async () => {
    await signIn(AGENT);
    const page = await setup.call<{ status: string; timeline: { kind: string }[] }>(
      'staff.student',
      { identifier: 'endiayebrule' },
    );
    expect(page.status).toBe('not_activated');
    const handed = await setup.call<{ journeyId: string }>('staff.handOff', {
      identifier: 'endiayebrule',
      purpose: 'activation',
      verification: { document: 'passport' },
      ...reason,
    });
    expect(await setup.call('staff.session', {})).toBeNull();
    const charter = await setup.call<{ version: string }>('charter.get', {});
    const done = await setup.call<{ identifier: string }>('handoff.completeActivation', {
      journeyId: handed.journeyId,
      charterVersion: charter.version,
      password: 'Velo-Orange-Tulipe-93',
    });
    expect(done.identifier).toBe('endiayebrule');
    // The grant is for activation only: the reset channel does not take this journey.
    expect(
      await codeOf('handoff.completeReset', { journeyId: handed.journeyId, password: 'x' }),
    ).toBe('journey_expired');
  });

  it('password hand-off: the student sets a new password with the grant', async () => {
    await signIn(AGENT);
    const handed = await setup.call<{ journeyId: string }>('staff.handOff', {
      identifier: 'nmai',
      purpose: 'password_reset',
      verification: { document: 'national_id_card' },
      reason: 'forgotten_password',
    });
    const done = await setup.call<{ identifier: string }>('handoff.completeReset', {
      journeyId: handed.journeyId,
      password: 'Cerise-Nuage-Piano-47',
    });
    expect(done.identifier).toBe('nmai');
    expect(SEEDED_PASSWORD).not.toBe('Cerise-Nuage-Piano-47');
  });

  it('dead letters: listed with the reason, retried, discarded with an audit line', async () => {
    const journal = new Database(join(setup.folder.path, 'data', 'journal.db'));
    const insert = journal.prepare(
      `INSERT INTO outbox (reference, account, kind, method, path, payload_json, idempotency_key,
                           state, attempts, next_attempt_at, last_error, created_at, settled_at)
       VALUES (?, 'nmai', 'activation.email', 'post', '/v1/nowhere', '', ?, 'dead', 1, 0, 'account_state', 1, 2)`,
    );
    insert.run('DEAD-0001', 'key-dead-0001-0123456789');
    insert.run('DEAD-0002', 'key-dead-0002-0123456789');
    journal.close();
    await signIn(AGENT);
    const dead = await setup.call<{ id: number; reason: string }[]>('staff.deadLetters', {});
    expect(dead.map((d) => d.reason)).toEqual(['account_state', 'account_state']);
    await setup.call('staff.discardDeadLetter', {
      id: dead[1]!.id,
      reason: 'other',
      note: 'doublon',
    });
    await setup.call('staff.retryDeadLetter', { id: dead[0]!.id, ...reason });
    expect(await codeOf('staff.discardDeadLetter', { id: dead[1]!.id, ...reason })).toBe(
      'not_found',
    );
    await signIn(SUPERVISOR);
    const audit = await setup.call<{
      entries: { action: string; reason: string | null }[];
      verdict: { ok: boolean };
    }>('staff.audit', {});
    expect(audit.verdict.ok).toBe(true);
    const discard = audit.entries.find((e) => e.action === 'staff.discard_dead_letter');
    // The reason, never the free note: the kiosk keeps no note.
    expect(discard?.reason).toMatch(/^other \[DEAD-0002\]$/);
  });

  it('keeps no free note in journal.db or its WAL: the API records it with the event', async () => {
    const note = 'passeport 12AB34567 vu au guichet';
    await signIn(AGENT);
    await setup.call('staff.unlock', {
      identifier: 'sodegaard',
      verification: { document: 'passport' },
      reason: 'account_locked',
      note,
    });
    const data = join(setup.folder.path, 'data');
    for (const file of ['journal.db', 'journal.db-wal']) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(join(data, file));
      } catch {
        continue; // no WAL left: nothing in it
      }
      expect(bytes.includes(Buffer.from('12AB34567')), file).toBe(false);
    }
    const student = setup.current.simulator.state.studentByIdentifier('sodegaard')!;
    expect(setup.current.simulator.state.events.list(student).at(-1)).toMatchObject({
      kind: 'account_unlocked',
      actor: 'agent01',
      reason: 'account_locked',
      note,
    });
  });

  it('offline search counts wrong birth dates like identification: then even the right one waits', async () => {
    await signIn(AGENT);
    for (let day = 1; day <= 5; day += 1) {
      const miss = await setup.call<{ results: unknown[] }>('staff.searchOffline', {
        studentNumber: '21110007',
        birthDate: `0${day}012001`,
      });
      expect(miss.results).toEqual([]);
    }
    expect(
      await codeOf('staff.searchOffline', { studentNumber: '21110007', birthDate: '12062001' }),
    ).toBe('locked_out');
    // The same counters as the students': identification of that number waits too.
    expect(
      await codeOf('student.identify', { studentNumber: '21110007', birthDate: '12062001' }),
    ).toBe('locked_out');
  });

  it('the support bundle holds no student number, birth date, password, PIN or device secret', async () => {
    await signIn(AGENT);
    await setup.call('staff.searchOffline', { studentNumber: '21110007', birthDate: '12062001' });
    await setup.call('student.identify', { studentNumber: '21110007', birthDate: '12062001' });
    await signIn(SUPERVISOR);
    const bundle = await setup.call<{ fileName: string }>('staff.supportBundle', {});
    const text = readFileSync(join(setup.folder.path, 'data', 'support', bundle.fileName), 'utf8');
    expect(JSON.parse(text)).toHaveProperty('audit.head.hash');
    for (const secret of [
      '21110007',
      '12062001',
      '2001-06-12',
      SEEDED_PASSWORD,
      AGENT.pin,
      SUPERVISOR.pin,
      'integration-secret-journeys',
    ])
      expect(text).not.toContain(secret);
  });
});
