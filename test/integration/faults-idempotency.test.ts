import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOURNEY_PATHS } from '../../src-main/api/wire-journeys';
import { DEMO_DEVICE } from '../../src-main/simulator/dataset';
import type { Simulator } from '../../src-main/simulator/server';
import { activeStudents, chainPassword, startTestSimulator, studentId } from '../support/offline';

// Idempotency-Key at the simulator, over real HTTP: the first answer to a key is the answer.

let simulator: Simulator;
let url: string;
let token: string;

beforeEach(async () => {
  ({ simulator, url } = await startTestSimulator(activeStudents(2)));
  const answer = await fetch(`${url}/v1/kiosk/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(DEMO_DEVICE),
  });
  token = ((await answer.json()) as { accessToken: string }).accessToken;
});
afterEach(() => simulator.close());

function change(i: number, key: string, from = 0, to = 1) {
  return fetch(url + JOURNEY_PATHS.passwordChange(studentId(i)), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      'idempotency-key': key,
    },
    body: JSON.stringify({
      currentPassword: { type: 'plain', value: chainPassword(i, from) },
      newPassword: { type: 'plain', value: chainPassword(i, to) },
    }),
  });
}

describe('Idempotency-Key', () => {
  it('applies a write once and answers a repeat with the first result', async () => {
    const first = await change(0, 'same-key-0000001');
    const again = await change(0, 'same-key-0000001');
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(await first.json());
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(simulator.idempotency.performed()).toHaveLength(1);
    // Without the key, the same request is a new change, refused: the password moved on.
    const fresh = await change(0, 'other-key-000001');
    expect(fresh.status).toBe(403);
  });

  it('refuses a key reused for another request', async () => {
    expect((await change(0, 'reused-key-00001')).status).toBe(200);
    const other = await change(1, 'reused-key-00001');
    expect(other.status).toBe(422);
    expect(await other.json()).toMatchObject({ code: 'idempotency_key_reused' });
    const otherBody = await change(0, 'reused-key-00001', 1, 2);
    expect(otherBody.status).toBe(422);
  });

  it('keeps no answer to a 5xx, so that the retry does the work', async () => {
    simulator.faults.set({ failNext5xx: 1 });
    expect((await change(1, 'after-5xx-key-01')).status).toBe(503);
    expect((await change(1, 'after-5xx-key-01')).status).toBe(200);
    expect(simulator.idempotency.performed().map((w) => w.status)).toEqual([200]);
  });

  it('refuses a malformed key', async () => {
    const answer = await change(0, 'short');
    expect(answer.status).toBe(400);
    expect(simulator.idempotency.performed()).toEqual([]);
  });
});
