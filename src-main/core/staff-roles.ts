/**
 * Staff roles and what each may do (issue "Staff mode"). The role comes from the central API;
 * main checks it on every staff channel with `roleAllows`, never the renderer.
 */

export const STAFF_ROLES = ['agent', 'supervisor'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Everything a staff channel can do; each staff channel names exactly one. */
export const STAFF_ACTIONS = [
  'lookup',
  'timeline',
  'resend_activation',
  'unlock_account',
  'clear_identification_lockout',
  'identity_check',
  'password_handoff',
  'dead_letters',
  'diagnostics_summary',
  'diagnostics_actions',
  'audit_view',
  'support_bundle',
] as const;
export type StaffAction = (typeof STAFF_ACTIONS)[number];

/** Kiosk-wide or sensitive-in-bulk actions: supervisors only. */
const SUPERVISOR_ONLY: ReadonlySet<StaffAction> = new Set<StaffAction>([
  'diagnostics_actions',
  'audit_view',
  'support_bundle',
]);

/** Whether a staff member of this role may perform this action. */
export function roleAllows(role: StaffRole, action: StaffAction): boolean {
  switch (role) {
    case 'supervisor':
      return true;
    case 'agent':
      return !SUPERVISOR_ONLY.has(action);
  }
}

/** Narrows an untrusted value (the API's answer) to a known role, or null. */
export function parseStaffRole(value: unknown): StaffRole | null {
  return (STAFF_ROLES as readonly unknown[]).includes(value) ? (value as StaffRole) : null;
}
