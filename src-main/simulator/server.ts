/**
 * The central account API simulator: a real HTTP server on 127.0.0.1 serving the route table
 * (core-routes.ts and any routes passed in) over the in-memory state built from a dataset.
 */
import { heartbeatRoute } from './fleet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { API_CONTRACT } from '../app/paths';
import type { Clock, Logger } from '../core/ports';
import {
  responseProblems,
  sharedContract,
  type Contract,
  type ContractOperation,
} from './contract';
import { CORE_ROUTES } from './core-routes';
import { DIRECTORY_ROUTES } from './directory-routes';
import type { Dataset } from './dataset';
import { createSafeServer } from '../net/safe-server';
import { apiError, sendReply, type Reply } from './http';
import { createRouter, type Route, type SimulatorEnv, type SimulatorSettings } from './router';
import { CONTROL_PREFIX, handleControl } from './control';
import { createFaults, dropConnection, sendMalformed, type Faults } from './faults';
import { createIdempotencyStore, type IdempotencyStore } from './idempotency';
import { JOURNEY_ROUTES } from './journey-routes';
import { authorizeStaff } from './staff-auth';
import { STAFF_ROUTES } from './staff-routes';
import { DEFAULT_STAFF_SESSION_TTL_SECONDS, type StaffPrincipal } from './staff-state';
import { readRequest } from './request';
import { sealingKeyRoute, type SimulatorSealingKey } from './sealing-key';
import { createState, type SimulatorState } from './state';
import { memoryBackends, type Backends, type FleetStore } from './backends';
import { DEFAULT_TOKEN_TTL_SECONDS, bearerToken } from './tokens';

export const SIMULATOR_VERSION = 'guichet-simulator/0.1.0';

export const DEFAULT_SETTINGS: SimulatorSettings = {
  timeZone: 'Europe/Paris',
  activationDelayMinutes: 15,
  tokenTtlSeconds: DEFAULT_TOKEN_TTL_SECONDS,
  staffSessionTtlSeconds: DEFAULT_STAFF_SESSION_TTL_SECONDS,
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
  /** Told of every answered request: its route template, status and time (server metrics). */
  observe?: (request: { route: string; status: number; seconds: number }) => void;
  settings?: Partial<SimulatorSettings>;
  /** Endpoints served in addition to CORE_ROUTES. */
  routes?: readonly Route[];
  /** Serve the simulator-only control endpoints (/_simulator/…: faults, performed writes). */
  control?: boolean;
  /** The sealing key pair (default: one generated on first use, in memory). */
  sealingKey?: SimulatorSealingKey;
  /** The contract requests are validated against (default: resources/openapi.yaml). */
  contract?: Contract;
  /**
   * Check every answer against the contract too, and turn one that breaks it into a 500 that
   * says why (default: on when GUICHET_SIMULATOR_CHECK_RESPONSES=1, as in the tests).
   */
  checkResponses?: boolean;
  /**
   * The Guichet server's real backends (src-server) in place of the simulator's memory ones;
   * `routes` then replaces the route table, since only the routes ported to them are served.
   */
  server?: {
    backends: Partial<Backends>;
    idempotency: IdempotencyStore;
    routes: readonly Route[];
  };
}

export interface Simulator {
  /** Starts listening on `host` (127.0.0.1 by default; port 0, the default, picks a free port). */
  listen(port?: number, host?: string): Promise<{ url: string; port: number }>;
  close(): Promise<void>;
  /** The live state, for later endpoints and for tests that need to look inside. */
  readonly state: SimulatorState;
  readonly routes: readonly Route[];
  /** Faults injected into the request pipeline (also reachable over /_simulator/faults). */
  readonly faults: Faults;
  /** Kept answers per Idempotency-Key, and the keyed writes actually performed. */
  readonly idempotency: IdempotencyStore;
  /** Answers that broke the contract (only collected when responses are checked). */
  readonly contractViolations: readonly string[];
  /** The kiosks' heartbeats, as the help desk's view of the fleet reads them. */
  readonly fleet: FleetStore;
  /**
   * Back to a fresh start on `dataset` without closing the port: new state (tokens, codes,
   * mailbox included), no kept answers, no faults. The sealing key is kept, as a real API's is.
   */
  reset(dataset: Dataset): void;
}

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * A handler that threw: a backend that cannot be reached (the Guichet server's directory or
 * database: errors with `unavailable: true`) is a 503 the kiosk retries, anything else a 500.
 */
function failureReply(error: unknown, logger: Logger): Reply {
  if ((error as { unavailable?: unknown } | null)?.unavailable === true) {
    logger.warn('server: a backend is unavailable', { error: (error as Error).message });
    return apiError(503, 'unavailable', 'a backend is unavailable, try again later', {
      'retry-after': '5',
    });
  }
  logger.error('simulator: handler failed', { error: (error as Error).message });
  return apiError(500, 'internal', 'internal error');
}

function unauthorized(): Reply {
  return apiError(401, 'unauthorized', 'a valid bearer token is required', {
    'www-authenticate': 'Bearer',
  });
}

interface Pipeline {
  env: SimulatorEnv;
  match: ReturnType<typeof createRouter>;
  idempotency: IdempotencyStore;
  contract: Contract;
  /** Called with each answer to a documented operation, when responses are checked. */
  checkResponse: ((operation: ContractOperation, reply: Reply) => Reply) | null;
}

