/**
 * The help-desk console's back end, on a listener of its own (`console.listen` in the
 * configuration): JSON endpoints under /console/api/ for supervisors signed in with their own
 * directory account, and /console/ reserved for its page. It never reads a bearer token or a
 * device credential: only its own session cookie opens it.
 *
 * - Sign-in: POST /console/api/session {uid, password} (sign-in.ts); the session in PostgreSQL
 *   (sessions.ts), its token in an HttpOnly, SameSite=Strict cookie (Secure and __Host- when
 *   the console's origin is https).
 * - CSRF: every state-changing request must come from the console's own origin (Origin, else
 *   Sec-Fetch-Site: same-origin) and, once signed in, carry the session's X-CSRF-Token.
 * - Every answer: no-store, nosniff, a CSP that allows nothing and no framing; the page
 *   (page.ts: GET /console/ and its files) a strict CSP of its own instead.
 * - Every action (sign-in, sign-out, each view, each export) is written to console_audit.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { AUTO_REFRESH_HEADER, CONSOLE_API } from '../../src-main/core/console-view';
import type { Clock, Logger } from '../../src-main/core/ports';
import { readBody } from '../../src-main/net/body';
import { createSafeServer } from '../../src-main/net/safe-server';
import type { FleetStore } from '../../src-main/simulator/backends';
import { openAuditSubject, type SimulatorSealingKey } from '../../src-main/simulator/sealing-key';
import { isoSeconds } from '../../src-main/simulator/time';
import { createPostgresAttempts } from '../postgres/attempts';
import type { Pool } from '../postgres/database';
import { DEVICE_ID } from '../postgres/devices';
import type { Directory } from '../ports/directory';
import { acknowledgeRefusals, createFleetView } from './fleet-view';
import { CONSOLE_PAGE_CSP, CONSOLE_PAGE_DIR, pageFile } from './page';
import { consoleSignIn, type ConsoleSignInDeps } from './sign-in';
import {
  createConsoleAudit,
  createConsoleSessions,
  csrfTokenOf,
  type ConsoleAudit,
  type ConsoleSessions,
} from './sessions';
import {
  staffActions,
  staffActionsCsv,
  STAFF_ACTIONS_MAX,
  type StaffActionFilter,
} from './staff-actions';

/** Where the console lives: its page (Svelte + Vite, page.ts) and, under api/, its endpoints. */
export const CONSOLE_PREFIX = '/console/';
export { CONSOLE_API };

/** On every answer: nothing cached, sniffed, framed, or loaded from elsewhere. */
export const CONSOLE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  pragma: 'no-cache',
  'x-content-type-options': 'nosniff',
  'content-security-policy':
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

export interface ConsoleDeps {
  pool: Pool;
  directory: Directory;
  fleet: FleetStore;
  clock: Clock;
  logger: Logger;
  /** The supervisors' group DN (`staff.groups.supervisor`); without one nobody signs in. */
  supervisorGroup: string | null;
  /**
   * The console's origin as browsers reach it (https://console.univ.example); default: the
   * listener's own URL. https makes the cookie Secure (and __Host-) and adds HSTS.
   */
  origin?: string;
  /** Read the client address from X-Forwarded-For's last hop (behind the university's proxy). */
  trustProxy?: boolean;
  limits?: ConsoleSignInDeps['limits'];
  sessionLimits?: { idleSeconds: number; absoluteSeconds: number };
  /** Seconds without a heartbeat before a kiosk is flagged silent (`console.silentAfterSeconds`). */
  silentAfterSeconds?: number;
  /** The service's sealing key, to show the accounts of sealed audit subjects. */
  sealingKey?: SimulatorSealingKey;
  /** The built page (dist/console by default: page.ts). */
  pageDir?: string;
}

export interface ConsoleServer {
  listen(port: number, host: string): Promise<{ url: string; close(): Promise<void> }>;
  readonly audit: ConsoleAudit;
}

interface Answer {
  status: number;
  body?: unknown;
  /** A CSV (or other) text body instead of JSON. */
  text?: { type: string; content: string; filename?: string };
  /** A file of the page, sent with the page's own CSP. */
  file?: { type: string; content: Buffer; immutable: boolean };
  headers?: Record<string, string | string[]>;
}

const json = (status: number, body?: unknown, headers?: Answer['headers']): Answer => ({
  status,
  body,
  ...(headers ? { headers } : {}),
});
const problem = (status: number, code: string, message: string, headers?: Answer['headers']) =>
  json(status, { code, message }, headers);
