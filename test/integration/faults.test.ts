import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Timers } from '../../src-main/api/resilience/timers';
import { HealthResponse, PATHS } from '../../src-main/api/wire';
import { JOURNEY_PATHS, PasswordChanged } from '../../src-main/api/wire-journeys';
import type { Simulator } from '../../src-main/simulator/server';
import {
  activeStudents,
  chainPassword,
  kioskTransport,
  startTestSimulator,
  studentId,
} from '../support/offline';

// Every fault the simulator can inject, met by the real transport over HTTP on 127.0.0.1:
// what the kiosk gets back, how many requests reached the simulator, what it did.

let simulator: Simulator;
let url: string;

/** Sleeps that record how long the transport asked to wait, and wait 0 ms. */
function recordingTimers(): Timers & { asked: number[] } {
  const asked: number[] = [];
  return {
    asked,
    sleep: async (ms) => {
      asked.push(ms);
    },
    schedule: () => () => {},
  };
}

const health = { method: 'get', path: PATHS.health, schema: HealthResponse, auth: false } as const;

function changePassword(i: number, key: string) {
  return {
    method: 'post' as const,
    path: JOURNEY_PATHS.passwordChange(studentId(i)),
    schema: PasswordChanged,
    body: {
      currentPassword: { type: 'plain', value: chainPassword(i, 0) },
      newPassword: { type: 'plain', value: chainPassword(i, 1) },
    },
    idempotencyKey: key,
  };
}
const changes = () => simulator.idempotency.performed().filter((w) => w.status === 200);

beforeEach(async () => {
  ({ simulator, url } = await startTestSimulator(activeStudents(3)));
});
afterEach(() => simulator.close());

describe('latency', () => {
  it('gives every attempt its own deadline: each retry really reaches the server', async () => {
    simulator.faults.set({ latencyMs: 400 });
    const { exchange } = kioskTransport(url, { timeoutMs: 100 });
    const answer = await exchange(health);
    expect(answer.result).toEqual({ ok: false, error: { code: 'timeout' } });
    expect(answer.attempts).toBe(3);
    // A spent signal would have aborted attempts 2 and 3 before they left the kiosk.
    expect(simulator.faults.received()).toBe(3);
  });

  it('counts an answer slower than the threshold as degraded, though it succeeded', async () => {
    simulator.faults.set({ latencyMs: 150 });
    const { call, resilience } = kioskTransport(url, { retry: { slowMs: 50 } });
    expect((await call(health)).ok).toBe(true);
    expect(resilience.monitor.current().state).toBe('degraded');
  });
});

describe('5xx bursts', () => {
  it('retries a safe call through a burst shorter than its attempts', async () => {
    simulator.faults.set({ failNext5xx: 2 });
    const { exchange, resilience } = kioskTransport(url);
    const answer = await exchange(health);
    expect(answer.result.ok).toBe(true);
    expect(answer.attempts).toBe(3);
    expect(resilience.monitor.current().state).toBe('degraded');
  });

  it('does not retry a call that is not safe to repeat, and reports the outage', async () => {
    simulator.faults.set({ failNext5xx: 5 });
    const { exchange } = kioskTransport(url);
    const identify = await exchange({
      method: 'post',
      path: PATHS.identify,
      schema: z.unknown(),
      body: { studentNumber: '30000000', birthDate: '2002-05-17' },
    });
    expect(identify).toMatchObject({ result: { ok: false, error: { code: 'unavailable' } } });
    expect(identify.attempts).toBe(1);
    expect(simulator.faults.current().failNext5xx).toBe(4);
  });

  it('gives up on a burst longer than its attempts, and opens the circuit', async () => {
    simulator.faults.set({ failNext5xx: 10 });
    const { exchange, resilience } = kioskTransport(url, { failureThreshold: 3 });
    const first = await exchange(health);
    expect(first.attempts).toBe(3);
    expect(resilience.breaker.state()).toBe('open');
    expect(resilience.monitor.current().state).toBe('offline');
    // While open, calls are answered at once, without reaching the server.
    const before = simulator.faults.current().failNext5xx;
    expect((await exchange(health)).result).toEqual({ ok: false, error: { code: 'unavailable' } });
    expect(simulator.faults.current().failNext5xx).toBe(before);
  });
});

