/**
 * Who may call the web host. The per-run token is single-use: the renderer reads it from the URL
 * fragment and exchanges it, once, at POST /session for an HttpOnly, SameSite=Strict cookie; from
 * then on the token is dead. The first URL stays in the browser's history (and in a terminal's
 * scroll-back), so whoever finds it there later gets nothing: a second exchange is refused, and
 * no other request accepts the token, in a header or anywhere else. Later calls present the
 * cookie, from the host's own origin, for SESSION_LIFETIME_MS at most; after that, or once the
 * host restarts (new token, new session secret), the page must be opened again with the new URL
 * the host prints. A tool does what the page does: it exchanges the token and sends the cookie.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The one header the token travels in, to POST /session only. */
export const TOKEN_HEADER = 'x-guichet-token';

/** A working day of a trainer's or developer's session; a restart of the host ends it sooner. */
export const SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000;

export interface HostAuthOptions {
  /** A fresh random token by default. */
  token?: string;
  /** The clock the session's lifetime is measured with. */
  now?: () => number;
}

export interface HostAuth {
  readonly token: string;
  /** Called once listening: the origin calls must come from, and the port naming the cookie. */
  bind(origin: string, port: number): void;
  /** True for a call from the host's own origin presenting the live session cookie. */
  allows(req: IncomingMessage): boolean;
  /**
   * The Set-Cookie header for the first request that proves the token (POST /session), after
   * which the token is spent; null for any other request, that one again included.
   */
  exchange(req: IncomingMessage): string | null;
}

function same(given: string | undefined, expected: Buffer): boolean {
  if (given === undefined) return false;
  const buffer = Buffer.from(given);
  return buffer.length === expected.length && timingSafeEqual(buffer, expected);
}

/** Every value of the cookie `name` in a Cookie header (a browser may send several). */
function cookieValues(header: string | undefined, name: string): string[] {
  if (!header) return [];
  return header
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => pair.startsWith(`${name}=`))
    .map((pair) => pair.slice(name.length + 1));
}

/** The web host's authentication: one token, one exchange, one session of bounded life. */
export function createHostAuth(options: HostAuthOptions = {}): HostAuth {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const now = options.now ?? Date.now;
  // Forgotten at the exchange: nothing in this process can accept the token afterwards.
  let expectedToken: Buffer | null = Buffer.from(token);
  // Distinct from the token: the cookie proves a session, it does not carry the token around.
  const expectedSession = Buffer.from(randomBytes(32).toString('base64url'));
  // When the session ends, measured by the host: a cookie kept past its Max-Age is refused too.
  let sessionEnds = 0;
  let origin = '';
  // Cookies are scoped to a host, not a port: the port in the name keeps two kiosks apart.
  let cookieName = 'guichet-session';

  const fromOwnOrigin = (req: IncomingMessage): boolean => {
    const from = req.headers.origin;
    if (from !== undefined && from !== origin) return false;
    // A page on another port of 127.0.0.1 is "same-site", so SameSite=Strict still sends it the
    // cookie; the browser's Sec-Fetch-Site header tells it apart from our own page.
    const site = req.headers['sec-fetch-site'];
    return site === undefined || site === 'same-origin';
  };
  const headerToken = (req: IncomingMessage): string | undefined => {
    const value = req.headers[TOKEN_HEADER];
    return typeof value === 'string' ? value : undefined;
  };

  return {
    token,
    bind(own, port) {
      origin = own;
      cookieName = `guichet-session-${port}`;
    },
    allows(req) {
      if (!fromOwnOrigin(req) || now() >= sessionEnds) return false;
      const session = cookieValues(req.headers.cookie, cookieName).some((value) =>
        same(value, expectedSession),
      );
      // Browsers send Origin with every POST: a cookie-borne write without it is not our page.
      return session && (req.method === 'GET' || req.headers.origin === origin);
    },
    exchange(req) {
      if (expectedToken === null || !fromOwnOrigin(req)) return null;
      if (!same(headerToken(req), expectedToken)) return null;
      // Spent before the answer is written: a second request, even a concurrent one, is refused.
      expectedToken = null;
      sessionEnds = now() + SESSION_LIFETIME_MS;
      const attributes = `HttpOnly; SameSite=Strict; Path=/; Max-Age=${SESSION_LIFETIME_MS / 1000}`;
      return `${cookieName}=${expectedSession.toString()}; ${attributes}`;
    },
  };
}
