/**
 * The central account API simulator: a real HTTP server on 127.0.0.1 serving the route table
 * (core-routes.ts and any routes passed in) over the in-memory state built from a dataset.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock, Logger } from '../core/ports';
import { CORE_ROUTES } from './core-routes';
import { DIRECTORY_ROUTES } from './directory-routes';
import type { Dataset } from './dataset';
import { apiError, isJsonContentType, readBody, sendReply, type Reply } from './http';
import { createRouter, type Route, type SimulatorEnv, type SimulatorSettings } from './router';
import { CONTROL_PREFIX, handleControl } from './control';
import { createFaults, dropConnection, sendMalformed, type Faults } from './faults';
import { createIdempotencyStore, type IdempotencyStore } from './idempotency';
import { JOURNEY_ROUTES } from './journey-routes';
import { sealingKeyRoute, type SimulatorSealingKey } from './sealing-key';
import { createState, type SimulatorState } from './state';
import { DEFAULT_TOKEN_TTL_SECONDS, bearerToken } from './tokens';

export const SIMULATOR_VERSION = 'guichet-simulator/0.1.0';

export const DEFAULT_SETTINGS: SimulatorSettings = {
  timeZone: 'Europe/Paris',
  activationDelayMinutes: 15,
  tokenTtlSeconds: DEFAULT_TOKEN_TTL_SECONDS,
  version: SIMULATOR_VERSION,
  // The demo population's university (resources/institutions/umontpellier.json).
  passwordPolicy: { minLength: 8, recommendedLength: 12, forbiddenCharacters: '<>"\'$' },
  mailDomains: ['umontpellier.fr'],
  entUrl: 'https://ent.umontpellier.fr',
};

export interface SimulatorDeps {
  dataset: Dataset;
  clock: Clock;
  logger?: Logger;
  settings?: Partial<SimulatorSettings>;
  /** Endpoints served in addition to CORE_ROUTES. */
  routes?: readonly Route[];
  /** Serve the simulator-only control endpoints (/_simulator/…: faults, performed writes). */
  control?: boolean;
  /** The sealing key pair (default: one generated on first use, in memory). */
  sealingKey?: SimulatorSealingKey;
}

export interface Simulator {
  /** Starts listening on 127.0.0.1 (port 0, the default, picks a free port). */
  listen(port?: number): Promise<{ url: string; port: number }>;
  close(): Promise<void>;
  /** The live state, for later endpoints and for tests that need to look inside. */
  readonly state: SimulatorState;
  readonly routes: readonly Route[];
  /** Faults injected into the request pipeline (also reachable over /_simulator/faults). */
  readonly faults: Faults;
  /** Kept answers per Idempotency-Key, and the keyed writes actually performed. */
  readonly idempotency: IdempotencyStore;
  /**
   * Back to a fresh start on `dataset` without closing the port: new state (tokens, codes,
   * mailbox included), no kept answers, no faults. The sealing key is kept, as a real API's is.
   */
  reset(dataset: Dataset): void;
}

const silent: Logger = { info() {}, warn() {}, error() {} };

function unauthorized(): Reply {
  return apiError(401, 'unauthorized', 'a valid bearer token is required', {
    'www-authenticate': 'Bearer',
  });
}

/** Runs one request through the router; every outcome is a Reply. */
async function dispatch(
  req: IncomingMessage,
  env: SimulatorEnv,
  match: ReturnType<typeof createRouter>,
  idempotency: IdempotencyStore,
): Promise<{ reply: Reply; route: string }> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const found = match(req.method ?? 'GET', url.pathname);
  switch (found.kind) {
    case 'not_found':
      return { reply: apiError(404, 'not_found', 'no such endpoint'), route: 'unmatched' };
    case 'bad_path':
      return { reply: apiError(400, 'invalid_request', 'malformed path'), route: 'unmatched' };
    case 'method_not_allowed':
      return {
        reply: apiError(405, 'invalid_request', 'method not allowed', {
          allow: found.allow.join(', '),
        }),
        route: 'unmatched',
      };
    case 'found':
      break;
  }
  const { route, params } = found;
  const done = (reply: Reply) => ({ reply, route: `${route.method} ${route.path}` });

  let device: { deviceId: string } | null = null;
  if (route.auth === 'kiosk') {
    const token = bearerToken(req.headers.authorization);
    device = token === null ? null : env.state.tokens.verify(token);
    if (!device) return done(unauthorized());
  }

  let body: unknown = undefined;
  let bodyText = '';
  if (route.body) {
    // Requiring JSON keeps a web page from posting here without a CORS preflight.
    if (!isJsonContentType(req.headers['content-type'])) {
      return done(apiError(415, 'invalid_request', 'content-type must be application/json'));
    }
    const read = await readBody(req);
    if (!read.ok) {
      const reply = apiError(413, 'invalid_request', 'request body too large', {
        connection: 'close',
      });
      return done(reply);
    }
    bodyText = read.text;
    let data: unknown;
    try {
      data = JSON.parse(read.text);
    } catch {
      return done(apiError(400, 'invalid_request', 'body is not valid JSON'));
    }
    const parsed = route.body.safeParse(data);
    if (!parsed.success) {
      // Key paths only: the values may be a student number or a birth date.
      const fields = parsed.error.issues.map((i) => i.path.join('.') || '(body)').join(', ');
      return done(apiError(400, 'invalid_request', `invalid fields: ${fields}`));
    }
    body = parsed.data;
  }

  const ctx = { params, query: url.searchParams, body, headers: req.headers, device, env };
  // Every write route honours Idempotency-Key here, so that no handler has to.
  const key = req.headers['idempotency-key'];
  const write = {
    method: route.method,
    route: `${route.method} ${route.path}`,
    path: url.pathname,
    deviceId: device?.deviceId ?? null,
    key: typeof key === 'string' ? key : undefined,
    bodyText,
  };
  return done(await idempotency.run(write, () => route.handle(ctx)));
}

