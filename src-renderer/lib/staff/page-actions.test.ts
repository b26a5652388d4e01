import { describe, expect, it } from 'vitest';
import { pageActions } from './page-actions';

const page = {
  offline: false,
  status: 'locked' as const,
  lockReason: 'too_many_failures' as const,
  identificationLockedFor: null,
};

describe('the actions a student page offers', () => {
  it('offers the unlock of a lock from too many wrong passwords', () => {
    expect(pageActions(page)).toEqual(['unlock', 'handOffReset']);
  });

  it('never offers to unlock what only the directory can lift', () => {
    for (const lockReason of ['security', 'administrative'] as const)
      expect(pageActions({ ...page, lockReason })).toEqual(['handOffReset']);
  });

  it('leaves an unlock of unknown reason to the API to decide', () => {
    expect(pageActions({ ...page, lockReason: null })).toContain('unlock');
  });

  it('offers only what the kiosk can do alone while offline', () => {
    expect(pageActions({ ...page, offline: true })).toEqual([]);
    expect(pageActions({ ...page, offline: true, identificationLockedFor: 600 })).toEqual([
      'clearLockout',
    ]);
  });

  it('offers activation help to an account not yet activated', () => {
    expect(pageActions({ ...page, status: 'not_activated', lockReason: null })).toEqual([
      'resend',
      'handOffActivation',
    ]);
  });
});