const UNAUTHORIZED = () => problem(401, 'unauthorized', 'sign in to the console first');

const SignInBody = z.object({ uid: z.string().max(64), password: z.string().max(256) }).strict();

const AcknowledgeBody = z.object({ upTo: z.number().int().positive() }).strict();
const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};

const text = z.string().min(1).max(128);
const QueryFilter = z
  .object({
    kiosk: text.optional(),
    staff: text.optional(),
    account: text.optional(),
    action: text.optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    limit: z.coerce.number().int().min(1).max(STAFF_ACTIONS_MAX).optional(),
  })
  .strict();

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return null;
}

/** A path segment decoded; null for a malformed escape ("%E0%A4%A"). */
function decoded(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

const sameText = (a: string, b: string) => {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
};

export function createConsoleServer(deps: ConsoleDeps): ConsoleServer {
  const sessions: ConsoleSessions = createConsoleSessions(
    deps.pool,
    deps.clock,
    deps.sessionLimits,
  );
  const audit = createConsoleAudit(deps.pool, deps.clock);
  const signIn = consoleSignIn({
    directory: deps.directory,
    limiter: createPostgresAttempts(deps.pool, () => deps.clock.now()),
    supervisorGroup: deps.supervisorGroup,
    ...(deps.limits ? { limits: deps.limits } : {}),
  });
  const view = createFleetView(deps.pool, deps.fleet, {
    ...(deps.silentAfterSeconds !== undefined && { silentAfterSeconds: deps.silentAfterSeconds }),
    ...(deps.sealingKey && { sealingKey: deps.sealingKey }),
  });
  const pageDir = deps.pageDir ?? CONSOLE_PAGE_DIR;
  let origin = deps.origin ?? '';
  const secure = () => origin.startsWith('https://');
  const cookieName = () => (secure() ? '__Host-guichet-console' : 'guichet-console');
  const cookie = (value: string, maxAge: number) =>
    `${cookieName()}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${
      secure() ? '; Secure' : ''
    }`;

  const clientOf = (req: IncomingMessage) => {
    const forwarded = req.headers['x-forwarded-for'];
    if (deps.trustProxy && typeof forwarded === 'string') {
      const last = forwarded.split(',').at(-1)?.trim();
      if (last) return last;
    }
    return req.socket.remoteAddress ?? 'unknown';
  };

  /** A state-changing request from the console's own origin (no session asked here). */
  function fromOwnOrigin(req: IncomingMessage): boolean {
    const from = req.headers.origin;
    if (typeof from === 'string') return from === origin;
    return req.headers['sec-fetch-site'] === 'same-origin';
  }

  async function route(req: IncomingMessage, url: URL): Promise<Answer> {
    const method = req.method ?? 'GET';
    const path = url.pathname;
    const client = clientOf(req);
    const record = (staffId: string | null, action: string, outcome: string, detail?: object) =>
      audit.record({
        staffId,
        client,
        action,
        outcome,
        ...(detail ? { detail: detail as Record<string, unknown> } : {}),
      });
    // A page elsewhere may not even read: a browser says where a request comes from.
    const site = req.headers['sec-fetch-site'];
    if (typeof site === 'string' && site !== 'same-origin' && site !== 'none')
      return problem(403, 'cross_site', 'the console answers its own pages only');
    const changing = method !== 'GET' && method !== 'HEAD';
    if (changing && !fromOwnOrigin(req)) {
      await record(null, `${method} ${path}`, 'csrf_refused');
      return problem(403, 'cross_site', 'the console answers its own pages only');
    }

    if (path === `${CONSOLE_API}/session` && method === 'POST') {
      const read = await readBody(req, 4096);
      if (!read.ok) return problem(413, 'invalid_request', 'body too large');
      let parsed: z.infer<typeof SignInBody>;
      try {
        parsed = SignInBody.parse(JSON.parse(read.text));
      } catch {
        return problem(400, 'invalid_request', 'uid and password are required');
      }
      const outcome = await signIn(parsed.uid, parsed.password, client);
      // The uid as typed is kept for a refusal (who was tried), never the password.
      if (!outcome.ok) {
        await record(null, 'sign_in', outcome.reason, { uid: parsed.uid.slice(0, 64) });
        return outcome.reason === 'rate_limited'
          ? problem(429, 'rate_limited', 'too many attempts, try again later', {
              'retry-after': String(outcome.retryAfterSeconds),
            })
          : problem(401, 'sign_in_refused', 'this account cannot sign in to the console');
      }
      const opened = await sessions.open(outcome.staffId);
      await record(outcome.staffId, 'sign_in', 'ok');
      const maxAge = Math.round((opened.expiresAt.getTime() - deps.clock.now().getTime()) / 1000);
      return json(
        200,
        {
          staffId: outcome.staffId,
          csrfToken: csrfTokenOf(opened.token),
          expiresAt: isoSeconds(opened.expiresAt),
        },
        { 'set-cookie': cookie(opened.token, maxAge) },
      );
    }

    // Everything else needs a session: the cookie, and nothing else (no bearer token, no
    // device credential is ever read here).
    const token = cookieValue(req.headers.cookie, cookieName());
    // The page's own timer (refresh.ts) reads without being the supervisor's activity: a
    // console left open still signs out after its idle time. Its refreshes are not audited
    // again, but only of what this session's audited views already showed: the mark is the
    // client's word, so it never hides a first look.
    const auto = method === 'GET' && req.headers[AUTO_REFRESH_HEADER] === '1';
    const session = token === null || token.length > 64 ? null : await sessions.find(token, !auto);
    if (!session || token === null) return UNAUTHORIZED();
    const staffId = session.staffId;
    if (changing) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameText(sent, csrfTokenOf(token))) {
        await record(staffId, `${method} ${path}`, 'csrf_refused');
        return problem(403, 'csrf_refused', 'the X-CSRF-Token header is missing or wrong');
      }
    }

    if (path === `${CONSOLE_API}/session`) {
      if (method === 'GET')
        return json(200, {
          staffId,
          csrfToken: csrfTokenOf(token),
          expiresAt: isoSeconds(session.expiresAt),
        });
      if (method === 'DELETE') {
        await sessions.close(token);
        await record(staffId, 'sign_out', 'ok');
        return json(204, undefined, { 'set-cookie': cookie('', 0) });
      }
    }
    if (path === `${CONSOLE_API}/fleet` && method === 'GET') {
      const rows = await view.fleet(deps.clock.now());
      if (!auto || !(await audit.recordedSince(staffId, 'view_fleet', session.createdAt)))
        await record(staffId, 'view_fleet', 'ok');
      return json(200, { kiosks: rows, at: isoSeconds(deps.clock.now()) });
    }
    const seen = /^\/console\/api\/kiosks\/([^/]+)\/refusals\/acknowledge$/.exec(path);
    if (seen && method === 'POST') {
      const deviceId = decoded(seen[1]!);
      if (deviceId === null || !DEVICE_ID.test(deviceId))
        return problem(404, 'not_found', 'no such kiosk');
      const read = await readBody(req, 1024);
      const body = read.ok ? AcknowledgeBody.safeParse(parseJson(read.text)) : null;
      if (!body?.success)
        return problem(400, 'invalid_request', 'upTo: the newest refusal shown is required');
      const count = await acknowledgeRefusals(
        deps.pool,
        deviceId,
        staffId,
        body.data.upTo,
        deps.clock.now(),
      );
      await record(staffId, 'acknowledge_refusals', count === null ? 'not_found' : 'ok', {
        kiosk: deviceId,
        ...(count === null ? {} : { count }),
      });
      return count === null
        ? problem(404, 'not_found', 'no such kiosk')
        : json(200, { acknowledged: count });
    }
    const kiosk = /^\/console\/api\/kiosks\/([^/]+)$/.exec(path);
    if (kiosk && method === 'GET') {
      const deviceId = decoded(kiosk[1]!);
      if (deviceId === null || !DEVICE_ID.test(deviceId))
        return problem(404, 'not_found', 'no such kiosk');
      const page = await view.kiosk(deviceId, deps.clock.now());
      const seenBefore =
        auto &&
        page !== null &&
        (await audit.recordedSince(staffId, 'view_kiosk', session.createdAt, deviceId));
      if (!seenBefore)
        await record(staffId, 'view_kiosk', page ? 'ok' : 'not_found', { kiosk: deviceId });
      return page ? json(200, page) : problem(404, 'not_found', 'no such kiosk');
    }
    if (
      (path === `${CONSOLE_API}/staff-actions` || path === `${CONSOLE_API}/staff-actions.csv`) &&
      method === 'GET'
    ) {
      const query = QueryFilter.safeParse(Object.fromEntries(url.searchParams));
      if (!query.success) return problem(400, 'invalid_request', 'unknown or malformed filter');
      const q = query.data;
      const filter: StaffActionFilter = {
        ...(q.kiosk ? { kiosk: q.kiosk } : {}),
        ...(q.staff ? { staffId: q.staff } : {}),
        ...(q.account ? { account: q.account } : {}),
        ...(q.action ? { action: q.action } : {}),
        ...(q.from ? { from: new Date(q.from) } : {}),
        ...(q.to ? { to: new Date(q.to) } : {}),
      };
      const csv = path.endsWith('.csv');
      const key = deps.sealingKey;
      const actions = await staffActions(
        deps.pool,
        filter,
        q.limit ?? (csv ? STAFF_ACTIONS_MAX : 200),
        (subject) => (key ? openAuditSubject(key, subject) : Promise.resolve(null)),
      );
      await record(staffId, csv ? 'export_staff_actions' : 'view_staff_actions', 'ok', {
        ...q,
        rows: actions.length,
      });
      if (!csv) return json(200, { actions });
      return {
        status: 200,
        text: {
          type: 'text/csv; charset=utf-8; header=present',
          content: staffActionsCsv(actions),
          filename: `guichet-staff-actions-${isoSeconds(deps.clock.now()).slice(0, 10)}.csv`,
        },
      };
    }
    return problem(404, 'not_found', 'no such console endpoint');
  }

  function send(res: ServerResponse, answer: Answer, head = false) {
    const headers: Record<string, string | string[]> = { ...CONSOLE_SECURITY_HEADERS };
    if (secure()) headers['strict-transport-security'] = 'max-age=31536000';
    Object.assign(headers, answer.headers);
    if (answer.file) {
      headers['content-type'] = answer.file.type;
      headers['content-security-policy'] = CONSOLE_PAGE_CSP;
      headers['content-length'] = String(answer.file.content.length);
      // Vite names each asset by its content: a new build has new names.
      if (answer.file.immutable) {
        headers['cache-control'] = 'max-age=31536000, immutable';
        delete headers.pragma;
      }
      res.writeHead(answer.status, headers).end(head ? undefined : answer.file.content);
      return;
    }
    if (answer.text) {
      headers['content-type'] = answer.text.type;
      if (answer.text.filename)
        headers['content-disposition'] = `attachment; filename="${answer.text.filename}"`;
      res.writeHead(answer.status, headers).end(answer.text.content);
      return;
    }
    if (answer.body === undefined) {
      res.writeHead(answer.status, headers).end();
      return;
    }
    headers['content-type'] = 'application/json; charset=utf-8';
    res.writeHead(answer.status, headers).end(JSON.stringify(answer.body));
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse, url: URL) {
    let answer: Answer;
    if (!url.pathname.startsWith(CONSOLE_PREFIX) && url.pathname !== '/console') {
      answer = problem(404, 'not_found', 'the console is under /console/');
    } else if (!url.pathname.startsWith(`${CONSOLE_API}/`)) {
      // The page: its files to GET (and HEAD), from the built folder only; nothing else.
      const method = req.method ?? 'GET';
      const file =
        method === 'GET' || method === 'HEAD'
          ? await pageFile(pageDir, url.pathname).catch(() => null)
          : null;
      answer = file
        ? {
            status: 200,
            file: { ...file, immutable: url.pathname.startsWith(`${CONSOLE_PREFIX}assets/`) },
          }
        : problem(404, 'not_found', 'no such console page');
    } else {
      try {
        answer = await route(req, url);
      } catch (error) {
        if ((error as { unavailable?: unknown } | null)?.unavailable === true) {
          deps.logger.warn('console: a backend is unavailable', { error: (error as Error).name });
          answer = problem(503, 'unavailable', 'a backend is unavailable, try again later', {
            'retry-after': '5',
          });
        } else {
          deps.logger.error('console: request failed', { error: (error as Error).name });
          answer = problem(500, 'internal', 'internal error');
        }
      }
    }
    if (res.headersSent || res.destroyed) return;
    send(res, answer, req.method === 'HEAD');
  }

  return {
    audit,
    async listen(port, host) {
      const server = createSafeServer(onRequest, {
        name: 'console',
        logger: deps.logger,
        errorBody: (status) => ({
          code: status >= 500 ? 'internal' : 'invalid_request',
          message: 'malformed request',
        }),
        headers: CONSOLE_SECURITY_HEADERS,
      });
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen({ port, host }, () => {
          server.off('error', reject);
          resolve();
        });
      });
      const address = server.address() as AddressInfo;
      const shown = host.includes(':') ? `[${host}]` : host;
      const url = `http://${shown}:${address.port}`;
      if (!deps.origin) origin = url;
      return {
        url,
        close: () =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      };
    },
  };
}
