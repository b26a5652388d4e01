import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededDataset } from '../support/dataset';
import { openHostSession, type HostSession } from '../support/host-session';
import { MALFORMED_TARGETS, head, rawExchange } from '../support/raw-http';
import { spawnUntilReady } from '../support/spawn-ready';
import { tempFolder } from '../support/tmp';

// The web host and its demo simulator as the real process (`npm run web`), attacked the way it
// once died: raw sockets sending request lines that are not URLs, bytes that are not HTTP and
// bodies over the limit. After each, the same process must still answer a normal request.
const folder = tempFolder('guichet-listeners-');
let host: Awaited<ReturnType<typeof spawnUntilReady>>;
let hostPort: number;
let simulatorPort: number;
/** The session a page of this host would hold (its token spent on it). */
let session: HostSession;

beforeAll(async () => {
  const rendererDir = folder.file('renderer');
  mkdirSync(rendererDir);
  folder.file('renderer/index.html', '<!doctype html><title>Guichet</title>');
  host = await spawnUntilReady(
    'src-main/host/cli.ts',
    [
      '--port',
      '0',
      '--dataset',
      folder.file('dataset.json', seededDataset(new Date())),
      '--data-dir',
      folder.file('data'),
    ],
    /Simulator at (\S+)[\s\S]*Kiosk ready at (\S+)/,
    {
      env: {
        GUICHET_KEYCHAIN_SERVICE: `guichet-listeners-${process.pid}`,
        GUICHET_SIMULATOR_CONTROLS: '1',
        GUICHET_RENDERER_DIR: rendererDir,
      },
    },
  );
  simulatorPort = Number(new URL(host.match[1]!).port);
  const ready = new URL(host.match[2]!);
  hostPort = Number(ready.port);
  session = await openHostSession(host.match[2]!);
});
afterAll(async () => {
  await host?.stop();
  folder.remove();
});

/** The process is alive and both of its listeners still answer a normal request. */
async function expectStillServing() {
  expect(host.child.exitCode, host.output()).toBeNull();
  expect(host.child.signalCode).toBeNull();
  const page = await fetch(`http://127.0.0.1:${hostPort}/`);
  expect(page.status).toBe(200);
  const health = await fetch(`http://127.0.0.1:${simulatorPort}/v1/health`);
  expect(health.status).toBe(200);
}

describe('the web host and its demo simulator survive any request', () => {
  it.each(MALFORMED_TARGETS)(
    'answers 400 to the request target %s, and keeps serving',
    async (target) => {
      const atHost = await rawExchange(hostPort, head(`GET ${target} HTTP/1.1`));
      expect(atHost.status, atHost.text).toBe(400);
      expect(JSON.parse(atHost.body)).toEqual({ ok: false, error: { code: 'invalid_input' } });

      const atSimulator = await rawExchange(simulatorPort, head(`GET ${target} HTTP/1.1`));
      expect(atSimulator.status, atSimulator.text).toBe(400);
      expect(JSON.parse(atSimulator.body)).toMatchObject({ code: 'invalid_request' });

      await expectStillServing();
    },
  );

  it('answers the next request on the same connection after a malformed one', async () => {
    const pipelined = (next: string) =>
      head('GET http://[ HTTP/1.1', { connection: 'keep-alive' }) + head(next);
    const atHost = await rawExchange(hostPort, pipelined('GET / HTTP/1.1'));
    expect(atHost.text).toMatch(/^HTTP\/1\.1 400 [\s\S]*HTTP\/1\.1 200 /);
    const atSimulator = await rawExchange(simulatorPort, pipelined('GET /v1/health HTTP/1.1'));
    expect(atSimulator.text).toMatch(/^HTTP\/1\.1 400 [\s\S]*HTTP\/1\.1 200 /);
    await expectStillServing();
  });

  it('answers bytes that are not HTTP with a typed 400', async () => {
    for (const port of [hostPort, simulatorPort]) {
      const garbage = await rawExchange(port, 'HELLO THERE\r\n\r\n');
      expect(garbage.status, garbage.text).toBe(400);
      expect(garbage.text).toContain('application/json');
      expect(JSON.parse(garbage.body)).toBeTypeOf('object');
    }
    await expectStillServing();
  });

  it('answers 413 with a typed error to a body over the limit sent with a valid session', async () => {
    const body = JSON.stringify({ studentNumber: '1'.repeat(300_000), birthDate: '14032001' });
    const answer = await rawExchange(
      hostPort,
      head('POST /rpc/student.identify HTTP/1.1', {
        ...session.headers,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      }),
      body,
    );
    expect(answer.status, answer.text).toBe(413);
    expect(answer.ended).toBe('closed');
    expect(JSON.parse(answer.body)).toEqual({ ok: false, error: { code: 'invalid_input' } });
    await expectStillServing();
  });

  it('answers 413 with a typed error to a body over the simulator limit', async () => {
    const body = JSON.stringify({ deviceId: 'x'.repeat(300_000) });
    const answer = await rawExchange(
      simulatorPort,
      head('POST /v1/kiosk/token HTTP/1.1', {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      }),
      body,
    );
    expect(answer.status, answer.text).toBe(413);
    expect(answer.ended).toBe('closed');
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'invalid_request' });
    await expectStillServing();
  });
});
