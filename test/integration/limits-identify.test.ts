import { describe, expect, it } from 'vitest';
import { DEFAULT_LOCKOUT_POLICY } from '../../src-main/core/lockout';
import type { AppError, Result } from '../../src-main/core/result';
import { useJourneyKiosk } from '../support/journey-kiosk';

// Identification limits under concurrency: many calls fired at once through the real dispatch,
// against the simulator over HTTP; the simulator's own request count says how many got through.

const ELOISE = { studentNumber: '21901234', birthDate: '14032001' };
const IDENTIFY = 'POST /v1/identify';

const setup = useJourneyKiosk();

/** Wrong birth dates for one number: all valid dates, all different. */
function wrongDates(count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const day = String((i % 28) + 1).padStart(2, '0');
    const year = 1990 + Math.floor(i / 28);
    return `${day}01${year}`;
  });
}

const identify = (form: { studentNumber: string; birthDate: string }) =>
  setup.current.kiosk.dispatch('student.identify', form) as Promise<Result<unknown, AppError>>;

describe('identification limits under concurrency', () => {
  it('lets no more than the allowed guesses for one number reach the API, the right one late', async () => {
    const forms = wrongDates(99).map((birthDate) => ({ ...ELOISE, birthDate }));
    forms.push(ELOISE);
    const results = await Promise.all(forms.map(identify));

    expect(setup.current.served(IDENTIFY)).toBeLessThanOrEqual(
      DEFAULT_LOCKOUT_POLICY.failuresBeforeLock,
    );
    // The right date came after the lock was reached: it is refused like the others.
    const last = results[results.length - 1]!;
    expect(last.ok).toBe(false);
    expect(results.filter((r) => r.ok)).toEqual([]);
    const refused = results.filter((r) => !r.ok && r.error.code === 'locked_out');
    expect(refused.length).toBeGreaterThanOrEqual(100 - DEFAULT_LOCKOUT_POLICY.failuresBeforeLock);
    for (const r of refused) expect(r.ok ? 0 : r.error.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('keeps parallel guesses over many numbers within the kiosk allowance', async () => {
    const forms = Array.from({ length: 120 }, (_, i) => ({
      studentNumber: String(30_000_000 + i),
      birthDate: '01012000',
    }));
    const results = await Promise.all(forms.map(identify));
    expect(setup.current.served(IDENTIFY)).toBeLessThanOrEqual(
      DEFAULT_LOCKOUT_POLICY.kioskFreeFailures,
    );
    // Beyond the allowance the kiosk asks to wait (a short, growing delay), it does not say no.
    const waits = results.flatMap((r) =>
      !r.ok && r.error.code === 'locked_out' ? [r.error.retryAfterSeconds ?? 0] : [],
    );
    expect(waits.length).toBeGreaterThanOrEqual(120 - DEFAULT_LOCKOUT_POLICY.kioskFreeFailures);
    for (const wait of waits) {
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(DEFAULT_LOCKOUT_POLICY.kioskDelayCapSeconds);
    }
  });
});
