import { describe, expect, it } from 'vitest';
import type { AppError } from '../core/result';
import { boundCredential, judge, MAX_LIMITED_CREDENTIAL_ATTEMPTS } from './verdict';

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

describe('boundCredential', () => {
  const limited = failed({ code: 'rate_limited', retryAfterSeconds: 30 }, 429, 'rate_limited');
  const verdictAt = (attempts: number, limitedAttempts: number, credential = true) =>
    boundCredential(
      judge(limited, attempts, () => 0),
      { attempts, limitedAttempts },
      credential,
    );

  it('waits out a 429 at replay (Retry-After), then gives a credential up', () => {
    expect(verdictAt(4, 0)).toMatchObject({ kind: 'retry', delayMs: 30_000 });
    expect(verdictAt(5, MAX_LIMITED_CREDENTIAL_ATTEMPTS - 2)).toMatchObject({ kind: 'retry' });
    expect(verdictAt(6, MAX_LIMITED_CREDENTIAL_ATTEMPTS - 1)).toEqual({
      kind: 'dead',
      reason: `429 rate_limited, given up after ${MAX_LIMITED_CREDENTIAL_ATTEMPTS} limited attempts`,
      appError: { code: 'rate_limited', retryAfterSeconds: 30 },
    });
  });

  it('answers a 429 at once while the student waits, and leaves other writes alone', () => {
    expect(verdictAt(0, 0)).toMatchObject({ kind: 'dead' });
    expect(verdictAt(9, 9, false)).toMatchObject({ kind: 'retry' });
  });
});
