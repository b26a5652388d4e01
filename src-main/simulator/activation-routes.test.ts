import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountStatusResponse, PATHS, StudentWire } from '../api/wire';
import { EmailSentResponse, JOURNEY_PATHS } from '../api/wire-journeys';
import { CURRENT_CHARTER } from './charter';
import { JOURNEY_CONTROL_PATHS, JOURNEY_CONTROL_ROUTES } from './journey-controls';
import type { MailboxMessage } from './journey-state';
import { JOURNEY_NOW, journeyDataset } from './journey-test-data';
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

async function mailbox(to: string): Promise<MailboxMessage[]> {
  const answer = await sim.call('GET', `${JOURNEY_CONTROL_PATHS.mailbox}?to=${to}`);
  return (answer.body as { messages: MailboxMessage[] }).messages;
}

const send = (identifier: string, headers?: Record<string, string>) =>
  sim.call('POST', JOURNEY_PATHS.activationEmail(identifier), {
    token,
    ...(headers && { headers }),
  });
const check = (identifier: string, code: string) =>
  sim.call('POST', JOURNEY_PATHS.activationCodeCheck(identifier), { token, body: { code } });
const activate = (code: string, password: string, charterVersion = CURRENT_CHARTER.version) =>
  sim.call('POST', JOURNEY_PATHS.activation('endiayebrule'), {
    token,
    body: {
      proof: { method: 'email_code', code },
      newPassword: { type: 'plain', value: password },
      charterVersion,
    },
  });

describe('activation e-mail', () => {
  it('sends a 24-hour code to the personal address and captures it in the mailbox', async () => {
    const answer = await send('endiayebrule');
    expect(answer.status).toBe(202);
    expect(EmailSentResponse.parse(answer.body)).toEqual({
      sentTo: 'e*****d@example.org',
      expiresAt: '2026-11-26T10:00:00Z',
    });
    const [message, ...more] = await mailbox('eloise.nd@example.org');
    expect(more).toEqual([]);
    expect(message).toEqual({
      to: 'eloise.nd@example.org',
      kind: 'activation',
      subject: expect.any(String),
      code: expect.stringMatching(/^\d{8}$/),
      link: `https://ent.umontpellier.fr/activation?code=${message?.code}`,
      sentAt: '2026-11-25T10:00:00Z',
    });
    expect(await mailbox('someone@example.org')).toEqual([]);
  });

  it('refuses before the 15 minutes, with the time it opens', async () => {
    const early = await send('tnguyen');
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'too_early', availableAt: '2026-11-25T10:10:00Z' });
    clock.advance(10 * 60_000);
    expect((await send('tnguyen')).status).toBe(202);
  });

  it('refuses an active account, an unknown one, and one without an address', async () => {
    expect((await send('zlefevre')).body).toMatchObject({
      code: 'account_state',
      accountStatus: 'active',
    });
    expect((await send('nobody')).status).toBe(404);
    const none = await send('sadresse');
    expect(none.status).toBe(409);
    expect(none.body).toMatchObject({ code: 'no_personal_email' });
  });

  it('sends once for a repeated Idempotency-Key', async () => {
    const key = { 'idempotency-key': 'a7b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d' };
    const first = await send('endiayebrule', key);
    const again = await send('endiayebrule', key);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await mailbox('eloise.nd@example.org')).toHaveLength(1);
  });

  it('identification tells the masked address and when activation opens', async () => {
    const answer = await sim.call('POST', PATHS.identify, {
      token,
      body: { studentNumber: '26004512', birthDate: '2008-01-09' },
    });
    expect(StudentWire.parse(answer.body)).toMatchObject({
      maskedEmail: 'm*****n@example.com',
      activationAvailableAt: '2026-11-25T10:10:00Z',
    });
  });
});

describe('activation code and activation', () => {
  it('checks codes: wrong, replaced by a newer e-mail, expired after 24 hours', async () => {
    await send('endiayebrule');
    const [first] = await mailbox('eloise.nd@example.org');
    expect((await check('endiayebrule', '00000000')).body).toMatchObject({ code: 'code_invalid' });
    const ok = await check('endiayebrule', ` ${first!.code.slice(0, 4)} ${first!.code.slice(4)} `);
    expect(ok).toMatchObject({ status: 200, body: { expiresAt: '2026-11-26T10:00:00Z' } });

    await send('endiayebrule');
    const [, second] = await mailbox('eloise.nd@example.org');
    expect((await check('endiayebrule', first!.code)).status).toBe(403);
    expect((await check('endiayebrule', second!.code)).status).toBe(200);

    const moved = await sim.call('POST', JOURNEY_CONTROL_PATHS.clock, {
      body: { advanceSeconds: 24 * 3600 },
    });
    expect(moved.body).toEqual({ now: '2026-11-26T10:00:00.000Z' });
    token = await sim.token();
    const expired = await check('endiayebrule', second!.code);
    expect(expired.status).toBe(410);
    expect(expired.body).toMatchObject({ code: 'code_expired' });
  });

  it('drops a code after five wrong tries', async () => {
    await send('endiayebrule');
    const [message] = await mailbox('eloise.nd@example.org');
    for (let i = 0; i < 5; i += 1) await check('endiayebrule', '99999999');
    expect((await check('endiayebrule', message!.code)).body).toMatchObject({
      code: 'code_invalid',
    });
  });

  it('activates with the code, the current charter and a password under the policy', async () => {
    await send('endiayebrule');
    const [message] = await mailbox('eloise.nd@example.org');
    const code = message!.code;

    const outdated = await activate(code, 'Kx9#mPq2vL', '1999-01');
    expect(outdated.body).toMatchObject({ code: 'charter_outdated' });
    const weak = await activate(code, 'Eloise2024');
    expect(weak.status).toBe(422);
    expect(weak.body).toMatchObject({
      code: 'password_policy',
      violations: ['not_dictionary_word', 'not_personal_data'],
    });

    const done = await activate(code, 'Kx9#mPq2vL');
    expect(done.status).toBe(200);
    expect(AccountStatusResponse.parse(done.body)).toMatchObject({
      identifier: 'endiayebrule',
      status: 'active',
      activatedAt: '2026-11-25T10:00:00Z',
    });
    // The code is used up and the account is active now.
    expect((await activate(code, 'Kx9#mPq2vL')).body).toMatchObject({ code: 'account_state' });
    expect(sim.simulator.state.studentByIdentifier('endiayebrule')?.charterAcceptedAt).toBe(
      '2026-11-25T10:00:00Z',
    );
  });

  it('needs a code from an e-mail', async () => {
    expect((await activate('12345678', 'Kx9#mPq2vL')).body).toMatchObject({
      code: 'code_invalid',
    });
  });

  it('moves the clock only of a simulator given an adjustable one', async () => {
    const fixed = await startSimulator(
      journeyDataset(),
      { now: () => new Date(JOURNEY_NOW) },
      {
        routes: JOURNEY_CONTROL_ROUTES,
      },
    );
    try {
      const refused = await fixed.call('POST', JOURNEY_CONTROL_PATHS.clock, {
        body: { advanceSeconds: 60 },
      });
      expect(refused.status).toBe(409);
    } finally {
      await fixed.simulator.close();
    }
  });
});
