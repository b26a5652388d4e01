/**
 * Who may call the web host. The per-run token proves it once: the renderer reads it from the
 * URL fragment and exchanges it at POST /session for an HttpOnly, SameSite=Strict cookie, so that
 * no later URL carries it (browser history, logs). Later calls present that cookie from the host's
 * own origin. Tools and tests may still send the token in a header; never in a query string.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_HEADER = 'x-guichet-token';

export interface HostAuth {
  readonly token: string;
  /** Called once listening: the origin calls must come from, and the port naming the cookie. */
  bind(origin: string, port: number): void;
  /** True for a call from the host's own origin with the token header or the session cookie. */
  allows(req: IncomingMessage): boolean;
  /** The Set-Cookie header for a request that proves the token (POST /session); else null. */
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

/** The web host's authentication, with a fresh random token and session secret by default. */
export function createHostAuth(token = randomBytes(24).toString('base64url')): HostAuth {
  const expectedToken = Buffer.from(token);
  // Distinct from the token: the cookie proves a session, it does not carry the token around.
  const expectedSession = Buffer.from(randomBytes(32).toString('base64url'));
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
      if (!fromOwnOrigin(req)) return false;
      if (same(headerToken(req), expectedToken)) return true;
      const session = cookieValues(req.headers.cookie, cookieName).some((value) =>
        same(value, expectedSession),
      );
      // Browsers send Origin with every POST: a cookie-borne write without it is not our page.
      return session && (req.method === 'GET' || req.headers.origin === origin);
    },
    exchange(req) {
      if (!fromOwnOrigin(req) || !same(headerToken(req), expectedToken)) return null;
      return `${cookieName}=${expectedSession.toString()}; HttpOnly; SameSite=Strict; Path=/`;
    },
  };
}
