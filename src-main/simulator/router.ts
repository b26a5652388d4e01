/**
 * The simulator's route table: each endpoint is one `defineRoute` entry (method, path template,
 * authentication, body schema, handler), so a new endpoint is a new entry and nothing else.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { z } from 'zod';
import type { PasswordPolicy } from '../core/password-policy';
import type { Clock, Logger } from '../core/ports';
import type { StaffAction } from '../core/staff-roles';
import type { Backends } from './backends';
import type { Reply } from './http';
import type { StaffPrincipal } from './staff-state';
import type { SimulatorState } from './state';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface SimulatorSettings {
  /** Decides the current academic year. */
  timeZone: string;
  /** Activation opens this long after an enrolment is validated. */
  activationDelayMinutes: number;
  tokenTtlSeconds: number;
  /** A staff session ends after this long without a staff call. */
  staffSessionTtlSeconds: number;
  /** Reported by /v1/health. */
  version: string;
  /** Enforced on every new password (activation, change, reset). */
  passwordPolicy: PasswordPolicy;
  /** The university's own mail domains, refused as a redirection target. */
  mailDomains: readonly string[];
  /** The ENT, where the links of activation and reset e-mails point. */
  entUrl: string;
}

/** Everything a handler may use; passed in, so handlers stay plain functions. */
export interface SimulatorEnv {
  state: SimulatorState;
  /** Where identification and account status read, and attempt limits count (backends.ts). */
  backends: Backends;
  clock: Clock;
  logger: Logger;
  settings: SimulatorSettings;
}

export interface RouteContext<B> {
  params: Readonly<Record<string, string>>;
  query: URLSearchParams;
  body: B;
  headers: IncomingHttpHeaders;
  /** The kiosk device that presented the bearer token; null on public routes. */
  device: { deviceId: string } | null;
  /** The staff member of a valid staff session, on `staff` routes; null elsewhere. */
  staff: StaffPrincipal | null;
  env: SimulatorEnv;
  /**
   * A keyed write whose first attempt claimed the key and never answered (see KeyedAttempt):
   * what it wrote where no transaction reaches (the directory) may already be there.
   */
  resumed: boolean;
}

export interface Route {
  method: Method;
  /** Path template with `:name` segments, e.g. "/v1/accounts/:identifier". */
  path: string;
  /**
   * "kiosk": a valid bearer token from POST /v1/kiosk/token is required; "staff": that and a
   * valid staff session (X-Staff-Session) whose role allows `staffAction`.
   */
  auth: 'none' | 'kiosk' | 'staff';
  /** On `staff` routes: what the route does, checked against the role (core/staff-roles.ts). */
  staffAction?: StaffAction;
  /**
   * On `staff` routes: a kiosk may replay a queued write without a session, with the proof the
   * API issued to the agent's session for this action and account (X-Staff-Proof).
   */
  staffQueueable?: boolean;
  /** Schema of the JSON body; null for routes that take none. */
  body: z.ZodType | null;
  handle(ctx: RouteContext<unknown>): Reply | Promise<Reply>;
}

type BodyOf<S> = S extends z.ZodType ? z.infer<S> : undefined;

/** Declares a route with a handler typed after its body schema. */
export function defineRoute<S extends z.ZodType | null>(route: {
  method: Method;
  path: string;
  auth: Route['auth'];
  staffAction?: StaffAction;
  staffQueueable?: boolean;
  body: S;
  handle(ctx: RouteContext<BodyOf<S>>): Reply | Promise<Reply>;
}): Route {
  // The server only calls `handle` with a body that `route.body` has already parsed.
  return route as Route;
}

/**
 * Turns a path builder from wire.ts (e.g. PATHS.account) into a template ("/v1/accounts/:identifier"),
 * so that the simulator serves exactly the paths the client calls.
 */
export function pathTemplate(build: (...args: string[]) => string, ...names: string[]): string {
  let path = build(...names.map((_, i) => `__param${i}__`));
  names.forEach((name, i) => (path = path.replace(`__param${i}__`, `:${name}`)));
  return path;
}

export type Match =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'method_not_allowed'; allow: Method[] }
  | { kind: 'bad_path' }
  | { kind: 'not_found' };

function matchPath(template: string, pathname: string): Record<string, string> | null | 'bad' {
  const expected = template.split('/');
  const actual = pathname.split('/');
  if (expected.length !== actual.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < expected.length; i += 1) {
    const want = expected[i] ?? '';
    const got = actual[i] ?? '';
    if (!want.startsWith(':')) {
      if (want !== got) return null;
      continue;
    }
    if (got === '') return null;
    try {
      params[want.slice(1)] = decodeURIComponent(got);
    } catch {
      return 'bad';
    }
  }
  return params;
}

/** Builds the matcher; two routes with the same method and path are a programming error. */
export function createRouter(routes: readonly Route[]) {
  const seen = new Set<string>();
  for (const route of routes) {
    const key = `${route.method} ${route.path}`;
    if (seen.has(key)) throw new Error(`Duplicate simulator route ${key}`);
    seen.add(key);
  }
  return function match(method: string, pathname: string): Match {
    const allow: Method[] = [];
    for (const route of routes) {
      const params = matchPath(route.path, pathname);
      if (params === 'bad') return { kind: 'bad_path' };
      if (params === null) continue;
      if (route.method === method) return { kind: 'found', route, params };
      allow.push(route.method);
    }
    return allow.length > 0 ? { kind: 'method_not_allowed', allow } : { kind: 'not_found' };
  };
}
