/**
 * The staff session check of `staff` routes, run by the request pipeline right after the kiosk's
 * bearer token and before the request is read or its Idempotency-Key claimed: a refused call
 * does no work, and a refusal is never replayed to a later, valid call with the same key.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { STAFF_ACTOR_HEADER, STAFF_SESSION_HEADER } from '../api/wire-staff';
import { roleAllows } from '../core/staff-roles';
import { apiError, type Reply } from './http';
import type { Route, SimulatorEnv } from './router';
import type { StaffPrincipal } from './staff-state';

/** The X-Staff-Session header's token, or null. */
export function staffToken(headers: IncomingHttpHeaders): string | null {
  const value = headers[STAFF_SESSION_HEADER];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** The staff member allowed to call `route`, or the 401/403 reply. */
export async function authorizeStaff(
  env: SimulatorEnv,
  headers: IncomingHttpHeaders,
  deviceId: string,
  route: Route,
): Promise<{ ok: true; staff: StaffPrincipal } | { ok: false; reply: Reply }> {
  const token = staffToken(headers);
  const actor = headers[STAFF_ACTOR_HEADER];
  if (token === null && route.staffQueueable && typeof actor === 'string' && actor !== '') {
    // A write the kiosk queued: the kiosk vouches for the agent (it checked the PIN, online or
    // against its verifier); the staff member must exist and their role allow the action.
    const member = await env.backends.staff.member(actor, deviceId);
    if (member === null) {
      return {
        ok: false,
        reply: apiError(401, 'staff_session_expired', 'no such staff member'),
      };
    }
    return allowed(env, member, route);
  }
  if (token === null) {
    return {
      ok: false,
      reply: apiError(401, 'staff_session_required', 'a staff session is required'),
    };
  }
  const staff = await env.backends.staff.session(token, deviceId);
  if (staff === 'expired') {
    return {
      ok: false,
      reply: apiError(401, 'staff_session_expired', 'the staff session is unknown or has expired'),
    };
  }
  return allowed(env, staff, route);
}

function allowed(
  env: SimulatorEnv,
  staff: StaffPrincipal,
  route: Route,
): { ok: true; staff: StaffPrincipal } | { ok: false; reply: Reply } {
  // A staff route that names no action is a programming error: refuse rather than allow.
  if (!route.staffAction || !roleAllows(staff.role, route.staffAction)) {
    env.logger.warn('simulator: staff action refused', {
      staffId: staff.staffId,
      route: route.path,
    });
    return { ok: false, reply: apiError(403, 'forbidden', 'this role does not allow this action') };
  }
  return { ok: true, staff };
}
