import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { head, rawExchange } from '../../test/support/raw-http';
import { readBody } from './body';

let server: Server | null = null;

/** A server that answers with what readBody made of the request: 200 and the text, or 413. */
async function echo(limit: number, drainLimit?: number): Promise<number> {
  server = createServer((req, res) => {
    void readBody(req, limit, drainLimit).then(
      (result) => {
        const text = result.ok ? result.text : 'too large';
        res.writeHead(result.ok ? 200 : 413, { 'content-length': Buffer.byteLength(text) });
        res.end(text);
      },
      () => res.destroy(),
    );
  });
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
  return (server.address() as AddressInfo).port;
}

afterEach(async () => {
  if (!server) return;
  server.closeAllConnections();
  await new Promise((done) => server!.close(done));
  server = null;
});

const post = (length: number) =>
  head('POST / HTTP/1.1', { 'content-type': 'text/plain', 'content-length': length });

describe('readBody', () => {
  it('reads a body within the limit', async () => {
    const port = await echo(10);
    const answer = await rawExchange(port, post(5), 'hello');
    expect(answer.status).toBe(200);
    expect(answer.body).toBe('hello');
  });

  it('drains a body over the limit, so the client receives the 413 and a clean close', async () => {
    const port = await echo(1024);
    for (const chunked of [false, true]) {
      const body = 'x'.repeat(500_000);
      const answer = chunked
        ? await rawExchange(
            port,
            head('POST / HTTP/1.1', { 'transfer-encoding': 'chunked' }),
            `${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`,
          )
        : await rawExchange(port, post(body.length), body);
      expect(answer.status, answer.text).toBe(413);
      expect(answer.body).toBe('too large');
      expect(answer.ended).toBe('closed');
    }
  });

  it('cuts the connection of a client that goes on sending far past the limit', async () => {
    const port = await echo(1024, 4096);
    const answer = await rawExchange(port, post(1_000_000), 'x'.repeat(1_000_000));
    expect(answer.status).toBeNull();
  });
});
