import type { Handlers } from './contract';
import type { StaffChannel } from './staff-contract';

/**
 * Placeholder until the staff session lives in main: with no session, every staff channel
 * refuses with `staff_session_required`, which is what a real guard answers too.
 */
export function createStaffHandlers(): Pick<Handlers, StaffChannel> {
  const refuse = async () => ({
    ok: false as const,
    error: { code: 'staff_session_required' as const },
  });
  return {
    'staff.signIn': refuse,
    'staff.signOut': refuse,
    'staff.session': refuse,
    'staff.search': refuse,
    'staff.searchOffline': refuse,
    'staff.student': refuse,
    'staff.revealEmail': refuse,
    'staff.resendActivation': refuse,
    'staff.unlock': refuse,
    'staff.clearIdentificationLockout': refuse,
    'staff.clearKioskBudget': refuse,
    'staff.handOff': refuse,
    'staff.deadLetters': refuse,
    'staff.retryDeadLetter': refuse,
    'staff.discardDeadLetter': refuse,
    'staff.diagnostics': refuse,
    'staff.syncNow': refuse,
    'staff.retryOutbox': refuse,
    'staff.audit': refuse,
    'staff.supportBundle': refuse,
  };
}
