/**
 * Main's staff channels. Each one names one StaffAction and is authorised against the staff
 * session (role, idle, maximum duration) before anything else — before its input is even
 * validated (dispatch.ts asks `staffPrecheck`) and again here —, so a student screen that crafts
 * a call gets the typed refusal whatever it sends.
 */
import type { AppError, Result } from '../core/result';
import type { StaffAction } from '../core/staff-roles';
import type { StaffSession } from '../core/staff-session';
import type { StaffSessionInfo } from '../core/staff-view';
import type { StaffActions } from '../app/staff/actions';
import type { KioskOps } from '../app/staff/kiosk-ops';
import type { StaffSessionHolder } from '../app/staff/session';
import type { Channel } from './channels';
import type { Handlers, Input, Reply } from './contract';
import type { StaffChannel } from './staff-contract';

/** Channels open without a session: signing in, reading whether one is open, and ending it. */
type OpenChannel = 'staff.signIn' | 'staff.session' | 'staff.signOut';
export type GuardedStaffChannel = Exclude<StaffChannel, OpenChannel>;

/** What each guarded staff channel does, for the role check (core/staff-roles.ts). */
export const STAFF_CHANNEL_ACTIONS: Record<GuardedStaffChannel, StaffAction> = {
  'staff.search': 'lookup',
  'staff.searchOffline': 'lookup',
  'staff.student': 'timeline',
  'staff.revealEmail': 'identity_check',
  'staff.resendActivation': 'resend_activation',
  'staff.unlock': 'unlock_account',
  'staff.clearIdentificationLockout': 'clear_identification_lockout',
  'staff.clearKioskBudget': 'clear_identification_lockout',
  'staff.handOff': 'identity_check',
  'staff.deadLetters': 'dead_letters',
  'staff.retryDeadLetter': 'dead_letters',
  'staff.discardDeadLetter': 'dead_letters',
  'staff.diagnostics': 'diagnostics_summary',
  'staff.syncNow': 'diagnostics_actions',
  'staff.retryOutbox': 'diagnostics_actions',
  'staff.clearStaffLockouts': 'diagnostics_actions',
  'staff.audit': 'audit_view',
  'staff.supportBundle': 'support_bundle',
};

function isGuarded(channel: Channel): channel is GuardedStaffChannel {
  return channel in STAFF_CHANNEL_ACTIONS;
}

/** The refusal a staff channel gets before its input is looked at, or null to go on. */
export function staffPrecheck(holder: StaffSessionHolder, channel: Channel): AppError | null {
  if (!isGuarded(channel)) return null;
  const allowed = holder.authorize(STAFF_CHANNEL_ACTIONS[channel]);
  return allowed.ok ? null : { code: allowed.error.code };
}

export interface StaffHandlerDeps {
  holder: StaffSessionHolder;
  signIn(staffId: string, pin: string): Promise<Result<StaffSessionInfo>>;
  actions: StaffActions;
  ops: KioskOps;
}

type Impl<C extends GuardedStaffChannel> = (
  input: Input<C>,
  session: StaffSession,
) => Promise<Reply<C>>;

/** Creates the staff channels' handlers; merged into createHandlers. */
export function createStaffHandlers(deps: StaffHandlerDeps): Pick<Handlers, StaffChannel> {
  function guarded<C extends GuardedStaffChannel>(channel: C, run: Impl<C>) {
    return async (input: Input<C>): Promise<Reply<C>> => {
      const allowed = deps.holder.authorize(STAFF_CHANNEL_ACTIONS[channel]);
      if (!allowed.ok) return { ok: false, error: { code: allowed.error.code } };
      return run(input, allowed.value);
    };
  }
  const { actions: a, ops: o } = deps;
  return {
    'staff.signIn': (input) => deps.signIn(input.staffId, input.pin),
    'staff.signOut': async () => {
      deps.holder.end('signed_out');
      return { ok: true, value: null };
    },
    'staff.session': async () => ({ ok: true, value: deps.holder.info() }),
    'staff.search': guarded('staff.search', (i) => a.search(i)),
    'staff.searchOffline': guarded('staff.searchOffline', (i) => a.searchOffline(i)),
    'staff.student': guarded('staff.student', (i, s) => a.student(i, s)),
    'staff.revealEmail': guarded('staff.revealEmail', (i, s) => a.revealEmail(i, s)),
    'staff.resendActivation': guarded('staff.resendActivation', (i, s) => a.resendActivation(i, s)),
    'staff.unlock': guarded('staff.unlock', (i, s) => a.unlock(i, s)),
    'staff.clearIdentificationLockout': guarded('staff.clearIdentificationLockout', (i, s) =>
      a.clearIdentificationLockout(i, s),
    ),
    'staff.clearKioskBudget': guarded('staff.clearKioskBudget', (i, s) => a.clearKioskBudget(i, s)),
    'staff.handOff': guarded('staff.handOff', (i, s) => a.handOff(i, s)),
    'staff.deadLetters': guarded('staff.deadLetters', () => o.deadLetters()),
    'staff.retryDeadLetter': guarded('staff.retryDeadLetter', (i, s) => o.retryDeadLetter(i, s)),
    'staff.discardDeadLetter': guarded('staff.discardDeadLetter', (i, s) =>
      o.discardDeadLetter(i, s),
    ),
    'staff.diagnostics': guarded('staff.diagnostics', () => o.diagnostics()),
    'staff.syncNow': guarded('staff.syncNow', (i, s) => o.syncNow(i, s)),
    'staff.retryOutbox': guarded('staff.retryOutbox', (i, s) => o.retryOutbox(i, s)),
    'staff.clearStaffLockouts': guarded('staff.clearStaffLockouts', (i, s) =>
      o.clearStaffLockouts(i, s),
    ),
    'staff.audit': guarded('staff.audit', (i) => o.audit(i)),
    'staff.supportBundle': guarded('staff.supportBundle', (i, s) => o.supportBundle(i, s)),
  };
}
