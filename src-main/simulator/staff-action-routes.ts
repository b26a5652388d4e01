/**
 * What staff do for a student at the desk, each with a reason and recorded in the account's
 * events with who did it: reveal the personal address, resend the activation e-mail (maybe to
 * a corrected address), unlock, and issue a one-time grant for activation or password reset.
 */
import {
  ActionProofsRequest,
  STAFF_PATHS,
  StaffGrantRequest,
  StaffResendRequest,
  StaffRevealRequest,
  StaffUnlockRequest,
  type ActionProofs,
  type SignInLimitsLifted,
  type StaffEmailSent,
  type StaffGrantWire,
  type StaffUnlocked,
} from '../api/wire-staff';
import { validateExternalEmail } from '../core/email';
import { roleAllows } from '../core/staff-roles';
import type { AccountRecord } from './backends';
import { apiError, json, type Reply } from './http';
import {
  ACTIVATION_CODE_TTL_MS,
  accountStatusOf,
  activationRefusal,
  findAccount,
  journeyError,
  requireStatus,
  sendCode,
} from './journey-support';
import { defineRoute, pathTemplate, type Route, type SimulatorEnv } from './router';
import { lockReasonOf } from './staff-view';
import { isoSeconds } from './time';

const path = (build: (identifier: string) => string) => pathTemplate(build, 'identifier');

const reveal = defineRoute({
  method: 'POST',
  path: path(STAFF_PATHS.revealEmail),
  auth: 'staff',
  staffAction: 'identity_check',
  body: StaffRevealRequest,
  handle: async ({ params, body, staff, device, env }) => {
    const found = await findAccount(env, params.identifier);
    if (!found.ok) return found.reply;
    const address = found.student.personalEmail;
    if (!address) return journeyError(409, 'no_personal_email', 'no personal address is known');
    await env.backends.events.record(found.student.identifier, 'staff_action', {
      actor: staff?.staffId,
      ...(device ? { device: device.deviceId } : {}),
      reason: body.reason,
      ...(body.note === undefined ? {} : { note: body.note }),
      detail: 'personal_email_revealed',
    });
    return json({ personalEmail: address, revealedAt: isoSeconds(env.clock.now()) });
  },
});

/** The corrected personal address, checked like a redirection target; or the 422. */
function correctedAddress(
  raw: string,
  env: SimulatorEnv,
): { ok: true; value: string } | { ok: false; reply: Reply } {
  const checked = validateExternalEmail(raw, env.settings.mailDomains);
  if (checked.ok) return { ok: true, value: checked.value };
  return {
    ok: false,
    reply: journeyError(422, 'invalid_email', 'not a usable personal address', {
      reason: checked.error,
    }),
  };
}

const resend = defineRoute({
  method: 'POST',
  path: path(STAFF_PATHS.activationEmail),
  auth: 'staff',
  staffAction: 'resend_activation',
  staffQueueable: true,
  body: StaffResendRequest,
  handle: async ({ params, body, staff, device, env }) => {
    // A corrected address needs the agent's live session: never on the kiosk's word alone.
    if (staff?.queued && body.correctedEmail !== undefined)
      return apiError(403, 'forbidden', 'a corrected address needs a staff session');
    const found = await findAccount(env, params.identifier);
    if (!found.ok) return found.reply;
    let { student } = found;
    const refused = activationRefusal(student, env);
    if (refused) return refused;
    let updated = false;
    if (body.correctedEmail !== undefined) {
      const corrected = correctedAddress(body.correctedEmail, env);
      if (!corrected.ok) return corrected.reply;
      updated = corrected.value !== student.personalEmail;
      await env.backends.accounts.setPersonalEmail(student.identifier, corrected.value);
      student = { ...student, personalEmail: corrected.value };
    }
    const sent = await sendCode(student, 'activation', ACTIVATION_CODE_TTL_MS, env, {
      actor: staff?.staffId,
      ...(device ? { device: device.deviceId } : {}),
      reason: body.reason,
      ...(body.note === undefined ? {} : { note: body.note }),
      ...(body.correctedEmail === undefined ? {} : { detail: 'corrected_address' as const }),
    });
    if (sent.status !== 202) return sent;
    const reply: StaffEmailSent = {
      ...(sent.body as Omit<StaffEmailSent, 'personalEmailUpdated'>),
      personalEmailUpdated: updated,
    };
    return json(reply, 202);
  },
});

