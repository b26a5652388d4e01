/**
 * What every loopback HTTP server of the kiosk shares (the web host, the simulator, any later
 * one): a request target that is not a URL is answered 400, a handler that throws or rejects is
 * answered 500 and logged, and bytes the HTTP parser refuses get a 400 before the connection
 * closes. Nothing a client sends may end the process: the demo simulator runs inside the kiosk.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from '../core/ports';

export interface SafeServerOptions {
  /** Names the server in its log lines ("web host", "simulator"). */
  name: string;
  logger: Logger;
  /** The server's own typed JSON error body for an HTTP status (400, 408, 413, 431, 500). */
  errorBody(status: number): unknown;
  /** Headers added to every error answer (e.g. the web host's security headers). */
  headers?: Readonly<Record<string, string>>;
}

/** A request handler that receives the request target already parsed. */
export type SafeHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
) => void | Promise<void>;

const BASE = 'http://127.0.0.1';
// RFC 3986: a path is segments of pchar (unreserved, sub-delims, ":", "@", or "%" and two hex
// digits). The URL parser forgives much more ("//[", "/%"); a server should not guess.
const ORIGIN_FORM_PATH = /^(?:\/(?:[\w\-.~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})*)+$/;
// The query is passed on as it came; the HTTP parser has already refused controls and spaces.
const QUERY = /^[^#]*$/;

/**
 * Parses a request target into a URL on a fixed origin; null when it is not a valid target.
 * Only the path and query count: a server on 127.0.0.1 does not route on a client's host name.
 */
export function parseTarget(target: string | undefined): URL | null {
  if (!target) return null;
  try {
    // Origin-form ("/path?q"), what browsers and our client send. Appended to a fixed origin so
    // that "//x" stays a path instead of being read as a host.
    if (target.startsWith('/')) {
      const mark = target.indexOf('?');
      const path = mark === -1 ? target : target.slice(0, mark);
      const query = mark === -1 ? '' : target.slice(mark + 1);
      if (!ORIGIN_FORM_PATH.test(path) || !QUERY.test(query)) return null;
      return new URL(BASE + target);
    }
    // Absolute-form ("http://host/path"): servers must accept it (RFC 9112, 3.2.2).
    if (/^https?:\/\//i.test(target)) {
      const parsed = new URL(target);
      return new URL(BASE + parsed.pathname + parsed.search);
    }
  } catch {
    // `new URL` throws on "http://[", "http://a:b:c/", "http://%/" …: a client's mistake.
  }
  return null;
}

/** What may be logged of an error: its kind, never its message (it may quote the input). */
function errorKind(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: typeof error };
  const code = (error as NodeJS.ErrnoException).code;
  return code === undefined ? { error: error.name } : { error: error.name, code };
}

/** Writes a typed JSON error, unless an answer has started (then the connection is cut). */
export function sendError(res: ServerResponse, status: number, options: SafeServerOptions): void {
  if (res.headersSent || res.destroyed) {
    res.destroy();
    return;
  }
  const text = JSON.stringify(options.errorBody(status));
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...options.headers,
  });
  res.end(text);
}

/**
 * Wraps a handler: 400 for a target that is not a URL, 500 (logged) for a handler that throws or
 * rejects. The request is never left unanswered and no error escapes to the process.
 */
export function safeListener(
  handler: SafeHandler,
  options: SafeServerOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const fail = (error: unknown) => {
      // The method and the error's kind only: a path may hold an identifier.
      options.logger.error(`${options.name}: request failed`, {
        method: req.method,
        ...errorKind(error),
      });
      try {
        sendError(res, 500, options);
      } catch {
        res.destroy();
      }
    };
    const url = parseTarget(req.url);
    if (url === null) {
      options.logger.warn(`${options.name}: refused a request target that is not a URL`, {
        method: req.method,
      });
      return sendError(res, 400, options);
    }
    try {
      Promise.resolve(handler(req, res, url)).catch(fail);
    } catch (error) {
      fail(error);
    }
  };
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  431: 'Request Header Fields Too Large',
};

/**
 * Answers what the HTTP parser refused (garbage, oversized headers, a timeout) with a typed
 * JSON error, then closes that connection; other connections go on being served.
 */
export function guardClientErrors(server: Server, options: SafeServerOptions): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    const status =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? 431
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? 408
          : 400;
    // Node's own rule: never write into an answer that has already started on this socket.
    const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse | null })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    const text = JSON.stringify(options.errorBody(status));
    const head = [
      `HTTP/1.1 ${status} ${REASONS[status] ?? 'Bad Request'}`,
      'content-type: application/json; charset=utf-8',
      `content-length: ${Buffer.byteLength(text)}`,
      'cache-control: no-store',
      'connection: close',
    ];
    socket.end(`${head.join('\r\n')}\r\n\r\n${text}`, () => socket.destroy());
  });
}

/** An HTTP server whose handler and parser errors can never end the process (see above). */
export function createSafeServer(handler: SafeHandler, options: SafeServerOptions): Server {
  const server = createServer(safeListener(handler, options));
  guardClientErrors(server, options);
  return server;
}