/** Runs one request through the router; every outcome is a Reply. */
async function dispatch(
  req: IncomingMessage,
  url: URL,
  { env, match, idempotency, contract, checkResponse }: Pipeline,
): Promise<{ reply: Reply; route: string }> {
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
  // Control routes (/_simulator/…) are the simulator's own, outside the contract.
  const operation = contract.operation(route.method, route.path);
  const done = (reply: Reply) => ({
    reply: operation && checkResponse ? checkResponse(operation, reply) : reply,
    route: `${route.method} ${route.path}`,
  });

  let device: { deviceId: string } | null = null;
  if (route.auth !== 'none') {
    const token = bearerToken(req.headers.authorization);
    device = token === null ? null : await env.backends.devices.verifyToken(token);
    if (!device) return done(unauthorized());
  }
  let staff: StaffPrincipal | null = null;
  if (route.auth === 'staff' && device) {
    const checked = await authorizeStaff(env, req.headers, device.deviceId, route, params);
    if (!checked.ok) return done(checked.reply);
    staff = checked.staff;
  }

  const read = await readRequest(req, route, operation, { params, query: url.searchParams });
  if (!read.ok) return done(read.reply);
  const { body, bodyText } = read;

  const ctx = { params, query: url.searchParams, body, headers: req.headers, device, staff, env };
  // Every write route honours Idempotency-Key here, so that no handler has to; a documented
  // operation only where the contract declares the key (a token or identify call has none).
  const key = operation?.keyed === false ? undefined : req.headers['idempotency-key'];
  const write = {
    method: route.method,
    route: `${route.method} ${route.path}`,
    path: url.pathname,
    deviceId: device?.deviceId ?? null,
    key: typeof key === 'string' ? key : undefined,
    bodyText,
  };
  return done(await idempotency.run(write, ({ resumed }) => route.handle({ ...ctx, resumed })));
}

/** Creates a simulator over `dataset`; nothing listens until `listen` is called. */
export function createSimulator(deps: SimulatorDeps): Simulator {
  const settings: SimulatorSettings = { ...DEFAULT_SETTINGS, ...deps.settings };
  const logger = deps.logger ?? silent;
  const state = createState(deps.dataset, deps.clock, settings.tokenTtlSeconds, deps.sealingKey);
  const env: SimulatorEnv = {
    state,
    backends: {
      ...memoryBackends(() => env.state, settings.activationDelayMinutes),
      ...deps.server?.backends,
    },
    clock: deps.clock,
    logger,
    settings,
  };
  const routes = deps.server?.routes ?? [
    ...CORE_ROUTES,
    ...DIRECTORY_ROUTES,
    sealingKeyRoute,
    ...JOURNEY_ROUTES,
    ...STAFF_ROUTES,
    heartbeatRoute,
    ...(deps.routes ?? []),
  ];
  const match = createRouter(routes);
  const faults = createFaults();
  let idempotency = deps.server?.idempotency ?? createIdempotencyStore(deps.clock);
  const contract = deps.contract ?? sharedContract(API_CONTRACT);
  const contractViolations: string[] = [];
  const checking = deps.checkResponses ?? process.env.GUICHET_SIMULATOR_CHECK_RESPONSES === '1';
  const checkResponse = (operation: ContractOperation, reply: Reply): Reply => {
    const problems = responseProblems(operation, reply.status, reply.body);
    if (problems.length === 0) return reply;
    const report = `${operation.operationId} answered off-contract: ${problems.join('; ')}`;
    contractViolations.push(report);
    logger.error('simulator: answer breaks resources/openapi.yaml', { report });
    return apiError(500, 'internal', report);
  };
  const pipeline: Pipeline = {
    env,
    match,
    idempotency,
    contract,
    checkResponse: checking ? checkResponse : null,
  };

  async function onRequest(req: IncomingMessage, res: ServerResponse, url: URL) {
    const started = performance.now();
    const pathname = url.pathname;
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
          : await dispatch(req, url, pipeline);
    } catch (error) {
      outcome = { reply: failureReply(error, logger), route: 'failed' };
    }
    if (res.headersSent || res.destroyed) return;
    if (fault.kind === 'handle' && fault.after === 'reset') return dropConnection(req, res);
    if (fault.kind === 'handle' && fault.after === 'malformed') sendMalformed(res, outcome.reply);
    else sendReply(res, outcome.reply);
    deps.observe?.({
      route: outcome.route,
      status: outcome.reply.status,
      seconds: (performance.now() - started) / 1000,
    });
    // The route template, never the path: a path may hold an identifier. Debug: every request.
    logger.debug('simulator: request', {
      method: req.method,
      route: outcome.route,
      status: outcome.reply.status,
      ms: Math.round(performance.now() - started),
    });
  }

  // A request target that is not a URL gets a 400, an unexpected error a 500: in demo mode this
  // server runs inside the kiosk, so nothing a client sends may reach the process.
  const server = createSafeServer(onRequest, {
    name: 'simulator',
    logger,
    errorBody: (status) =>
      status >= 500
        ? apiError(status, 'internal', 'internal error').body
        : apiError(status, 'invalid_request', 'malformed request').body,
  });
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
    contractViolations,
    fleet: env.backends.fleet,
    reset(dataset) {
      env.state = createState(dataset, deps.clock, settings.tokenTtlSeconds, env.state.sealing);
      idempotency = createIdempotencyStore(deps.clock);
      pipeline.idempotency = idempotency;
      faults.clear();
    },
    listen(port = 0, host = '127.0.0.1') {
      if (listening) return Promise.reject(new Error('The simulator is already listening'));
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        // Loopback unless told otherwise: the simulator holds (made-up) personal data, and the
        // Guichet server speaks plain HTTP to the TLS reverse proxy in front of it.
        server.listen({ port, host }, () => {
          server.off('error', reject);
          listening = true;
          const address = server.address() as AddressInfo;
          const shown = host.includes(':') ? `[${host}]` : host;
          resolve({ url: `http://${shown}:${address.port}`, port: address.port });
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
