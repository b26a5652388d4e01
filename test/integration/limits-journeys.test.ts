import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PATHS } from '../../src-main/api/wire';
import { JOURNEY_PATHS } from '../../src-main/api/wire-journeys';
import { DEFAULT_LOCKOUT_POLICY } from '../../src-main/core/lockout';
import type { AppError, Result } from '../../src-main/core/result';
import { SEEDED_PASSWORD } from '../support/dataset';
import { useJourneyKiosk } from '../support/journey-kiosk';

// Password checks and e-mail sends under the kiosk's limits, and the kiosk's limits composed
// with the API's 429s: through the real dispatch, against the simulator over HTTP.

const ELOISE = { studentNumber: '21901234', birthDate: '14032001' };
const MAI = { studentNumber: '22004567', birthDate: '31121999' };
const NEW_PASSWORD = 'Kx9#mPq2vL';
const CHANGE = 'POST /v1/accounts/:identifier/password/change';
const LOGIN = 'POST /v1/student-sessions';
const LIMIT = DEFAULT_LOCKOUT_POLICY.failuresBeforeLock;

const setup = useJourneyKiosk({ pinSealingKey: true });
type Reply = Result<unknown, AppError>;
const dispatch = (channel: string, input: unknown) =>
  setup.current.kiosk.dispatch(channel, input) as Promise<Reply>;
const change = (currentPassword: string) =>
  dispatch('password.change', { identifier: 'nmai', currentPassword, newPassword: NEW_PASSWORD });
const login = (password: string) => dispatch('mail.open', { identifier: 'nmai', password });
const codeOf = (reply: Reply) => (reply.ok ? 'ok' : reply.error.code);

describe('password checks online', () => {
  it('locks an account after five wrong current passwords, the right one included', async () => {
    for (let i = 0; i < LIMIT; i += 1)
      expect(codeOf(await change(`wrong-${i}`))).toBe('invalid_credentials');
    const right = await change(SEEDED_PASSWORD);
    expect(right).toEqual({
      ok: false,
      error: { code: 'locked_out', retryAfterSeconds: expect.any(Number) },
    });
    // The mail login checks the same password: it is locked too, and nothing more reached the API.
    expect(codeOf(await login(SEEDED_PASSWORD))).toBe('locked_out');
    expect(setup.current.served(CHANGE)).toBe(LIMIT);
    expect(setup.current.served(LOGIN)).toBe(0);
  });

  it('lets no more than five of 100 parallel guesses reach the API, the right one last', async () => {
    const guesses = Array.from({ length: 99 }, (_, i) => `wrong-${i}`);
    const logins = await Promise.all([...guesses, SEEDED_PASSWORD].map(login));
    expect(setup.current.served(LOGIN)).toBeLessThanOrEqual(LIMIT);
    expect(codeOf(logins[99]!)).not.toBe('ok');
    const changes = await Promise.all(
      [...guesses, SEEDED_PASSWORD].map((p) =>
        dispatch('password.change', {
          identifier: 'tbalises',
          currentPassword: p,
          newPassword: NEW_PASSWORD,
        }),
      ),
    );
    expect(setup.current.served(CHANGE)).toBeLessThanOrEqual(LIMIT);
    expect(codeOf(changes[99]!)).not.toBe('ok');
  });
});

describe('password checks offline', () => {
  it('queues one credential per account, and refuses a second guess', async () => {
    setup.current.simulator.faults.set({ down: true });
    const first = await change('wrong-offline');
    expect(first).toMatchObject({
      ok: true,
      value: { receipt: { reference: expect.any(String) } },
    });
    expect(await change(SEEDED_PASSWORD)).toEqual({
      ok: false,
      error: { code: 'already_pending' },
    });
    const opened = await login('another-guess');
    expect(opened).toMatchObject({ ok: true, value: { offline: true } });
    const journeyId = (opened as { value: { journeyId: string } }).value.journeyId;
    expect(
      await dispatch('mail.setRedirection', { journeyId, address: null, keepCopy: true }),
    ).toEqual({ ok: false, error: { code: 'already_pending' } });
    const status = (await dispatch('kiosk.status', {})) as { ok: true; value: { outbox: unknown } };
    expect(status.value.outbox).toEqual({ pending: 1, dead: 0 });
  });
});

describe('activation and reset e-mails', () => {
  it('sends one e-mail however many are asked for at once, and says when the next is possible', async () => {
    const student = (await dispatch('student.identify', ELOISE)) as {
      ok: true;
      value: { journeyId: string };
    };
    const { journeyId } = student.value;
    const sends = await Promise.all(
      Array.from({ length: 25 }, () => dispatch('activation.sendEmail', { journeyId })),
    );
    expect(sends.filter((s) => s.ok)).toHaveLength(1);
    for (const refused of sends.filter((s) => !s.ok)) {
      expect(refused).toEqual({
        ok: false,
        error: { code: 'email_cooldown', retryAfterSeconds: expect.any(Number) },
      });
      const wait = refused.ok ? 0 : (refused.error.retryAfterSeconds ?? 0);
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(60);
    }
    expect(await setup.current.mailbox('eloise.nd@example.org')).toHaveLength(1);
  });

  it('spaces reset e-mails the same way', async () => {
    const student = (await dispatch('student.identify', MAI)) as {
      ok: true;
      value: { journeyId: string };
    };
    const { journeyId } = student.value;
    expect(codeOf(await dispatch('password.requestReset', { journeyId }))).toBe('ok');
    expect(codeOf(await dispatch('password.requestReset', { journeyId }))).toBe('email_cooldown');
  });
});

describe('the kiosk and the API limits together', () => {
  it('shows the API’s wait when it limits a number the kiosk has not locked yet', async () => {
    // Another kiosk (same device credential here) spent the API's allowance for this number.
    for (let i = 0; i < LIMIT; i += 1) {
      const answer = await setup.current.direct('POST', PATHS.identify, {
        studentNumber: ELOISE.studentNumber,
        birthDate: `1999-01-${String(10 + i)}`,
      });
      expect(answer.status).toBe(404);
    }
    const reply = await dispatch('student.identify', ELOISE);
    expect(reply).toEqual({
      ok: false,
      error: { code: 'rate_limited', retryAfterSeconds: expect.any(Number) },
    });
    const error = (reply as { error: AppError }).error;
    expect(error.retryAfterSeconds).toBeGreaterThan(60);
    // The renderer words it with the wait (src-renderer/lib/messages.test.ts, e2e limits.spec).
  });

  it('tells the student the API’s wait for a limited password, and queues nothing', async () => {
    for (let i = 0; i < LIMIT; i += 1) {
      const answer = await setup.current.direct(
        'POST',
        JOURNEY_PATHS.passwordChange('nmai'),
        {
          currentPassword: { type: 'plain', value: `wrong-${i}` },
          newPassword: { type: 'plain', value: NEW_PASSWORD },
        },
        { 'idempotency-key': randomUUID() },
      );
      expect(answer.status).toBe(403);
    }
    expect(await change(SEEDED_PASSWORD)).toEqual({
      ok: false,
      error: { code: 'rate_limited', retryAfterSeconds: expect.any(Number) },
    });
    const status = (await dispatch('kiosk.status', {})) as { ok: true; value: { outbox: unknown } };
    expect(status.value.outbox).toEqual({ pending: 0, dead: 0 });
  });
});
