import { describe, expect, it } from 'vitest';
import type { AppError } from '../core/result';
import { judge } from './verdict';

const failed = (error: AppError, status: number | null, apiCode: string | null = null) => ({
  result: { ok: false as const, error },
  status,
  apiCode,
});

describe('what an attempt means for an outbox row', () => {
  it('records the answer of a success', () => {
    expect(
      judge({ result: { ok: true, value: { a: 1 } }, status: 200, apiCode: null }, 0, () => 0),
    ).toEqual({ kind: 'sent', resultJson: '{"a":1}' });
  });

  it.each([
    [failed({ code: 'network' }, null), 'no answer network'],
    [failed({ code: 'timeout' }, null), 'no answer timeout'],
    [failed({ code: 'unavailable' }, 503, 'unavailable'), '503 unavailable'],
    [failed({ code: 'server' }, 500, 'internal'), '500 internal'],
    [failed({ code: 'malformed_response' }, 200), '200 malformed_response'],
    [failed({ code: 'auth' }, 401, 'unauthorized'), '401 unauthorized'],
    [failed({ code: 'internal' }, null), 'no answer internal'],
    [failed({ code: 'conflict' }, 409, 'idempotency_in_progress'), '409 idempotency_in_progress'],
  ])('retries %#: %s', (exchange, error) => {
    expect(judge(exchange, 2, () => 0.5)).toMatchObject({ kind: 'retry', error, delayMs: 2_000 });
  });

  it('waits at least what Retry-After says', () => {
    const limited = failed({ code: 'rate_limited', retryAfterSeconds: 120 }, 429, 'rate_limited');
    expect(judge(limited, 0, () => 0.99)).toMatchObject({ kind: 'retry', delayMs: 120_000 });
  });

  it.each([
    [
      failed({ code: 'invalid_credentials' }, 403, 'invalid_credentials'),
      '403 invalid_credentials',
    ],
    [
      failed({ code: 'password_policy', violations: ['digit'] }, 422, 'password_policy'),
      '422 password_policy',
    ],
    [failed({ code: 'invalid_input' }, 422, 'sealing_key_unknown'), '422 sealing_key_unknown'],
    [failed({ code: 'auth' }, 403, 'forbidden'), '403 forbidden'],
    [failed({ code: 'internal' }, 415, 'invalid_request'), '415 invalid_request'],
  ])('gives up on a refusal %#, with its reason', (exchange, reason) => {
    expect(judge(exchange, 0, () => 0)).toEqual({
      kind: 'dead',
      reason,
      appError: exchange.result.error,
    });
  });
});
