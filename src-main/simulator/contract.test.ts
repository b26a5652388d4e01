import { request } from 'node:http';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PATHS } from '../api/wire';
import { JOURNEY_PATHS } from '../api/wire-journeys';
import { API_CONTRACT } from '../app/paths';
import { loadContract } from './contract';
import { JOURNEY_NOW, ZOE_PASSWORD, journeyDataset } from './journey-test-data';
import { manualClock, startSimulator, type Running } from './test-helpers';

// What resources/openapi.yaml forbids, the simulator refuses with 400/413/415 and the contract's
// ErrorBody, before any handler runs: a real server written from the document would, and a
// kiosk that passes against the simulator must pass against it.

let sim: Running;
let token: string;

beforeEach(async () => {
  sim = await startSimulator(journeyDataset(), manualClock(JOURNEY_NOW));
  token = await sim.token();
});
afterEach(() => sim.simulator.close());

const invalidRequest = (message: RegExp) => ({
  code: 'invalid_request',
  message: expect.stringMatching(message),
});

/** A raw request, for what fetch() will not send (a body on a GET). */
function raw(method: string, path: string, headers: Record<string, string>, body: string) {
  return new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    // Node frames a GET body only when told its length.
    const framed = { ...headers, 'content-length': String(Buffer.byteLength(body)) };
    const req = request(sim.url + path, { method, headers: framed }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.once('error', reject);
    req.end(body);
  });
}

describe('requests the contract forbids', () => {
  it('refuses a write without Idempotency-Key with 400, and does not do it', async () => {
    const path = JOURNEY_PATHS.activationEmail('endiayebrule');
    const unkeyed = await sim.call('POST', path, { token, idempotencyKey: null });
    expect(unkeyed.status).toBe(400);
    expect(unkeyed.body).toEqual(invalidRequest(/Idempotency-Key/));
    expect(sim.simulator.state.journeys.mailbox()).toEqual([]);

    const change = await sim.call('POST', JOURNEY_PATHS.passwordChange('zlefevre'), {
      token,
      idempotencyKey: null,
      body: {
        currentPassword: { type: 'plain', value: ZOE_PASSWORD },
        newPassword: { type: 'plain', value: 'Kx9#mPq2vL' },
      },
    });
    expect(change.status).toBe(400);
    expect(sim.simulator.idempotency.performed()).toEqual([]);
    // The same write with a key is done, once.
    expect((await sim.call('POST', path, { token })).status).toBe(202);
    expect(sim.simulator.state.journeys.mailbox()).toHaveLength(1);
  });

  it('refuses an impossible birth date with 400, not the 404 of a wrong one', async () => {
    const identify = (birthDate: string) =>
      sim.call('POST', PATHS.identify, { token, body: { studentNumber: '21901234', birthDate } });
    for (const birthDate of ['2003-02-31', '2001-13-01', '2001-00-10', '2001-02-29']) {
      const answer = await identify(birthDate);
      expect(answer.status, birthDate).toBe(400);
      expect(answer.body).toEqual(invalidRequest(/birthDate/));
    }
    expect((await identify('2000-02-29')).status).toBe(404);
    expect((await identify('2001-03-14')).status).toBe(200);
  });

  it('refuses an identifier over 64 characters with 400, not 404', async () => {
    const answer = await sim.call('GET', PATHS.account('a'.repeat(70)), { token });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual(invalidRequest(/identifier/));
    expect((await sim.call('GET', PATHS.account('a'.repeat(64)), { token })).status).toBe(404);
  });

  it('refuses a body sent to an operation that takes none with 400', async () => {
    const sent = await sim.call('POST', JOURNEY_PATHS.passwordResetEmail('zlefevre'), {
      token,
      body: { to: 'attacker@example.org' },
    });
    expect(sent.status).toBe(400);
    expect(sent.body).toEqual(invalidRequest(/no body/));
    expect(sim.simulator.state.journeys.mailbox()).toEqual([]);
    const health = await raw('GET', PATHS.health, { 'content-type': 'application/json' }, '{}');
    expect(health).toEqual({ status: 400, body: invalidRequest(/no body/) });
  });

  it('refuses a wrong content type with 415 and an oversize body with 413', async () => {
    const path = JOURNEY_PATHS.activationCodeCheck('endiayebrule');
    const text = await sim.call('POST', path, {
      token,
      rawBody: '{"code":"12345678"}',
      headers: { 'content-type': 'text/plain' },
    });
    expect(text).toMatchObject({ status: 415, body: invalidRequest(/content-type/) });
    const big = await sim.call('POST', path, { token, body: { code: 'x'.repeat(70_000) } });
    expect(big).toMatchObject({ status: 413, body: invalidRequest(/too large/) });
  });

  it('refuses query values out of the documented range', async () => {
    for (const query of [
      'limit=0',
      'limit=1001',
      'limit=ten',
      'cursor=',
      `cursor=${'c'.repeat(513)}`,
    ]) {
      const answer = await sim.call('GET', `/v1/directory/changes?${query}`, { token });
      expect(answer.status, query).toBe(400);
      expect(answer.body).toEqual(invalidRequest(/limit|cursor/));
    }
    expect((await sim.call('GET', '/v1/directory/changes?limit=1000', { token })).status).toBe(200);
  });
});

describe('answers the contract does not allow', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('turn into a 500 that names the operation, and are kept for the test to see', async () => {
    // A copy of the contract in which Health may only be degraded: the simulator says ok.
    dir = mkdtempSync(join(tmpdir(), 'guichet-contract-'));
    const path = join(dir, 'openapi.yaml');
    copyFileSync(API_CONTRACT, path);
    const text = readFileSync(path, 'utf8').replace(
      'status: { type: string, enum: [ok, degraded] }',
      'status: { type: string, enum: [degraded] }',
    );
    expect(text).toContain('enum: [degraded] }');
    writeFileSync(path, text);
    const strict = await startSimulator(journeyDataset(), manualClock(JOURNEY_NOW), {
      contract: loadContract(path),
      checkResponses: true,
    });
    try {
      const answer = await strict.call('GET', PATHS.health);
      expect(answer.status).toBe(500);
      expect(answer.body).toMatchObject({ code: 'internal', message: /getHealth.*status/ });
      expect(strict.simulator.contractViolations).toEqual([expect.stringMatching(/getHealth/)]);
    } finally {
      await strict.simulator.close();
    }
  });
});
