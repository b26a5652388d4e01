import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PATHS } from '../api/wire';
import { JOURNEY_PATHS } from '../api/wire-journeys';
import { JOURNEY_NOW, ZOE_PASSWORD, journeyDataset } from './journey-test-data';
import { SIMULATOR_LIMITS } from './rate-limits';
import { manualClock, startSimulator, type Running } from './test-helpers';

// The contract's Conventions: identification and password checks are limited per subject and per
// kiosk, with 429 and Retry-After. Over HTTP, on the simulator's own (test-moved) clock.

let clock: ReturnType<typeof manualClock>;
let sim: Running;
let token: string;

beforeEach(async () => {
  clock = manualClock(JOURNEY_NOW);
  sim = await startSimulator(journeyDataset(), clock);
  token = await sim.token();
});
afterEach(() => sim.simulator.close());

const identify = (studentNumber: string, birthDate: string) =>
  sim.call('POST', PATHS.identify, { token, body: { studentNumber, birthDate } });
const plain = (value: string) => ({ type: 'plain', value });
const change = (current: string) =>
  sim.call('POST', JOURNEY_PATHS.passwordChange('zlefevre'), {
    token,
    headers: { 'idempotency-key': randomUUID() },
    body: { currentPassword: plain(current), newPassword: plain('Kx9#mPq2vL') },
  });
const login = (password: string) =>
  sim.call('POST', JOURNEY_PATHS.studentSessions, {
    token,
    body: { identifier: 'zlefevre', password: plain(password) },
  });

describe('identification rate limits', () => {
  it('answers 429 with Retry-After after five wrong dates, even to the right one', async () => {
    const statuses: number[] = [];
    for (let day = 10; day < 16; day += 1)
      statuses.push((await identify('21901234', `2001-04-${day}`)).status);
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429]);
    const right = await identify('21901234', '2001-03-14');
    expect(right.status).toBe(429);
    expect(right.body).toMatchObject({ code: 'rate_limited' });
    const retryAfter = Number(right.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(SIMULATOR_LIMITS.identifyPerNumber.windowSeconds);
    // Another number is not affected; the clock moved past Retry-After lets the right date in.
    expect((await identify('22004567', '2003-11-05')).status).toBe(200);
    clock.advance(retryAfter * 1000);
    token = await sim.token();
    expect((await identify('21901234', '2001-03-14')).status).toBe(200);
  });

  it('starts the failures in a row again after a success', async () => {
    for (let i = 0; i < 4; i += 1) await identify('21901234', '2001-04-10');
    expect((await identify('21901234', '2001-03-14')).status).toBe(200);
    for (let i = 0; i < 4; i += 1) await identify('21901234', '2001-04-10');
    expect((await identify('21901234', '2001-03-14')).status).toBe(200);
  });

  it('limits one kiosk over many numbers', async () => {
    const limit = SIMULATOR_LIMITS.identifyPerKiosk.failures;
    for (let i = 0; i < limit; i += 1) {
      expect((await identify(String(30_000_000 + i), '2000-01-01')).status).toBe(404);
    }
    const next = await identify('22004567', '2003-11-05');
    expect(next.status).toBe(429);
    expect(Number(next.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('password check rate limits', () => {
  it('answers 429 after five wrong current passwords, to a change and a login alike', async () => {
    for (let i = 0; i < 5; i += 1) expect((await change(`wrong-${i}`)).status).toBe(403);
    const right = await change(ZOE_PASSWORD);
    expect(right.status).toBe(429);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await login(ZOE_PASSWORD)).status).toBe(429);
    clock.advance(SIMULATOR_LIMITS.credentialPerAccount.windowSeconds * 1000);
    token = await sim.token();
    expect((await login(ZOE_PASSWORD)).status).toBe(201);
  });

  it('counts a redirection sent with a wrong password like a login', async () => {
    for (let i = 0; i < 5; i += 1) {
      const answer = await sim.call('PUT', JOURNEY_PATHS.mailRedirection('zlefevre'), {
        token,
        headers: { 'idempotency-key': randomUUID() },
        body: { address: null, keepCopy: true, password: plain(`wrong-${i}`) },
      });
      expect(answer.status).toBe(403);
    }
    expect((await login(ZOE_PASSWORD)).status).toBe(429);
  });
});
