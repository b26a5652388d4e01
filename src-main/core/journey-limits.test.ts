import { describe, expect, it } from 'vitest';
import { createEmailCooldown, memoryCooldownCounters } from './email-cooldown';
import { checkCredential, sendWithCooldown, type JourneyLimits } from './journey-limits';
import { createLimitResets } from './limit-resets';
import { createLockout, memoryAttemptCounters } from './lockout';
import { err, ok, type ErrorCode } from './result';

const NOW = new Date('2026-11-25T10:00:00Z');

function limits(): JourneyLimits {
  return {
    credentials: createLockout(memoryAttemptCounters()),
    emails: createEmailCooldown(memoryCooldownCounters()),
    credentialKey: (identifier) => `c:${identifier}`,
    emailKey: (identifier) => `e:${identifier}`,
    clock: { now: () => NOW },
  };
}

const answer = (code: ErrorCode | 'ok' | 'queued') => async () =>
  code === 'ok' || code === 'queued' ? ok({ queued: code === 'queued' }) : err({ code });
const check = (l: JourneyLimits, code: ErrorCode | 'ok' | 'queued') =>
  checkCredential(l, 'nmai', answer(code), (v) => v.queued);

describe('checkCredential', () => {
  it('counts wrong passwords and the API’s 429s, and locks after five', async () => {
    const l = limits();
    for (const code of ['invalid_credentials', 'rate_limited', 'invalid_credentials'] as const)
      await check(l, code);
    await check(l, 'invalid_credentials');
    await check(l, 'invalid_credentials');
    expect(await check(l, 'ok')).toEqual({
      ok: false,
      error: { code: 'locked_out', retryAfterSeconds: 60 },
    });
  });

  it('keeps a password queued offline counted, and refunds what tested nothing', async () => {
    const l = limits();
    for (let i = 0; i < 10; i += 1) await check(l, 'not_available_offline');
    for (let i = 0; i < 10; i += 1) await check(l, 'already_pending');
    for (let i = 0; i < 5; i += 1) expect((await check(l, 'queued')).ok).toBe(true);
    expect(await check(l, 'queued')).toMatchObject({ ok: false, error: { code: 'locked_out' } });
  });

  it('forgets the failures after a right password', async () => {
    const l = limits();
    for (let i = 0; i < 4; i += 1) await check(l, 'invalid_credentials');
    await check(l, 'ok');
    for (let i = 0; i < 4; i += 1) await check(l, 'invalid_credentials');
    expect((await check(l, 'ok')).ok).toBe(true);
  });
});

describe('sendWithCooldown', () => {
  it('refuses a second send with the seconds left, and gives back a send that failed', async () => {
    const l = limits();
    expect((await sendWithCooldown(l, 'nmai', answer('network'))).ok).toBe(false);
    expect((await sendWithCooldown(l, 'nmai', answer('ok'))).ok).toBe(true);
    expect(await sendWithCooldown(l, 'nmai', answer('ok'))).toEqual({
      ok: false,
      error: { code: 'email_cooldown', retryAfterSeconds: 60 },
    });
  });
});

describe('createLimitResets (staff mode)', () => {
  it('clears the kiosk delay and one number’s and one account’s lock', async () => {
    const identification = createLockout(memoryAttemptCounters());
    const l = limits();
    const resets = createLimitResets({
      identification,
      credentials: l.credentials,
      numberKey: async (n) => `n:${n}`,
      identifierKey: l.credentialKey,
    });
    for (let i = 0; i < 30; i += 1) identification.failed(i < 5 ? 'n:21901234' : `n:${i}`, NOW);
    for (let i = 0; i < 5; i += 1) await check(l, 'invalid_credentials');
    expect(identification.retryAfter('n:anyone', NOW)).not.toBeNull();

    resets.clearKioskBudget();
    expect(identification.retryAfter('n:anyone', NOW)).toBeNull();
    expect(identification.retryAfter('n:21901234', NOW)).toBe(60);
    await resets.clearStudentNumberLockout(' 21901234 ');
    expect(identification.retryAfter('n:21901234', NOW)).toBeNull();
    expect((await check(l, 'ok')).ok).toBe(false);
    resets.clearAccountLockout('NMai ');
    expect((await check(l, 'ok')).ok).toBe(true);
  });
});