const unlock = defineRoute({
  method: 'POST',
  path: path(STAFF_PATHS.unlock),
  auth: 'staff',
  staffAction: 'unlock_account',
  staffQueueable: true,
  body: StaffUnlockRequest,
  handle: async ({ params, body, staff, device, env }) => {
    const found = await findAccount(env, params.identifier);
    if (!found.ok) return found.reply;
    const { student } = found;
    const wrongState = requireStatus(student, 'locked');
    if (wrongState) return wrongState;
    const previousLockReason = lockReasonOf(student);
    if (!(await env.backends.accounts.unlock(student.identifier))) {
      // A lock the directory's owners set (security, administrative): not Guichet's to lift.
      return journeyError(409, 'account_state', 'this lock is lifted in the directory', {
        accountStatus: 'locked',
      });
    }
    await env.backends.events.record(student.identifier, 'account_unlocked', {
      actor: staff?.staffId,
      ...(device ? { device: device.deviceId } : {}),
      reason: body.reason,
      ...(body.note === undefined ? {} : { note: body.note }),
    });
    const after = await findAccount(env, student.identifier);
    const reply: StaffUnlocked = {
      unlockedAt: isoSeconds(env.clock.now()),
      previousLockReason,
      account: accountStatusOf(after.ok ? after.student : student, env),
    };
    return json(reply);
  },
});

/** Why this account cannot get a grant for this purpose now, or null. */
function grantRefusal(
  student: AccountRecord,
  purpose: StaffGrantRequest['purpose'],
  env: SimulatorEnv,
): Reply | null {
  if (purpose === 'activation') return activationRefusal(student, env);
  // A reset needs an activated account; a locked one is unlocked by the reset.
  const { status, activatedAt } = student.account;
  if ((status === 'active' || status === 'locked') && activatedAt !== null) return null;
  return journeyError(409, 'account_state', `the account is ${status}`, { accountStatus: status });
}

const grant = defineRoute({
  method: 'POST',
  path: STAFF_PATHS.grants,
  auth: 'staff',
  staffAction: 'identity_check',
  body: StaffGrantRequest,
  handle: async ({ body, staff, device, env }) => {
    const found = await findAccount(env, body.identifier);
    if (!found.ok) return found.reply;
    const refused = grantRefusal(found.student, body.purpose, env);
    if (refused) return refused;
    const staffId = staff?.staffId ?? '';
    const issued = await env.backends.staff.issueGrant(body.identifier, body.purpose, staffId);
    await env.backends.events.record(body.identifier, 'staff_action', {
      actor: staffId,
      ...(device ? { device: device.deviceId } : {}),
      reason: body.reason,
      ...(body.note === undefined ? {} : { note: body.note }),
      detail: body.purpose === 'activation' ? 'grant_activation' : 'grant_password_reset',
    });
    const reply: StaffGrantWire = {
      grant: issued.grant,
      identifier: body.identifier,
      purpose: body.purpose,
      expiresAt: isoSeconds(issued.expiresAt),
    };
    return json(reply, 201);
  },
});

/**
 * Proofs that let the kiosk replay a queued unlock or resend in this agent's name later, and
 * only that: each is for this kiosk, this account and one action, once. Only a live session
 * gets them (this route is not queueable), and only for actions its role allows.
 */
const actionProofs = defineRoute({
  method: 'POST',
  path: path(STAFF_PATHS.actionProofs),
  auth: 'staff',
  staffAction: 'lookup',
  body: ActionProofsRequest,
  handle: async ({ params, body, staff, env }) => {
    if (!staff || staff.queued) return apiError(403, 'forbidden', 'a staff session is required');
    if (!body.actions.every((action) => roleAllows(staff.role, action)))
      return apiError(403, 'forbidden', 'this role does not allow this action');
    const found = await findAccount(env, params.identifier);
    if (!found.ok) return found.reply;
    const actions = [...new Set(body.actions)];
    const issued = await env.backends.staff.issueProofs(staff, found.student.identifier, actions);
    const reply: ActionProofs = {
      proofs: issued.map((p) => ({
        action: p.action,
        proof: p.proof,
        expiresAt: isoSeconds(p.expiresAt),
      })),
    };
    return json(reply, 201);
  },
});

/**
 * A supervisor at this kiosk lifts its staff sign-in waits: the wrong PINs typed here are
 * forgotten (the kiosk's own limits are lifted by the kiosk itself).
 */
const liftSignInLimits = defineRoute({
  method: 'POST',
  path: STAFF_PATHS.signInLimitsLift,
  auth: 'staff',
  staffAction: 'diagnostics_actions',
  body: null,
  handle: async ({ staff, device, env }) => {
    const lifted = await env.backends.staff.liftPinLimits(device?.deviceId ?? '');
    env.logger.info('simulator: staff sign-in limits lifted', {
      staffId: staff?.staffId,
      lifted,
    });
    const reply: SignInLimitsLifted = { lifted };
    return json(reply);
  },
});

/** The staff actions. */
export const STAFF_ACTION_ROUTES: readonly Route[] = [
  reveal,
  resend,
  unlock,
  grant,
  actionProofs,
  liftSignInLimits,
];
