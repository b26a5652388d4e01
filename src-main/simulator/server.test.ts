import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AccountStatusResponse,
  ErrorBody,
  HealthResponse,
  KioskTokenResponse,
  PATHS,
  StudentWire,
} from '../api/wire';
import { DEMO_DEVICE, parseDataset, type Dataset } from './dataset';
import { json } from './http';
import { defineRoute } from './router';
import { manualClock, startSimulator, type Running } from './test-helpers';

const NOW = '2026-11-25T10:00:00Z';

function dataset(extra: Partial<Dataset> = {}): Dataset {
  return parseDataset({
    students: [
      {
        studentNumber: '21901234',
        birthDate: '2001-03-14',
        firstName: 'Éloïse',
        lastName: "N'Diaye-Brûlé",
        identifier: 'endiayebrule',
        personalEmail: 'eloise.nd@example.org',
        enrollments: [
          { academicYear: '2025-2026', program: 'Licence 1', validatedAt: '2025-07-10T08:15:00Z' },
          { academicYear: '2026-2027', program: 'Licence 2', validatedAt: '2026-09-02T08:15:00Z' },
        ],
        account: { status: 'not_activated', activatedAt: null, leavingYear: null },
      },
      {
        studentNumber: '22004567',
        birthDate: '2003-11-05',
        firstName: 'Zoé',
        lastName: 'Lefèvre',
        identifier: 'zlefevre',
        enrollments: [
          { academicYear: '2026-2027', program: 'Master', validatedAt: '2026-09-05T10:00:00Z' },
        ],
        account: { status: 'active', activatedAt: '2026-09-06T09:00:00Z', leavingYear: null },
      },
    ],
    staff: [{ staffId: 'agent01', displayName: 'Camille Martin', pin: '482913', role: 'agent' }],
    ...extra,
  });
}

const ELOISE = { studentNumber: '21901234', birthDate: '2001-03-14' };

let clock: ReturnType<typeof manualClock>;
let sim: Running;
let logLines: string[];

beforeEach(async () => {
  clock = manualClock(NOW);
  logLines = [];
  const logger = {
    debug: (m: string, f?: object) => logLines.push(`${m} ${JSON.stringify(f)}`),
    info: (m: string, f?: object) => logLines.push(`${m} ${JSON.stringify(f)}`),
    warn: (m: string, f?: object) => logLines.push(`${m} ${JSON.stringify(f)}`),
    error: (m: string, f?: object) => logLines.push(`${m} ${JSON.stringify(f)}`),
  };
  sim = await startSimulator(dataset(), clock, { logger });
});
afterEach(() => sim.simulator.close());

