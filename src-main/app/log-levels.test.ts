import { afterEach, describe, expect, it } from 'vitest';
import { createTransport } from '../api/transport';
import { HealthResponse, PATHS } from '../api/wire';
import { DEMO_DEVICE, parseDataset } from '../simulator/dataset';
import { manualClock, startSimulator, type Running } from '../simulator/test-helpers';
import { createLogger } from './logger';

// What an operator reads at the default level: changes of state, not every request and probe.
// The kiosk's real logger (pino, level info) in front of the real simulator and transport.

const clock = manualClock('2026-11-25T10:00:00Z');
const dataset = parseDataset({
  students: [
    {
      studentNumber: '21901234',
      birthDate: '2001-03-14',
      firstName: 'Éloïse',
      lastName: 'N.',
      identifier: 'endiayebrule',
      enrollments: [],
      account: { status: 'not_activated', activatedAt: null, leavingYear: null },
    },
  ],
});

function captured(level: 'info' | 'debug') {
  const lines: Array<{ level: string; message: string }> = [];
  const logger = createLogger({
    level,
    console: { write: (line: string) => void lines.push(JSON.parse(line) as never) },
  });
  return { lines, logger };
}

let sim: Running | null = null;
afterEach(async () => {
  await sim?.simulator.close();
  sim = null;
});

describe('log levels', () => {
  it('a simulator request (health, a failed identification) is not logged at info', async () => {
    const info = captured('info');
    const debug = captured('debug');
    for (const log of [info, debug]) {
      sim = await startSimulator(dataset, clock, { logger: log.logger });
      expect((await sim.call('GET', PATHS.health)).status).toBe(200);
      const token = await sim.token();
      const wrong = await sim.call('POST', PATHS.identify, {
        token,
        body: { studentNumber: '21901234', birthDate: '2001-03-15' },
        headers: { 'idempotency-key': crypto.randomUUID() },
      });
      expect(wrong.status).toBe(404);
      await sim.simulator.close();
      sim = null;
    }
    expect(info.lines).toEqual([]);
    // The lines still exist, for whoever asks for debug.
    expect(debug.lines.map((l) => `${l.level} ${l.message}`)).toEqual(
      expect.arrayContaining([
        'debug simulator: request',
        'debug simulator: identification failed',
      ]),
    );
  });

  it('a failed health probe is not logged at info or warn', async () => {
    sim = await startSimulator(dataset, clock);
    const url = sim.url;
    await sim.simulator.close();
    sim = null;
    const info = captured('info');
    const debug = captured('debug');
    for (const log of [info, debug]) {
      const transport = createTransport({
        baseUrl: url,
        timeoutMs: 2000,
        credential: async () => DEMO_DEVICE,
        clock,
        logger: log.logger,
      });
      const probe = await transport.call({
        method: 'get',
        path: PATHS.health,
        schema: HealthResponse,
        auth: false,
        probe: true,
        retry: false,
      });
      expect(probe.ok ? null : probe.error.code).toBe('network');
    }
    expect(info.lines).toEqual([]);
    expect(debug.lines).toEqual([
      expect.objectContaining({ level: 'debug', message: 'api: probe failed' }),
    ]);
  });
});
