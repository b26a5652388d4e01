import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { MALFORMED_TARGETS, head, rawExchange } from '../../test/support/raw-http';
import { createSafeServer, parseTarget, type SafeHandler } from './safe-server';

const logged: { message: string; fields?: Record<string, unknown> }[] = [];
const logger = {
  debug() {},
  info() {},
  warn: (message: string, fields?: Record<string, unknown>) => logged.push({ message, fields }),
  error: (message: string, fields?: Record<string, unknown>) => logged.push({ message, fields }),
};
let server: Server | null = null;

async function serve(handler: SafeHandler): Promise<number> {
  server = createSafeServer(handler, {
    name: 'test server',
    logger,
    errorBody: (status) => ({ code: status >= 500 ? 'internal' : 'bad', status }),
  });
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
  return (server.address() as AddressInfo).port;
}

afterEach(async () => {
  logged.length = 0;
  if (!server) return;
  server.closeAllConnections();
  await new Promise((done) => server!.close(done));
  server = null;
});

const hello: SafeHandler = (_req, res, url) => {
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end(`path ${url.pathname}`);
};

describe('parseTarget', () => {
  it('reads origin-form and absolute-form targets on a fixed origin', () => {
    expect(parseTarget('/a/b?c=1')?.href).toBe('http://127.0.0.1/a/b?c=1');
    expect(parseTarget('//evil.example/x')?.pathname).toBe('//evil.example/x');
    expect(parseTarget('http://other.example/v1/health?x')?.href).toBe(
      'http://127.0.0.1/v1/health?x',
    );
    // Dot segments, encoded or not, resolve inside the path: never above its root.
    expect(parseTarget('/%2e%2e/x')?.pathname).toBe('/x');
  });

  it('refuses what is not a request target, without throwing', () => {
    for (const target of [...MALFORMED_TARGETS, '', undefined, 'a/b', '/a%zz', 'ftp://x/']) {
      expect(parseTarget(target), String(target)).toBeNull();
    }
  });
});

describe('a safe server', () => {
  it.each(MALFORMED_TARGETS)('answers 400 to %s and serves the next request', async (target) => {
    const port = await serve(hello);
    const bad = await rawExchange(port, head(`GET ${target} HTTP/1.1`));
    expect(bad.status, bad.text).toBe(400);
    expect(JSON.parse(bad.body)).toEqual({ code: 'bad', status: 400 });
    expect(await (await fetch(`http://127.0.0.1:${port}/ok`)).text()).toBe('path /ok');
  });

  it('answers 500 to a handler that throws or rejects, logs its kind only, and goes on', async () => {
    const port = await serve(async (req, res, url) => {
      if (url.pathname === '/throw') throw new TypeError('secret 21901234 in a message');
      if (url.pathname === '/reject') await Promise.reject(new Error('boom'));
      hello(req, res, url);
    });
    for (const path of ['/throw', '/reject']) {
      const answer = await fetch(`http://127.0.0.1:${port}${path}`);
      expect(answer.status).toBe(500);
      expect(await answer.json()).toEqual({ code: 'internal', status: 500 });
    }
    expect(logged.map((entry) => entry.fields)).toEqual([
      { method: 'GET', error: 'TypeError' },
      { method: 'GET', error: 'Error' },
    ]);
    expect(JSON.stringify(logged)).not.toContain('21901234');
    expect((await fetch(`http://127.0.0.1:${port}/ok`)).status).toBe(200);
  });

  it('cuts a connection whose answer had started when the handler failed', async () => {
    const port = await serve(async (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('partial');
      throw new Error('late');
    });
    const answer = await rawExchange(port, head('GET / HTTP/1.1'));
    expect(answer.status).toBe(200);
    expect(answer.text).not.toContain('"internal"');
    expect((await rawExchange(port, head('GET /again HTTP/1.1'))).status).toBe(200);
  });

  it('answers bytes the HTTP parser refuses with a typed 400, and oversized headers with 431', async () => {
    const port = await serve(hello);
    const garbage = await rawExchange(port, 'NOT HTTP AT ALL\r\n\r\n');
    expect(garbage.status).toBe(400);
    expect(JSON.parse(garbage.body)).toEqual({ code: 'bad', status: 400 });
    const huge = await rawExchange(port, head('GET / HTTP/1.1', { 'x-big': 'a'.repeat(20_000) }));
    expect(huge.status).toBe(431);
    expect((await fetch(`http://127.0.0.1:${port}/ok`)).status).toBe(200);
  });
});