describe('429 with Retry-After', () => {
  it('waits what the server asked before trying again', async () => {
    simulator.faults.set({ rateLimitNext: { count: 1, retryAfterSeconds: 2 } });
    const timers = recordingTimers();
    const { exchange } = kioskTransport(url, { timers });
    const answer = await exchange(health);
    expect(answer.result.ok).toBe(true);
    expect(answer.attempts).toBe(2);
    expect(timers.asked).toHaveLength(1);
    expect(timers.asked[0]).toBeGreaterThanOrEqual(2_000);
  });

  it('answers at once with the delay when the wait would exceed the budget', async () => {
    simulator.faults.set({ rateLimitNext: { count: 1, retryAfterSeconds: 60 } });
    const timers = recordingTimers();
    const { exchange } = kioskTransport(url, { timers });
    const answer = await exchange(health);
    expect(answer.result).toEqual({
      ok: false,
      error: { code: 'rate_limited', retryAfterSeconds: 60 },
    });
    expect(timers.asked).toEqual([]);
  });
});

describe('malformed JSON', () => {
  it('reports malformed_response, and a retry gets a good answer', async () => {
    simulator.faults.set({ malformedNext: 1 });
    const { exchange } = kioskTransport(url);
    const answer = await exchange({ ...health, retry: false });
    expect(answer.result).toEqual({ ok: false, error: { code: 'malformed_response' } });
    simulator.faults.set({ malformedNext: 1 });
    const retried = await exchange(health);
    expect(retried.result.ok).toBe(true);
    expect(retried.attempts).toBe(2);
  });

  it('gets the first result of a write whose answer was garbled, without a second change', async () => {
    simulator.faults.set({ malformedNext: 1, only: '/v1/accounts/' });
    const { exchange } = kioskTransport(url);
    const answer = await exchange(changePassword(0, 'malformed-key-0001'));
    expect(answer.result.ok).toBe(true);
    expect(answer.attempts).toBe(2);
    expect(changes()).toHaveLength(1);
  });
});

describe('connection reset', () => {
  it('sends a write again under the same key after a reset, and it is applied once', async () => {
    simulator.faults.set({ resetNext: 2, only: '/v1/accounts/' });
    const { exchange } = kioskTransport(url);
    const answer = await exchange(changePassword(1, 'reset-key-000001'));
    expect(answer.result.ok).toBe(true);
    expect(answer.attempts).toBe(3);
    expect(changes().map((w) => w.idempotencyKey)).toEqual(['reset-key-000001']);
  });

  it('reports a network error to a call that is not retried', async () => {
    simulator.faults.set({ resetNext: 1 });
    const { exchange } = kioskTransport(url);
    const answer = await exchange({ ...health, retry: false });
    expect(answer.result).toEqual({ ok: false, error: { code: 'network' } });
  });
});

describe('full outage and recovery', () => {
  it('goes offline, fails fast while the circuit is open, and recovers through a probe', async () => {
    const { call, resilience } = kioskTransport(url, { failureThreshold: 2 });
    expect((await call(health)).ok).toBe(true);
    simulator.faults.set({ down: true });
    const once = { ...health, retry: false };
    expect(await call(once)).toEqual({ ok: false, error: { code: 'network' } });
    expect(resilience.monitor.current().state).toBe('degraded');
    expect(await call(once)).toEqual({ ok: false, error: { code: 'network' } });
    expect(resilience.monitor.current().state).toBe('offline');
    expect(resilience.breaker.state()).toBe('open');
    const since = resilience.monitor.current().since;

    simulator.faults.set({ down: false });
    // The breaker still answers for the API until a probe (or the cooldown) says otherwise.
    expect(await call(health)).toEqual({ ok: false, error: { code: 'unavailable' } });
    expect((await call({ ...health, probe: true })).ok).toBe(true);
    expect(resilience.breaker.state()).toBe('closed');
    expect(resilience.monitor.current().state).not.toBe('offline');
    expect(resilience.monitor.current().since >= since).toBe(true);
    expect((await call(health)).ok).toBe(true);
  });

  it('sees a simulator that is gone as unreachable, and the same one back on its port', async () => {
    const port = Number(new URL(url).port);
    const { call } = kioskTransport(url);
    await simulator.close();
    expect(await call({ ...health, retry: false })).toEqual({
      ok: false,
      error: { code: 'network' },
    });
    ({ simulator } = await startTestSimulator(activeStudents(1), { port }));
    expect((await call(health)).ok).toBe(true);
  });
});