describe('simulator server', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(new URL(sim.url).hostname).toBe('127.0.0.1');
  });

  it('answers health without a token', async () => {
    const answer = await sim.call('GET', PATHS.health);
    expect(answer.status).toBe(200);
    expect(HealthResponse.parse(answer.body)).toMatchObject({
      status: 'ok',
      time: clock.now().toISOString(),
    });
  });

  it('issues a bearer token for the demo device and refuses a wrong credential', async () => {
    const ok = await sim.call('POST', PATHS.kioskToken, { body: DEMO_DEVICE });
    expect(ok.status).toBe(200);
    expect(KioskTokenResponse.parse(ok.body)).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: 900,
    });

    for (const body of [
      { ...DEMO_DEVICE, secret: 'wrong' },
      { deviceId: 'kiosk-unknown', secret: DEMO_DEVICE.secret },
    ]) {
      const refused = await sim.call('POST', PATHS.kioskToken, { body });
      expect(refused.status).toBe(401);
      expect(refused.body).toMatchObject({ code: 'unauthorized' });
      expect(refused.headers.get('www-authenticate')).toBe('Bearer');
    }
  });

  it('accepts only the listed devices when the dataset has some', async () => {
    const device = { deviceId: 'kiosk-bu-01', secret: 'a-long-device-secret' };
    const other = await startSimulator(dataset({ devices: [device] }), clock);
    try {
      expect((await other.call('POST', PATHS.kioskToken, { body: DEMO_DEVICE })).status).toBe(401);
      expect((await other.call('POST', PATHS.kioskToken, { body: device })).status).toBe(200);
    } finally {
      await other.simulator.close();
    }
  });

  it('identifies a student with every enrolment and no personal secrets', async () => {
    const answer = await sim.call('POST', PATHS.identify, {
      body: ELOISE,
      token: await sim.token(),
    });
    expect(answer.status).toBe(200);
    const student = StudentWire.parse(answer.body);
    expect(student).toMatchObject({ identifier: 'endiayebrule', lastName: "N'Diaye-Brûlé" });
    expect(student.enrollments).toHaveLength(2);
    expect(JSON.stringify(answer.body)).not.toMatch(/2001-03-14|21901234|personalEmail/);
  });

  it('gives the same answer for an unknown number and a wrong birth date', async () => {
    const token = await sim.token();
    const unknown = await sim.call('POST', PATHS.identify, {
      body: { ...ELOISE, studentNumber: '29999999' },
      token,
    });
    const wrongDate = await sim.call('POST', PATHS.identify, {
      body: { ...ELOISE, birthDate: '2001-03-15' },
      token,
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ code: 'identification_failed', message: expect.any(String) });
    expect(wrongDate.status).toBe(unknown.status);
    expect(wrongDate.body).toEqual(unknown.body);
    const headers = (h: Headers) => [...h].filter(([name]) => name !== 'date');
    expect(headers(wrongDate.headers)).toEqual(headers(unknown.headers));
  });

  it('refuses a missing, unknown or expired bearer token', async () => {
    const token = await sim.token();
    const cases = [undefined, 'not-a-token', `${token}x`];
    for (const bad of cases) {
      const answer = await sim.call('POST', PATHS.identify, { body: ELOISE, token: bad });
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({ code: 'unauthorized' });
    }
    const malformed = await sim.call('GET', PATHS.account('zlefevre'), {
      headers: { authorization: `Basic ${token}` },
    });
    expect(malformed.status).toBe(401);

    expect((await sim.call('GET', PATHS.account('zlefevre'), { token })).status).toBe(200);
    clock.advance(900_000);
    const expired = await sim.call('GET', PATHS.account('zlefevre'), { token });
    expect(expired.status).toBe(401);
  });

  it('returns account status with the activation date for a not activated account', async () => {
    const token = await sim.token();
    const eloise = await sim.call('GET', PATHS.account('endiayebrule'), { token });
    expect(eloise.status).toBe(200);
    expect(AccountStatusResponse.parse(eloise.body)).toEqual({
      identifier: 'endiayebrule',
      status: 'not_activated',
      activatedAt: null,
      leavingYear: null,
      activationAvailableAt: '2026-09-02T08:30:00Z',
    });
    const zoe = await sim.call('GET', PATHS.account('zlefevre'), { token });
    expect(zoe.body).toMatchObject({ status: 'active', activationAvailableAt: null });
  });

  it('answers not_found for an unknown account or route', async () => {
    const token = await sim.token();
    for (const path of [PATHS.account('nobody'), '/v1/nothing', '/v1/accounts/', '/']) {
      const answer = await sim.call('GET', path, { token });
      expect(answer.status, path).toBe(404);
      expect(answer.body).toMatchObject({ code: 'not_found' });
    }
  });

  it('refuses a wrong method with 405 and the allowed ones', async () => {
    const answer = await sim.call('DELETE', PATHS.health);
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('GET');
    expect(answer.body).toMatchObject({ code: 'invalid_request' });
  });

  it('refuses malformed JSON, schema mismatches and non-JSON bodies', async () => {
    const token = await sim.token();
    const bodies = [
      { rawBody: '{"studentNumber":' },
      { rawBody: '' },
      { body: { studentNumber: '21901234', birthDate: '14032001' } },
      { body: { studentNumber: 21901234, birthDate: '2001-03-14' } },
      { body: [] },
    ];
    for (const options of bodies) {
      const answer = await sim.call('POST', PATHS.identify, { ...options, token });
      expect(answer.status, JSON.stringify(options)).toBe(400);
      expect(answer.body).toMatchObject({ code: 'invalid_request' });
      expect(JSON.stringify(answer.body)).not.toContain('14032001');
    }
    const text = await sim.call('POST', PATHS.kioskToken, {
      rawBody: JSON.stringify(DEMO_DEVICE),
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.status).toBe(415);
    expect(text.body).toMatchObject({ code: 'invalid_request' });
  });

  it('refuses a body over 64 KiB with 413', async () => {
    const big = { ...DEMO_DEVICE, padding: 'x'.repeat(70 * 1024) };
    const answer = await sim.call('POST', PATHS.kioskToken, { body: big });
    expect(answer.status).toBe(413);
    expect(answer.body).toMatchObject({ code: 'invalid_request' });
    expect((await sim.call('GET', PATHS.health)).status).toBe(200);
  });

  it('answers every request with JSON', async () => {
    const token = await sim.token();
    const answers = await Promise.all([
      sim.call('GET', PATHS.health),
      sim.call('POST', PATHS.identify, { body: ELOISE, token }),
      sim.call('POST', PATHS.identify, { body: ELOISE }),
      sim.call('GET', '/nope'),
      sim.call('POST', PATHS.kioskToken, { rawBody: 'x' }),
    ]);
    for (const answer of answers) {
      expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
      if (answer.status >= 400) ErrorBody.parse(answer.body);
    }
  });

  it('never logs a student number, birth date or secret', async () => {
    const token = await sim.token();
    await sim.call('POST', PATHS.identify, { body: ELOISE, token });
    await sim.call('POST', PATHS.identify, { body: { ...ELOISE, birthDate: '2001-03-15' }, token });
    await sim.call('GET', PATHS.account('endiayebrule'), { token });
    await sim.call('POST', PATHS.kioskToken, { body: { ...DEMO_DEVICE, secret: 'wrong-secret' } });
    expect(logLines.length).toBeGreaterThan(0);
    const log = logLines.join('\n');
    for (const secret of [
      '21901234',
      '2001-03-1',
      'demo-secret',
      'wrong-secret',
      token,
      'endiayebrule',
    ]) {
      expect(log).not.toContain(secret);
    }
  });

  it('serves extra routes passed in, and turns a failing handler into a 500', async () => {
    const routes = [
      defineRoute({
        method: 'GET',
        path: '/v1/echo/:word',
        auth: 'none',
        body: null,
        handle: (c) => json({ word: c.params.word }),
      }),
      defineRoute({
        method: 'GET',
        path: '/v1/boom',
        auth: 'none',
        body: null,
        handle: () => {
          throw new Error('boom');
        },
      }),
    ];
    const other = await startSimulator(dataset(), clock, { routes });
    try {
      expect((await other.call('GET', '/v1/echo/caf%C3%A9')).body).toEqual({ word: 'café' });
      expect((await other.call('GET', '/v1/echo/%E0%A4%A')).status).toBe(400);
      const failed = await other.call('GET', '/v1/boom');
      expect(failed).toMatchObject({ status: 500, body: { code: 'internal' } });
    } finally {
      await other.simulator.close();
    }
  });

  it('does not change the dataset it was given, and closes twice without error', async () => {
    const source = dataset();
    const other = await startSimulator(source, clock);
    other.simulator.state.dataset.students[0]!.firstName = 'Changed';
    expect(source.students[0]!.firstName).toBe('Éloïse');
    await other.simulator.close();
    await other.simulator.close();
  });
});
