import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { silentLogger } from '../app/logger';
import type { Logger } from '../core/ports';
import type { KioskEvent } from '../ipc/contract';
import type { Dispatch } from '../ipc/dispatch';
import { readBody } from '../net/body';
import { createSafeServer, type SafeServerOptions } from '../net/safe-server';
import { createHostAuth } from './auth';
import { SECURITY_HEADERS, serveStatic } from './static';

export { resolveStatic } from './static';

export interface WebHostOptions {
  dispatch: Dispatch;
  rendererDir: string;
  /** Per-run random and good for one exchange; the renderer reads it from the URL fragment. */
  token?: string;
  /** Main's events, streamed to the renderer at GET /events (Server-Sent Events). */
  subscribe?: (listener: (event: KioskEvent) => void) => () => void;
  /** Where refused and failed requests are reported (never their path or body). */
  logger?: Logger;
}

const MAX_BODY_BYTES = 64 * 1024;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...SECURITY_HEADERS,
  });
  res.end(text);
}

const refusal = (code: 'invalid_input' | 'auth' | 'internal') => ({ ok: false, error: { code } });

/**
 * The web host: the same renderer build and the same IPC handlers as the Electron shell, over
 * loopback HTTP, for development and end-to-end tests in a real browser. Calls must come from the
 * host's own origin and present the session cookie, which the per-run token buys once (auth.ts).
 */
export function createWebHost(options: WebHostOptions) {
  const auth = createHostAuth({ token: options.token });

  async function handleRpc(req: IncomingMessage, res: ServerResponse, channel: string) {
    if (req.method !== 'POST') return sendJson(res, 405, refusal('invalid_input'));
    if (!auth.allows(req)) return sendJson(res, 403, refusal('auth'));
    const body = await readBody(req, MAX_BODY_BYTES);
    if (!body.ok) return sendJson(res, 413, refusal('invalid_input'));
    let input: unknown;
    try {
      input = JSON.parse(body.text || '{}');
    } catch {
      return sendJson(res, 400, refusal('invalid_input'));
    }
    sendJson(res, 200, await options.dispatch(channel, input));
  }

  /** POST /session: the token, in a header, is traded for the session cookie, once per run. */
  function handleSession(req: IncomingMessage, res: ServerResponse) {
    if (req.method !== 'POST') return sendJson(res, 405, refusal('invalid_input'));
    const cookie = auth.exchange(req);
    if (cookie === null) return sendJson(res, 403, refusal('auth'));
    res.writeHead(204, { 'set-cookie': cookie, 'cache-control': 'no-store', ...SECURITY_HEADERS });
    res.end();
  }

  /** GET /events: Server-Sent Events; an EventSource sends the session cookie, not a token. */
  function handleEvents(req: IncomingMessage, res: ServerResponse) {
    if (!auth.allows(req)) return sendJson(res, 403, refusal('auth'));
    if (!options.subscribe) return sendJson(res, 404, {});
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      ...SECURITY_HEADERS,
    });
    res.write(': connected\n\n');
    const unsubscribe = options.subscribe((event) => {
      res.write(`event: ${event.name}\ndata: ${JSON.stringify(event.payload)}\n\n`);
    });
    req.once('close', unsubscribe);
  }

  const safety: SafeServerOptions = {
    name: 'web host',
    logger: options.logger ?? silentLogger,
    errorBody: (status) => refusal(status >= 500 ? 'internal' : 'invalid_input'),
    headers: SECURITY_HEADERS,
  };
  const server = createSafeServer(async (req, res, url) => {
    // Channel names are camelCase after the dot (activation.sendEmail): letters of both cases.
    const rpc = /^\/rpc\/([A-Za-z.]+)$/.exec(url.pathname);
    if (rpc?.[1]) return handleRpc(req, res, rpc[1]);
    if (url.pathname === '/session') return handleSession(req, res);
    if (req.method !== 'GET') return sendJson(res, 405, {});
    if (url.pathname === '/events') return handleEvents(req, res);
    return serveStatic(res, options.rendererDir, url.pathname);
  }, safety);

  return {
    token: auth.token,
    /** Listens on 127.0.0.1 only; returns the URL to open, token included in the fragment. */
    async listen(port = 0): Promise<{ url: string; origin: string; port: number }> {
      await new Promise<void>((done, fail) => {
        server.once('error', fail);
        server.listen(port, '127.0.0.1', () => done());
      });
      const actual = (server.address() as AddressInfo).port;
      const origin = `http://127.0.0.1:${actual}`;
      auth.bind(origin, actual);
      return { url: `${origin}/#token=${auth.token}`, origin, port: actual };
    },
    close(): Promise<void> {
      server.closeAllConnections();
      return new Promise((done) => server.close(() => done()));
    },
  };
}
