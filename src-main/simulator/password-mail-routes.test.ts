import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CharterWire,
  JOURNEY_PATHS,
  MailRedirectionWire,
  PasswordChanged,
  StudentSession,
} from '../api/wire-journeys';
import { JOURNEY_CONTROL_PATHS, JOURNEY_CONTROL_ROUTES } from './journey-controls';
import type { MailboxMessage } from './journey-state';
import { JOURNEY_NOW, ZOE_PASSWORD, journeyDataset } from './journey-test-data';
import { manualClock, startSimulator, type Running } from './test-helpers';

let clock: ReturnType<typeof manualClock>;
let sim: Running;
let token: string;

beforeEach(async () => {
  clock = manualClock(JOURNEY_NOW);
  sim = await startSimulator(journeyDataset(), clock, { routes: JOURNEY_CONTROL_ROUTES });
  token = await sim.token();
});
afterEach(() => sim.simulator.close());

const plain = (value: string) => ({ type: 'plain', value });
const change = (identifier: string, current: string, next: string) =>
  sim.call('POST', JOURNEY_PATHS.passwordChange(identifier), {
    token,
    body: { currentPassword: plain(current), newPassword: plain(next) },
  });
const login = (identifier: string, password: string) =>
  sim.call('POST', JOURNEY_PATHS.studentSessions, {
    token,
    body: { identifier, password: plain(password) },
  });

describe('password change', () => {
  it('changes the password knowing the current one', async () => {
    const answer = await change('zlefevre', ZOE_PASSWORD, 'Kx9#mPq2vL');
    expect(answer.status).toBe(200);
    expect(PasswordChanged.parse(answer.body)).toMatchObject({
      changedAt: '2026-11-25T10:00:00Z',
      account: { identifier: 'zlefevre', status: 'active', leavingYear: '2025-2026' },
    });
    expect((await login('zlefevre', ZOE_PASSWORD)).status).toBe(403);
    expect((await login('zlefevre', 'Kx9#mPq2vL')).status).toBe(201);
  });

  it('gives one answer for a wrong password and an unknown account', async () => {
    const wrong = await change('zlefevre', 'not-it', 'Kx9#mPq2vL');
    const unknown = await change('nobody', ZOE_PASSWORD, 'Kx9#mPq2vL');
    expect(wrong.status).toBe(403);
    expect(wrong.body).toEqual({ code: 'invalid_credentials', message: expect.any(String) });
    expect(unknown.body).toEqual(wrong.body);
    // Not activated yet: there is no password to know.
    expect((await change('endiayebrule', 'anything', 'Kx9#mPq2vL')).status).toBe(403);
  });

  it('refuses a locked account to whoever knows its password, and weak passwords', async () => {
    expect((await change('sodegaard', ZOE_PASSWORD, 'Kx9#mPq2vL')).body).toMatchObject({
      code: 'account_state',
      accountStatus: 'locked',
    });
    expect((await change('zlefevre', ZOE_PASSWORD, 'Zoe!2024abcd')).body).toEqual({
      code: 'password_policy',
      message: expect.any(String),
      violations: ['not_personal_data'],
    });
  });
});

describe('password reset', () => {
  it('e-mails a one-hour code and sets the new password with it', async () => {
    const sent = await sim.call('POST', JOURNEY_PATHS.passwordResetEmail('zlefevre'), { token });
    expect(sent).toMatchObject({
      status: 202,
      body: { sentTo: 'z*****e@example.net', expiresAt: '2026-11-25T11:00:00Z' },
    });
    const box = await sim.call(
      'GET',
      `${JOURNEY_CONTROL_PATHS.mailbox}?to=zoe.lefevre@example.net`,
    );
    const [message] = (box.body as { messages: MailboxMessage[] }).messages;
    expect(message).toMatchObject({ kind: 'password_reset' });
    expect(message?.link).toBe(`https://ent.umontpellier.fr/password-reset?code=${message?.code}`);

    const reset = (code: string, password: string) =>
      sim.call('POST', JOURNEY_PATHS.passwordReset('zlefevre'), {
        token,
        body: { proof: { method: 'email_code', code }, newPassword: plain(password) },
      });
    expect((await reset(message!.code, '')).body).toMatchObject({
      code: 'password_policy',
      violations: ['min_length', 'letter', 'digit', 'mix'],
    });
    expect((await reset(message!.code, 'Kx9#mPq2vL')).status).toBe(200);
    expect((await login('zlefevre', 'Kx9#mPq2vL')).status).toBe(201);
    // Used up.
    expect((await reset(message!.code, 'Kx9#mPq2vL')).status).toBe(403);
  });

  it('expires after an hour, and is refused to accounts that are not active', async () => {
    await sim.call('POST', JOURNEY_PATHS.passwordResetEmail('zlefevre'), { token });
    const code = sim.simulator.state.journeys.mailbox('zoe.lefevre@example.net')[0]!.code;
    clock.advance(3600_000);
    token = await sim.token();
    const late = await sim.call('POST', JOURNEY_PATHS.passwordReset('zlefevre'), {
      token,
      body: { proof: { method: 'email_code', code }, newPassword: plain('Kx9#mPq2vL') },
    });
    expect(late.status).toBe(410);
    for (const identifier of ['sodegaard', 'endiayebrule']) {
      const refused = await sim.call('POST', JOURNEY_PATHS.passwordResetEmail(identifier), {
        token,
      });
      expect(refused.body).toMatchObject({ code: 'account_state' });
    }
  });
});

