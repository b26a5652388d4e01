import { describe, expect, it } from 'vitest';
import { parseStaffRole, roleAllows, STAFF_ACTIONS } from './staff-roles';

describe('staff roles', () => {
  it('lets an agent troubleshoot a student but not run the kiosk', () => {
    const agent = STAFF_ACTIONS.filter((a) => roleAllows('agent', a));
    expect(agent).toEqual([
      'lookup',
      'timeline',
      'resend_activation',
      'unlock_account',
      'clear_identification_lockout',
      'identity_check',
      'password_handoff',
      'dead_letters',
      'diagnostics_summary',
    ]);
    expect(roleAllows('agent', 'audit_view')).toBe(false);
    expect(roleAllows('agent', 'support_bundle')).toBe(false);
    expect(roleAllows('agent', 'diagnostics_actions')).toBe(false);
  });

  it('lets a supervisor do everything', () => {
    expect(STAFF_ACTIONS.every((a) => roleAllows('supervisor', a))).toBe(true);
  });

  it('accepts only known roles from the API', () => {
    expect(parseStaffRole('agent')).toBe('agent');
    expect(parseStaffRole('supervisor')).toBe('supervisor');
    expect(parseStaffRole('admin')).toBeNull();
    expect(parseStaffRole(undefined)).toBeNull();
  });
});
