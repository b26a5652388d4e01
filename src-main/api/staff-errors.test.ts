import { AxiosError, AxiosHeaders, type AxiosResponse } from 'axios';
import { describe, expect, it } from 'vitest';
import { toAppError } from './errors';

const now = new Date('2026-11-25T10:00:00Z');

function httpError(status: number, data: unknown, headers: Record<string, string> = {}) {
  const response = {
    status,
    data,
    headers,
    statusText: '',
    config: { headers: new AxiosHeaders() },
  } as AxiosResponse;
  return new AxiosError('failed', 'ERR_BAD_RESPONSE', undefined, undefined, response);
}

describe('staff refusals from the central API', () => {
  it.each([
    [401, { code: 'invalid_pin' }, { code: 'staff_pin_invalid' }],
    [401, { code: 'staff_session_required' }, { code: 'staff_session_required' }],
    [401, { code: 'staff_session_expired' }, { code: 'staff_session_expired' }],
    [403, { code: 'forbidden' }, { code: 'staff_forbidden' }],
    [422, { code: 'audit_hash_mismatch' }, { code: 'conflict' }],
    [422, { code: 'audit_event_conflict' }, { code: 'conflict' }],
  ])('maps %i %j', (status, body, expected) => {
    expect(toAppError(httpError(status, body), now)).toEqual(expected);
  });

  // The transport renews the kiosk token and retries once on `auth`: a staff refusal must not
  // be that code, or a wrong PIN would be tried twice.
  it('keeps the kiosk token refusal apart from the staff ones', () => {
    expect(toAppError(httpError(401, { code: 'unauthorized' }), now)).toEqual({ code: 'auth' });
  });

  it('gives a limited sign-in its Retry-After', () => {
    const limited = httpError(429, { code: 'rate_limited' }, { 'retry-after': '840' });
    expect(toAppError(limited, now)).toEqual({ code: 'rate_limited', retryAfterSeconds: 840 });
  });
});
