import { timingSafeEqual, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, resolve, sep } from 'node:path';
import { RENDERER_CSP } from '../app/csp';
import type { KioskEvent } from '../ipc/contract';
import type { Dispatch } from '../ipc/dispatch';

export interface WebHostOptions {
  dispatch: Dispatch;
  rendererDir: string;
  /** Per-run random token by default; the renderer reads it from the URL fragment. */
  token?: string;
  /** Main's events, streamed to the renderer at GET /events (Server-Sent Events). */
  subscribe?: (listener: (event: KioskEvent) => void) => () => void;
}

const MAX_BODY_BYTES = 64 * 1024;
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};
const SECURITY_HEADERS = {
  'content-security-policy': RENDERER_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

function sameToken(given: string | undefined, expected: Buffer): boolean {
  if (!given) return false;
  const buffer = Buffer.from(given);
  return buffer.length === expected.length && timingSafeEqual(buffer, expected);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...SECURITY_HEADERS,
  });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('too_large');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

/** Resolves a URL path inside the renderer folder, or null when it would leave it. */
export function resolveStatic(rendererDir: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const root = resolve(rendererDir);
  const target = resolve(root, '.' + (decoded === '/' ? '/index.html' : decoded));
  return target.startsWith(root + sep) ? target : null;
}

/**
 * The web host: the same renderer build and the same IPC handlers as the Electron shell, over
 * loopback HTTP, for development and end-to-end tests in a real browser. Calls need the per-run
 * token and must come from the host's own origin.
 */
export function createWebHost(options: WebHostOptions) {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const expected = Buffer.from(token);
  let origin = '';

  async function handleRpc(req: IncomingMessage, res: ServerResponse, channel: string) {
    if (req.method !== 'POST')
      return sendJson(res, 405, { ok: false, error: { code: 'invalid_input' } });
    const header = req.headers['x-guichet-token'];
    const fromOrigin = req.headers.origin;
    if (
      !sameToken(typeof header === 'string' ? header : undefined, expected) ||
      (fromOrigin && fromOrigin !== origin)
    ) {
      return sendJson(res, 403, { ok: false, error: { code: 'auth' } });
    }
    let input: unknown;
    try {
      input = await readJson(req);
    } catch {
      return sendJson(res, 400, { ok: false, error: { code: 'invalid_input' } });
    }
    sendJson(res, 200, await options.dispatch(channel, input));
  }

  /** GET /events?token=…: an EventSource cannot send headers, so the token is in the query. */
  function handleEvents(req: IncomingMessage, res: ServerResponse, url: URL) {
    const fromOrigin = req.headers.origin;
    if (
      !sameToken(url.searchParams.get('token') ?? undefined, expected) ||
      (fromOrigin && fromOrigin !== origin)
    ) {
      return sendJson(res, 403, { ok: false, error: { code: 'auth' } });
    }
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

  async function handleStatic(res: ServerResponse, path: string) {
    const file = resolveStatic(options.rendererDir, path);
    const info = file ? await stat(file).catch(() => null) : null;
    if (!file || !info?.isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
      return res.end('Not found');
    }
    res.writeHead(200, {
      'content-type': MIME[extname(file)] ?? 'application/octet-stream',
      'content-length': info.size,
      'cache-control': 'no-cache',
      ...SECURITY_HEADERS,
    });
    createReadStream(file).pipe(res);
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://host.invalid');
    // Channel names are camelCase after the dot (activation.sendEmail): letters of both cases.
    const rpc = /^\/rpc\/([A-Za-z.]+)$/.exec(url.pathname);
    const work = rpc?.[1]
      ? handleRpc(req, res, rpc[1])
      : req.method === 'GET' && url.pathname === '/events'
        ? handleEvents(req, res, url)
        : req.method === 'GET'
          ? handleStatic(res, url.pathname)
          : sendJson(res, 405, {});
    Promise.resolve(work).catch(() => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal' } });
      else res.destroy();
    });
  });

  return {
    token,
    /** Listens on 127.0.0.1 only; returns the URL to open, token included in the fragment. */
    async listen(port = 0): Promise<{ url: string; origin: string; port: number }> {
      await new Promise<void>((done, fail) => {
        server.once('error', fail);
        server.listen(port, '127.0.0.1', () => done());
      });
      const actual = (server.address() as AddressInfo).port;
      origin = `http://127.0.0.1:${actual}`;
      return { url: `${origin}/#token=${token}`, origin, port: actual };
    },
    close(): Promise<void> {
      server.closeAllConnections();
      return new Promise((done) => server.close(() => done()));
    },
  };
}
