/**
 * The actions a student's page offers an agent: those that fit the account as it stands, and
 * none that cannot work. Offline, only what this kiosk can do alone. A lock set in the directory
 * (security, administrative) is lifted there, never at the kiosk: no "Déverrouiller" for it (the
 * lock reason on the page says where it is lifted).
 */
import type { StaffStudentPage } from '../../../src-main/core/staff-view';
import type { StaffActionKind } from './staff-action.svelte';

export function pageActions(
  page: Pick<StaffStudentPage, 'offline' | 'status' | 'lockReason' | 'identificationLockedFor'>,
): StaffActionKind[] {
  const list: StaffActionKind[] = [];
  if (page.offline) return page.identificationLockedFor ? ['clearLockout'] : list;
  if (page.status === 'not_activated') list.push('resend', 'handOffActivation');
  const liftedInDirectory = page.lockReason === 'security' || page.lockReason === 'administrative';
  if (page.status === 'locked' && !liftedInDirectory) list.push('unlock');
  if (page.status === 'active' || page.status === 'locked') list.push('handOffReset');
  if (page.identificationLockedFor) list.push('clearLockout');
  return list;
}
