/**
 * The staff session check of `staff` routes, run by the request pipeline right after the kiosk's
 * bearer token and before the request is read or its Idempotency-Key claimed: a refused call
 * does no work, and a refusal is never replayed to a later, valid call with the same key.
 */
import type { IncomingHttpHeaders } from 'node:http';
import {
  QUEUEABLE_STAFF_ACTIONS,
  STAFF_PROOF_HEADER,
  STAFF_SESSION_HEADER,
  type QueueableStaffAction,
} from '../api/wire-staff';
import { roleAllows } from '../core/staff-roles';
import { apiError, type Reply } from './http';
import type { Route, SimulatorEnv } from './router';
import type { StaffPrincipal } from './staff-state';

/** The X-Staff-Session header's token, or null. */
export function staffToken(headers: IncomingHttpHeaders): string | null {
  const value = headers[STAFF_SESSION_HEADER];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

const header = (headers: IncomingHttpHeaders, name: string): string | null => {
  const value = headers[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
};

const isQueueable = (action: string | undefined): action is QueueableStaffAction =>
  (QUEUEABLE_STAFF_ACTIONS as readonly (string | undefined)[]).includes(action);

/** One answer for every refused proof, so that it tells nothing about agents or accounts. */
const proofRefused = (): Reply =>
  apiError(401, 'staff_proof_refused', 'the staff proof is not valid for this write');

/** The staff member allowed to call `route`, or the 401/403 reply. */
export async function authorizeStaff(
  env: SimulatorEnv,
  headers: IncomingHttpHeaders,
  deviceId: string,
  route: Route,
  params: Readonly<Record<string, string>>,
): Promise<{ ok: true; staff: StaffPrincipal } | { ok: false; reply: Reply }> {
  const token = staffToken(headers);
  const proof = header(headers, STAFF_PROOF_HEADER);
  if (token === null && proof !== null && route.staffQueueable) {
    // A write the kiosk queued and replays after the agent's session is gone: it acts only
    // through the proof the API gave that session, for this kiosk, action and account, once.
    const action = route.staffAction;
    const key = header(headers, 'idempotency-key');
    const identifier = params.identifier;
    if (!isQueueable(action) || key === null || identifier === undefined)
      return { ok: false, reply: proofRefused() };
    const staff = await env.backends.staff.redeemProof(proof, {
      deviceId,
      identifier,
      action,
      key,
    });
    if (staff === null) return { ok: false, reply: proofRefused() };
    return allowed(env, staff, route);
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
