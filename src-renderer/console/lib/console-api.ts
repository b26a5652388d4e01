/**
 * The console page's client of its own JSON endpoints (/console/api/…): every request with the
 * session cookie (same origin), state-changing ones with the session's X-CSRF-Token; every
 * failure as a typed error the screens translate. A 401 past sign-in means the session ended.
 */
import type {
  FleetAnswer,
  KioskPageAnswer,
  SessionAnswer,
  StaffActionsAnswer,
} from './console-wire';
import { AUTO_REFRESH_HEADER, CONSOLE_API } from '../../../src-main/core/console-view';

export { CONSOLE_API };

/** Why a request failed, in the kinds the screens have words for. */
export type ConsoleError =
  /** Sign-in refused (wrong password, unknown uid, not a supervisor): one answer for all. */
  | { kind: 'refused' }
  /** The session ended (signed out, idle, expired): back to sign-in. */
  | { kind: 'signed_out' }
  | { kind: 'rate_limited'; retryAfterSeconds: number }
  /** A backend (directory, database) could not answer: 503. */
  | { kind: 'unavailable' }
  /** No answer at all: the network, the listener. */
  | { kind: 'network' }
  | { kind: 'not_found' }
  | { kind: 'invalid' }
  | { kind: 'server' };

export type ConsoleResult<T> = { ok: true; value: T } | { ok: false; error: ConsoleError };

/** The filters of the staff actions, as the endpoint and its CSV take them. */
export interface ActionFilter {
  kiosk?: string;
  staff?: string;
  account?: string;
  action?: string;
  /** ISO instants: from included, to excluded. */
  from?: string;
  to?: string;
}

/** The query string of a filter (empty filters left out), in a stable order. */
export function filterQuery(filter: ActionFilter): string {
  const params = new URLSearchParams();
  for (const key of ['kiosk', 'staff', 'account', 'action', 'from', 'to'] as const) {
    const value = filter[key]?.trim();
    if (value) params.set(key, value);
  }
  const query = params.toString();
  return query === '' ? '' : `?${query}`;
}

/** Where the CSV export of the same filters is downloaded from. */
export function csvHref(filter: ActionFilter): string {
  return `${CONSOLE_API}/staff-actions.csv${filterQuery(filter)}`;
}

/** Seconds of a Retry-After header (seconds or an HTTP date); 60 when it says nothing usable. */
export function retryAfterSeconds(header: string | null, now: Date): number {
  if (header === null) return 60;
  if (/^\d+$/.test(header.trim())) return Math.max(1, Number(header.trim()));
  const at = Date.parse(header);
  return Number.isNaN(at) ? 60 : Math.max(1, Math.ceil((at - now.getTime()) / 1000));
}

/** The error a failed answer means; `signingIn` tells a refused sign-in from an ended session. */
export function errorOf(response: Response, signingIn: boolean, now: Date): ConsoleError {
  switch (response.status) {
    case 401:
      return { kind: signingIn ? 'refused' : 'signed_out' };
    case 429:
      return {
        kind: 'rate_limited',
        retryAfterSeconds: retryAfterSeconds(response.headers.get('retry-after'), now),
      };
    case 503:
      return { kind: 'unavailable' };
    case 404:
      return { kind: 'not_found' };
    case 400:
      return { kind: 'invalid' };
    default:
      return { kind: 'server' };
  }
}

export interface ConsoleApiDeps {
  fetch: typeof fetch;
  /** The console's origin; '' in the page (same origin), a URL in a test. */
  base: string;
  now: () => Date;
}

export class ConsoleApi {
  #csrf: string | null = null;
  readonly #deps: ConsoleApiDeps;

  constructor(deps: ConsoleApiDeps) {
    this.#deps = deps;
  }

  async #request<T>(
    path: string,
    init: { method?: string; body?: unknown; signingIn?: boolean; auto?: boolean } = {},
  ): Promise<ConsoleResult<T>> {
    const method = init.method ?? 'GET';
    const headers: Record<string, string> = { accept: 'application/json' };
    if (init.auto) headers[AUTO_REFRESH_HEADER] = '1';
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && this.#csrf !== null) headers['x-csrf-token'] = this.#csrf;
    let response: Response;
    try {
      response = await this.#deps.fetch(`${this.#deps.base}${CONSOLE_API}${path}`, {
        method,
        headers,
        credentials: 'same-origin',
        cache: 'no-store',
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
    } catch {
      return { ok: false, error: { kind: 'network' } };
    }
    if (!response.ok)
      return { ok: false, error: errorOf(response, init.signingIn ?? false, this.#deps.now()) };
    if (response.status === 204) return { ok: true, value: undefined as T };
    try {
      return { ok: true, value: (await response.json()) as T };
    } catch {
      return { ok: false, error: { kind: 'server' } };
    }
  }

  #keep(result: ConsoleResult<SessionAnswer>): ConsoleResult<SessionAnswer> {
    if (result.ok) this.#csrf = result.value.csrfToken;
    return result;
  }

  /** The session this browser holds, if any (a reload keeps it: the cookie is HttpOnly). */
  async session(): Promise<ConsoleResult<SessionAnswer>> {
    return this.#keep(await this.#request<SessionAnswer>('/session'));
  }

  async signIn(uid: string, password: string): Promise<ConsoleResult<SessionAnswer>> {
    return this.#keep(
      await this.#request<SessionAnswer>('/session', {
        method: 'POST',
        body: { uid, password },
        signingIn: true,
      }),
    );
  }

  async signOut(): Promise<ConsoleResult<void>> {
    const result = await this.#request<void>('/session', { method: 'DELETE' });
    this.#csrf = null;
    return result;
  }

  /** `auto`: the page's own timer asks, not the supervisor (refresh.ts). */
  fleet(auto = false): Promise<ConsoleResult<FleetAnswer>> {
    return this.#request<FleetAnswer>('/fleet', { auto });
  }

  kiosk(deviceId: string, auto = false): Promise<ConsoleResult<KioskPageAnswer>> {
    return this.#request<KioskPageAnswer>(`/kiosks/${encodeURIComponent(deviceId)}`, { auto });
  }

  /**
   * Marks the kiosk's refused uploads seen, up to `upTo`, the newest shown (they no longer flag
   * it); how many.
   */
  acknowledgeRefusals(
    deviceId: string,
    upTo: number,
  ): Promise<ConsoleResult<{ acknowledged: number }>> {
    return this.#request<{ acknowledged: number }>(
      `/kiosks/${encodeURIComponent(deviceId)}/refusals/acknowledge`,
      { method: 'POST', body: { upTo } },
    );
  }

  staffActions(filter: ActionFilter): Promise<ConsoleResult<StaffActionsAnswer>> {
    return this.#request<StaffActionsAnswer>(`/staff-actions${filterQuery(filter)}`);
  }
}