describe('student session and mail redirection', () => {
  async function session() {
    const answer = await login('zlefevre', ZOE_PASSWORD);
    expect(answer.status).toBe(201);
    return StudentSession.parse(answer.body);
  }
  const mail = (method: 'GET' | 'PUT', sessionToken?: string, body?: unknown) =>
    sim.call(method, JOURNEY_PATHS.mailRedirection('zlefevre'), {
      token,
      ...(body !== undefined && { body }),
      ...(sessionToken && { headers: { 'x-student-session': sessionToken } }),
    });

  it('reads and changes the redirection with a session, keepCopy included', async () => {
    const { sessionToken, account } = await session();
    expect(account).toMatchObject({ status: 'active' });
    expect(MailRedirectionWire.parse((await mail('GET', sessionToken)).body)).toEqual({
      address: 'zoe.lefevre@example.net',
      keepCopy: false,
      updatedAt: null,
    });
    const set = await mail('PUT', sessionToken, { address: 'Zoe@Example.ORG', keepCopy: true });
    expect(set.body).toEqual({
      address: 'Zoe@example.org',
      keepCopy: true,
      updatedAt: '2026-11-25T10:00:00.000Z',
    });
    const removed = await mail('PUT', sessionToken, { address: null, keepCopy: false });
    expect(removed.body).toMatchObject({ address: null, keepCopy: true });
  });

  it('refuses the university’s own domain and what is not an address', async () => {
    const { sessionToken } = await session();
    for (const [address, reason] of [
      ['zoe@etu.umontpellier.fr', 'email_own_domain'],
      ['zoe@', 'email_format'],
    ] as const) {
      const refused = await mail('PUT', sessionToken, { address, keepCopy: true });
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ code: 'invalid_email', reason });
    }
  });

  it('needs a live session for this very account', async () => {
    expect((await mail('GET')).body).toMatchObject({ code: 'session_expired' });
    const { sessionToken } = await session();
    const other = await sim.call('GET', JOURNEY_PATHS.mailRedirection('sodegaard'), {
      token,
      headers: { 'x-student-session': sessionToken },
    });
    expect(other.status).toBe(403);
    clock.advance(600_000);
    token = await sim.token();
    expect((await mail('GET', sessionToken)).status).toBe(403);
  });

  it('takes the password in the body instead of a session (a redirection queued offline)', async () => {
    const body = (password: string) => ({
      address: 'zoe@example.org',
      keepCopy: true,
      password: plain(password),
    });
    const wrong = await mail('PUT', undefined, body('wrong'));
    expect(wrong.status).toBe(403);
    expect(wrong.body).toMatchObject({ code: 'invalid_credentials' });
    const set = await mail('PUT', undefined, body(ZOE_PASSWORD));
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ address: 'zoe@example.org', keepCopy: true });
    const locked = await sim.call('PUT', JOURNEY_PATHS.mailRedirection('sodegaard'), {
      token,
      body: body(ZOE_PASSWORD),
    });
    expect(locked.body).toMatchObject({ code: 'account_state' });
  });

  it('refuses a login to a locked account, and a wrong password', async () => {
    expect((await login('sodegaard', ZOE_PASSWORD)).body).toMatchObject({
      code: 'account_state',
    });
    expect((await login('zlefevre', 'wrong')).body).toMatchObject({
      code: 'invalid_credentials',
    });
  });
});

describe('charter', () => {
  it('serves the current charter in French and English', async () => {
    const answer = await sim.call('GET', JOURNEY_PATHS.charter, { token });
    const charter = CharterWire.parse(answer.body);
    expect(charter.paragraphs.fr.length).toBe(charter.paragraphs.en.length);
    expect(charter.title.fr).toMatch(/Charte/);
  });
});
