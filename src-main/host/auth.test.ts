import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createHostAuth, SESSION_LIFETIME_MS, TOKEN_HEADER } from './auth';

const ORIGIN = 'http://127.0.0.1:5173';

/** The parts of a request the host's authentication reads. */
function request(method: string, headers: Record<string, string>): IncomingMessage {
  return { method, headers } as unknown as IncomingMessage;
}

function started(now: () => number = Date.now) {
  const auth = createHostAuth({ token: 'the-token-of-this-run', now });
  auth.bind(ORIGIN, 5173);
  return auth;
}

const exchange = (auth: ReturnType<typeof createHostAuth>) =>
  auth.exchange(request('POST', { [TOKEN_HEADER]: auth.token, origin: ORIGIN }));

/** A page's call with the cookie a browser would send back from `setCookie`. */
const call = (setCookie: string, method = 'POST') =>
  request(method, { cookie: setCookie.split(';')[0]!, origin: ORIGIN });

describe('the web host token', () => {
  it('buys one session cookie, and nothing afterwards', () => {
    const auth = started();
    const cookie = exchange(auth);
    expect(cookie).toMatch(/^guichet-session-5173=[\w-]{43}; /);
    expect(exchange(auth)).toBeNull();
    expect(exchange(auth)).toBeNull();
    // The session it bought stays good.
    expect(auth.allows(call(cookie!))).toBe(true);
  });

  it('never opens a call by itself, before or after the exchange', () => {
    const auth = started();
    const withToken = request('POST', { [TOKEN_HEADER]: auth.token, origin: ORIGIN });
    expect(auth.allows(withToken)).toBe(false);
    exchange(auth);
    expect(auth.allows(withToken)).toBe(false);
    expect(auth.allows(request('GET', { [TOKEN_HEADER]: auth.token }))).toBe(false);
  });

  it('is not spent by a wrong guess or a call from another origin', () => {
    const auth = started();
    expect(auth.exchange(request('POST', { [TOKEN_HEADER]: 'guess', origin: ORIGIN }))).toBeNull();
    const elsewhere = { [TOKEN_HEADER]: auth.token, origin: 'http://127.0.0.1:1' };
    expect(auth.exchange(request('POST', elsewhere))).toBeNull();
    expect(exchange(auth)).not.toBeNull();
  });
});

describe('the web host session', () => {
  it('lasts SESSION_LIFETIME_MS, in the cookie and at the host', () => {
    let clock = 1_000_000;
    const auth = started(() => clock);
    const cookie = exchange(auth)!;
    expect(cookie.split('; ').slice(1)).toEqual([
      'HttpOnly',
      'SameSite=Strict',
      'Path=/',
      `Max-Age=${SESSION_LIFETIME_MS / 1000}`,
    ]);
    expect(SESSION_LIFETIME_MS).toBe(12 * 60 * 60 * 1000);
    clock += SESSION_LIFETIME_MS - 1;
    expect(auth.allows(call(cookie))).toBe(true);
    expect(auth.allows(call(cookie, 'GET'))).toBe(true);
    // A browser drops the cookie then; a copy of it kept and sent later is refused all the same.
    clock += 1;
    expect(auth.allows(call(cookie))).toBe(false);
    expect(auth.allows(call(cookie, 'GET'))).toBe(false);
  });

  it('does not exist before the exchange', () => {
    const auth = started();
    const guess = 'guichet-session-5173=' + 'A'.repeat(43);
    expect(auth.allows(call(guess))).toBe(false);
  });
});
