/**
 * The renderer's only way to main: a `KioskApi` built from the channel list, over the Electron
 * preload bridge when there is one, else over HTTP to the web host. Every call resolves to a
 * Reply: transport failures become error codes, never exceptions, so screens handle one shape.
 */
import { ERROR_CODES, failure } from '../../src-main/core/result';
import { CHANNELS, type Channel } from '../../src-main/ipc/channels';
import type { KioskApi, Reply } from '../../src-main/ipc/contract';

declare global {
  interface Window {
    /** Exposed by the Electron preload: one function per contract channel. */
    guichet?: KioskApi;
  }
}

type AnyReply = Reply<Channel>;
type Call = (channel: Channel, input: unknown) => Promise<AnyReply>;

/** Derives the client from CHANNELS, so a channel's name is written only in channels.ts. */
function fromChannels(call: Call): KioskApi {
  const entries = CHANNELS.map((channel) => [channel, (input: unknown) => call(channel, input)]);
  return Object.fromEntries(entries) as KioskApi;
}

const TOKEN_HEADER = 'x-guichet-token';

/** Reads the web host's token from `#token=…` and removes it from the address bar and history. */
export function takeToken(
  location: Pick<Location, 'hash' | 'pathname' | 'search'>,
  history: Pick<History, 'replaceState' | 'state'>,
): string | null {
  const token = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  if (token !== null) history.replaceState(history.state, '', location.pathname + location.search);
  return token || null;
}

type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/**
 * Trades the web host's token, once, for its HttpOnly session cookie (POST /session, the token in
 * a header), so that no later request carries the token and a reload needs no token at all.
 * Resolves to whether the host accepted it; never rejects.
 */
export async function openSession(token: string, fetch: Fetch): Promise<boolean> {
  try {
    const response = await fetch('/session', {
      method: 'POST',
      headers: { [TOKEN_HEADER]: token },
      cache: 'no-store',
      credentials: 'same-origin',
    });
    return response.ok;
  } catch {
    return false;
  }
}

/** Trusts only bodies shaped like a Reply, so a proxy's error page cannot reach the screens. */
function isReply(body: unknown): body is AnyReply {
  if (typeof body !== 'object' || body === null || !('ok' in body)) return false;
  if (body.ok === true) return 'value' in body;
  if (body.ok !== false || !('error' in body)) return false;
  const error = body.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    (ERROR_CODES as readonly unknown[]).includes(error.code)
  );
}

export interface HttpTransport {
  fetch: Fetch;
  /** Settles once the session cookie is in place (see openSession); calls wait for it. */
  ready?: Promise<unknown>;
}

/** The web host's transport: `POST /rpc/<channel>` with the JSON input; the cookie proves who. */
export function createHttpKioskApi({ fetch, ready }: HttpTransport): KioskApi {
  return fromChannels(async (channel, input) => {
    await ready;
    let response: Response;
    try {
      response = await fetch(`/rpc/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input),
        cache: 'no-store',
        credentials: 'same-origin',
      });
    } catch {
      return failure('network');
    }
    if (response.status === 401 || response.status === 403) return failure('auth');
    if (response.status === 429) return failure('rate_limited');
    if (!response.ok) return failure(response.status >= 500 ? 'server' : 'internal');
    try {
      const body: unknown = await response.json();
      return isReply(body) ? body : failure('malformed_response');
    } catch {
      return failure('malformed_response');
    }
  });
}

/** Electron's transport: the preload bridge; a rejected call becomes `internal`. */
export function createBridgeKioskApi(bridge: KioskApi): KioskApi {
  return fromChannels(async (channel, input) => {
    try {
      const send = bridge[channel] as (input: unknown) => Promise<AnyReply>;
      return await send(input);
    } catch {
      return failure('internal');
    }
  });
}
