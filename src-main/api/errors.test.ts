import { AxiosError, AxiosHeaders, type AxiosResponse } from 'axios';
import { describe, expect, it } from 'vitest';
import { parseRetryAfter, toAppError } from './errors';

const now = new Date('2026-11-25T10:00:00Z');

function httpError(
  status: number,
  data: unknown,
  headers: Record<string, string> = {},
): AxiosError {
  const response = {
    status,
    data,
    headers,
    statusText: '',
    config: { headers: new AxiosHeaders() },
  } as AxiosResponse;
  return new AxiosError('failed', 'ERR_BAD_RESPONSE', undefined, undefined, response);
}

describe('toAppError', () => {
  it.each([
    [400, {}, 'invalid_input'],
    [401, { code: 'unauthorized' }, 'auth'],
    [404, { code: 'identification_failed' }, 'identification_failed'],
    [404, { code: 'not_found' }, 'not_found'],
    [409, {}, 'conflict'],
    [410, { code: 'cursor_expired' }, 'conflict'],
    [500, 'oops', 'server'],
    [503, {}, 'unavailable'],
  ])('maps HTTP %i %j to %s', (status, body, code) => {
    expect(toAppError(httpError(status, body), now).code).toBe(code);
  });

  it('keeps Retry-After with 429', () => {
    expect(toAppError(httpError(429, {}, { 'retry-after': '7' }), now)).toEqual({
      code: 'rate_limited',
      retryAfterSeconds: 7,
    });
  });

  it('tells timeouts and network failures apart', () => {
    expect(toAppError(new AxiosError('t', AxiosError.ECONNABORTED), now).code).toBe('timeout');
    expect(toAppError(new AxiosError('reset', 'ECONNRESET'), now).code).toBe('network');
    expect(toAppError(new Error('not axios'), now).code).toBe('internal');
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter('Wed, 25 Nov 2026 10:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
