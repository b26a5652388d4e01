import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createAtRest, payloadAad } from './at-rest';
import { refusedByApi, rekeyForRetry } from './revive';

// A dead letter the API refused must go out under a new key when the desk retries it, or the
// API's kept answer refuses it again; its payload opens under the new key only.

const atRest = createAtRest(randomBytes(32));
const body = '{"currentPassword":{"type":"sealed","jwe":"x"}}';
const row = (lastError: string | null) => ({
  lastError,
  idempotencyKey: 'old-key-0123456789',
  payloadJson: atRest.seal(body, payloadAad('old-key-0123456789')),
});

describe('a retried dead letter', () => {
  it('takes a new key, its payload sealed again for it, when the API refused it', () => {
    const rekeyed = rekeyForRetry(row('409 account_state'), atRest, () => 'new-key-0123456789');
    expect(rekeyed?.key).toBe('new-key-0123456789');
    expect(atRest.open(rekeyed!.payloadJson, payloadAad('new-key-0123456789'))).toBe(body);
    expect(atRest.open(rekeyed!.payloadJson, payloadAad('old-key-0123456789'))).toBeNull();
  });

  it('keeps its key when the API never refused it (rate limits, unreadable, no answer)', () => {
    for (const lastError of [
      '429 rate_limited, given up after 3 limited attempts',
      '0 unreadable_at_rest',
      'no answer internal',
      null,
    ]) {
      expect(refusedByApi(lastError), String(lastError)).toBe(false);
      expect(rekeyForRetry(row(lastError), atRest)).toBeUndefined();
    }
    expect(refusedByApi('403 invalid_credentials')).toBe(true);
  });

  it('keeps a payload that no longer opens as it is', () => {
    const other = createAtRest(randomBytes(32));
    const sealedElsewhere = { ...row('409 account_state'), payloadJson: other.seal(body, 'x') };
    expect(rekeyForRetry(sealedElsewhere, atRest)).toBeUndefined();
  });
});
