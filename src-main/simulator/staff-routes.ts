/**
 * Staff mode on the simulator: sign-in and sign-out, search, the account view and its events.
 * The actions are in staff-action-routes.ts, the audit log in audit-routes.ts; every `staff`
 * route's session and role are checked by the pipeline (staff-auth.ts) before its handler.
 */
import { STAFF_PATHS, StaffLoginRequest, type StaffSessionWire } from '../api/wire-staff';
import { AUDIT_ROUTES } from './audit-routes';
import { apiError, json, type Reply } from './http';
import { findAccount } from './journey-support';
import { defineRoute, pathTemplate, type Route } from './router';
import { STAFF_ACTION_ROUTES } from './staff-action-routes';
import { staffToken } from './staff-auth';
import { staffAccountView } from './staff-view';

const path = (build: (identifier: string) => string) => pathTemplate(build, 'identifier');

/** A 204 answer: no body. */
export const noContent: Reply = { status: 204, body: undefined };

const openSession = defineRoute({
  method: 'POST',
  path: STAFF_PATHS.sessions,
  auth: 'kiosk',
  body: StaffLoginRequest,
  handle: async ({ body, device, env }) => {
    const deviceId = device?.deviceId ?? '';
    const ttl = env.settings.staffSessionTtlSeconds;
    const outcome = await env.backends.staff.signIn(body.staffId, body.pin, deviceId, ttl);
    if (!outcome.ok && outcome.reason === 'rate_limited') {
      env.logger.warn('simulator: staff sign-in limited', { deviceId });
      return apiError(429, 'rate_limited', 'too many wrong PINs; wait', {
        'retry-after': String(outcome.retryAfterSeconds),
      });
    }
    if (!outcome.ok) return apiError(401, 'invalid_pin', 'unknown staff identifier or wrong PIN');
    const { staffId, displayName, role } = outcome.staff;
    const reply: StaffSessionWire = {
      sessionToken: outcome.sessionToken,
      expiresIn: outcome.expiresIn,
      staff: { staffId, displayName, role },
    };
    return json(reply, 201);
  },
});

const closeSession = defineRoute({
  method: 'DELETE',
  path: STAFF_PATHS.currentSession,
  auth: 'kiosk',
  body: null,
  handle: async ({ headers, device, env }) => {
    const token = staffToken(headers);
    if (token === null) {
      return apiError(401, 'staff_session_required', 'a staff session is required');
    }
    // Only this kiosk's own session: a token from elsewhere changes nothing here.
    if ((await env.backends.staff.session(token, device?.deviceId ?? '')) !== 'expired') {
      await env.backends.staff.close(token);
    }
    return noContent;
  },
});

const DEFAULT_SEARCH_LIMIT = 20;

const search = defineRoute({
  method: 'GET',
  path: STAFF_PATHS.students,
  auth: 'staff',
  staffAction: 'lookup',
  body: null,
  handle: async ({ query, env }) => {
    // The contract has already checked both (q 2 to 100 characters, limit 1 to 50).
    const limit = Number(query.get('limit') ?? DEFAULT_SEARCH_LIMIT);
    return json(await env.backends.accounts.search(query.get('q') ?? '', limit));
  },
});

const accountView = defineRoute({
  method: 'GET',
  path: path(STAFF_PATHS.account),
  auth: 'staff',
  staffAction: 'lookup',
  body: null,
  handle: async ({ params, env }) => {
    const found = await findAccount(env, params.identifier);
    return found.ok ? json(await staffAccountView(found.student, env)) : found.reply;
  },
});

const accountEvents = defineRoute({
  method: 'GET',
  path: path(STAFF_PATHS.events),
  auth: 'staff',
  staffAction: 'timeline',
  body: null,
  handle: async ({ params, env }) => {
    const found = await findAccount(env, params.identifier);
    if (!found.ok) return found.reply;
    return json({ events: await env.backends.events.list(found.student) });
  },
});

/** Every staff and audit endpoint, registered by server.ts. */
export const STAFF_ROUTES: readonly Route[] = [
  openSession,
  closeSession,
  search,
  accountView,
  accountEvents,
  ...STAFF_ACTION_ROUTES,
  ...AUDIT_ROUTES,
];
