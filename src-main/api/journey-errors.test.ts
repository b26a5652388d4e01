import { AxiosError, AxiosHeaders, type AxiosResponse } from 'axios';
import { describe, expect, it } from 'vitest';
import { toAppError } from './errors';

const now = new Date('2026-11-25T10:00:00Z');

function httpError(status: number, data: unknown): AxiosError {
  const response = {
    status,
    data,
    headers: {},
    statusText: '',
    config: { headers: new AxiosHeaders() },
  } as AxiosResponse;
  return new AxiosError('failed', 'ERR_BAD_RESPONSE', undefined, undefined, response);
}

describe('journey refusals from the central API', () => {
  it.each([
    [
      409,
      { code: 'too_early', availableAt: '2026-11-25T10:15:00Z' },
      { code: 'too_early', availableAt: '2026-11-25T10:15:00Z' },
    ],
    [409, { code: 'account_state', accountStatus: 'locked' }, { code: 'account_state' }],
    [409, { code: 'no_enrollment' }, { code: 'account_state' }],
    [409, { code: 'no_personal_email' }, { code: 'account_state' }],
    [409, { code: 'charter_outdated' }, { code: 'conflict' }],
    [403, { code: 'code_invalid' }, { code: 'code_invalid' }],
    [410, { code: 'code_expired' }, { code: 'code_expired' }],
    [403, { code: 'invalid_credentials' }, { code: 'invalid_credentials' }],
    [403, { code: 'session_expired' }, { code: 'journey_expired' }],
    [
      422,
      { code: 'password_policy', violations: ['digit', 'mix'] },
      { code: 'password_policy', violations: ['digit', 'mix'] },
    ],
    [
      422,
      { code: 'invalid_email', reason: 'email_own_domain' },
      { code: 'invalid_email', fields: [{ field: 'address', reason: 'email_own_domain' }] },
    ],
  ])('maps %i %j', (status, body, expected) => {
    expect(toAppError(httpError(status, body), now)).toEqual(expected);
  });

  it('leaves other codes to the status, and never trusts a journey code on a 5xx', () => {
    // `forbidden` is a staff refusal now (staff-errors.test.ts); an unknown code is the status's.
    expect(toAppError(httpError(403, { code: 'not_yours' }), now)).toEqual({ code: 'auth' });
    expect(toAppError(httpError(500, { code: 'too_early' }), now)).toEqual({ code: 'server' });
    // Details that do not parse are dropped, the code is kept.
    expect(toAppError(httpError(422, { code: 'password_policy', violations: ['x'] }), now)).toEqual(
      { code: 'password_policy', violations: [] },
    );
  });
});
