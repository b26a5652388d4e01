import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_DEVICE } from './dataset';
import { journeyDataset, JOURNEY_NOW } from './journey-test-data';
import { startSimulator, manualClock, type Running } from './test-helpers';

// The control endpoints over HTTP; what each fault does to the kiosk is tested in
// test/integration/faults.test.ts with the real transport.

let running: Running | null = null;
afterEach(async () => {
  await running?.simulator.close();
  running = null;
});

describe('simulator control endpoints', () => {
  it('are not served unless asked for', async () => {
    running = await startSimulator(journeyDataset(), manualClock(JOURNEY_NOW));
    expect((await running.call('GET', '/_simulator/faults')).status).toBe(404);
  });

  it('set, read and clear faults, and list the keyed writes performed', async () => {
    running = await startSimulator(journeyDataset(), manualClock(JOURNEY_NOW), { control: true });
    const set = await running.call('POST', '/_simulator/faults', {
      body: { failNext5xx: 1, rateLimitNext: { count: 1, retryAfterSeconds: 7 } },
    });
    expect(set).toMatchObject({ status: 200, body: { failNext5xx: 1, down: false } });
    expect((await running.call('POST', '/v1/kiosk/token', { body: DEMO_DEVICE })).status).toBe(503);
    const limited = await running.call('POST', '/v1/kiosk/token', { body: DEMO_DEVICE });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect((await running.call('POST', '/v1/kiosk/token', { body: DEMO_DEVICE })).status).toBe(200);

    expect(
      (await running.call('POST', '/_simulator/faults', { body: { down: 'yes' } })).status,
    ).toBe(400);
    expect((await running.call('DELETE', '/_simulator/faults')).body).toMatchObject({
      failNext5xx: 0,
    });
    expect((await running.call('GET', '/_simulator/writes')).body).toEqual({ writes: [] });
  });

  it('drops every API connection while down, and answers its controls', async () => {
    running = await startSimulator(journeyDataset(), manualClock(JOURNEY_NOW), { control: true });
    await running.call('POST', '/_simulator/faults', { body: { down: true } });
    await expect(running.call('GET', '/v1/health')).rejects.toThrow();
    expect((await running.call('GET', '/_simulator/faults')).body).toMatchObject({ down: true });
  });
});