/** Creates a simulator over `dataset`; nothing listens until `listen` is called. */
export function createSimulator(deps: SimulatorDeps): Simulator {
  const settings: SimulatorSettings = { ...DEFAULT_SETTINGS, ...deps.settings };
  const logger = deps.logger ?? silent;
  const state = createState(deps.dataset, deps.clock, settings.tokenTtlSeconds, deps.sealingKey);
  const env: SimulatorEnv = { state, clock: deps.clock, logger, settings };
  const routes = [
    ...CORE_ROUTES,
    ...DIRECTORY_ROUTES,
    sealingKeyRoute,
    ...JOURNEY_ROUTES,
    ...(deps.routes ?? []),
  ];
  const match = createRouter(routes);
  const faults = createFaults();
  let idempotency = createIdempotencyStore(deps.clock);

  async function onRequest(req: IncomingMessage, res: ServerResponse) {
    const started = performance.now();
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (deps.control && pathname.startsWith(CONTROL_PREFIX)) {
      const reply = await handleControl(req, pathname, faults, idempotency);
      if (reply) return sendReply(res, reply);
    }
    // Injected faults (faults.ts) act before and after the request is handled.
    const fault = await faults.before(pathname);
    if (fault.kind === 'drop') return dropConnection(req, res);
    let outcome: { reply: Reply; route: string };
    try {
      outcome =
        fault.kind === 'reply'
          ? { reply: fault.reply, route: 'fault' }
          : await dispatch(req, env, match, idempotency);
    } catch (error) {
      logger.error('simulator: handler failed', { error: (error as Error).message });
      outcome = { reply: apiError(500, 'internal', 'internal error'), route: 'failed' };
    }
    if (res.headersSent || res.destroyed) return;
    if (fault.kind === 'handle' && fault.after === 'reset') return dropConnection(req, res);
    if (fault.kind === 'handle' && fault.after === 'malformed') sendMalformed(res, outcome.reply);
    else sendReply(res, outcome.reply);
    // The route template, never the path: a path may hold an identifier.
    logger.info('simulator: request', {
      method: req.method,
      route: outcome.route,
      status: outcome.reply.status,
      ms: Math.round(performance.now() - started),
    });
  }

  const server = createServer((req, res) => void onRequest(req, res));
  let listening = false;

  return {
    get state() {
      return env.state;
    },
    routes,
    faults,
    get idempotency() {
      return idempotency;
    },
    reset(dataset) {
      env.state = createState(dataset, deps.clock, settings.tokenTtlSeconds, env.state.sealing);
      idempotency = createIdempotencyStore(deps.clock);
      faults.clear();
    },
    listen(port = 0) {
      if (listening) return Promise.reject(new Error('The simulator is already listening'));
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        // Loopback only: the simulator holds (made-up) personal data and has no TLS.
        server.listen({ port, host: '127.0.0.1' }, () => {
          server.off('error', reject);
          listening = true;
          const address = server.address() as AddressInfo;
          resolve({ url: `http://127.0.0.1:${address.port}`, port: address.port });
        });
      });
    },
    close() {
      if (!listening) return Promise.resolve();
      listening = false;
      return new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive connections would otherwise hold close() open for seconds.
        server.closeAllConnections();
      });
    },
  };
}
