import { describe, expect, it } from 'vitest';
import profile from '../../resources/institutions/umontpellier.json';
import { createIdentify } from './identify';
import type { IdentityQuery } from './identity-input';
import type { JourneyData } from './journey-ports';
import { createLockout, DEFAULT_LOCKOUT_POLICY, memoryAttemptCounters } from './lockout';
import type { AccountDirectory, DirectoryCache } from './ports';
import type { InstitutionProfile } from './profile';
import { err, ok, type AppError } from './result';
import type { StudentRecord } from './student';

// Core runs against its ports. These are small, real in-memory implementations (the SQLite and
// HTTP ones are exercised in test/integration against real files and the simulator).
const record: StudentRecord = {
  identifier: 'endiayebrule',
  firstName: 'Éloïse',
  lastName: "N'Diaye-Brûlé",
  enrollments: [
    { academicYear: '2025-2026', program: 'L1 Informatique', validatedAt: '2025-09-02T08:00:00Z' },
    { academicYear: '2026-2027', program: 'L2 Informatique', validatedAt: '2026-09-02T08:00:00Z' },
  ],
  account: { status: 'not_activated', activatedAt: null, leavingYear: null },
};

function memoryCache(): DirectoryCache & { size(): number } {
  const rows = new Map<string, StudentRecord>();
  return {
    save: (q, r) => void rows.set(`${q.studentNumber}:${q.birthDate}`, r),
    find: (q) => rows.get(`${q.studentNumber}:${q.birthDate}`) ?? null,
    size: () => rows.size,
  };
}

function directory(
  answer: (q: IdentityQuery) => StudentRecord | AppError,
): AccountDirectory & { calls: number } {
  const api = {
    calls: 0,
    identify: async (q: IdentityQuery) => {
      api.calls += 1;
      const a = answer(q);
      return 'code' in a ? err(a) : ok(a);
    },
  };
  return api;
}

function setup(api: AccountDirectory, cache = memoryCache()) {
  const opened: JourneyData[] = [];
  const identify = createIdentify({
    directory: api,
    cache,
    keys: {
      attemptKey: async (n) => `a:${n}`,
    },
    clock: { now: () => new Date('2026-11-25T10:00:00Z') },
    profile: profile as InstitutionProfile,
    journeys: {
      open: (data) => {
        opened.push(data);
        return { journeyId: `j${opened.length}`, ...data };
      },
    },
    lockout: createLockout(memoryAttemptCounters()),
  });
  return { identify, cache, opened };
}

const form = { studentNumber: '21901234', birthDate: '14032001' };

describe('identify', () => {
  it('returns the identifier and only this academic year’s enrolments', async () => {
    const { identify } = setup(directory(() => record));
    const result = await identify(form);
    expect(result).toEqual({
      ok: true,
      value: expect.objectContaining({
        identifier: 'endiayebrule',
        academicYear: '2026-2027',
        enrollments: [expect.objectContaining({ program: 'L2 Informatique' })],
        source: 'online',
      }),
    });
  });

  it('tells a student who left until when the ENT stays open (31/12 of the leaving year)', async () => {
    const left = { ...record, account: { ...record.account, leavingYear: '2025-2026' } };
    expect(await setup(directory(() => left)).identify(form)).toEqual({
      ok: true,
      value: expect.objectContaining({ accessUntil: '2026-12-31' }),
    });
    expect(await setup(directory(() => record)).identify(form)).toEqual({
      ok: true,
      value: expect.objectContaining({ accessUntil: null }),
    });
  });

  it('opens a journey that keeps the birth date in memory, with the activation state', async () => {
    const { identify, opened } = setup(
      directory(() => ({ ...record, maskedEmail: 'e*****d@example.org' })),
    );
    const result = await identify(form);
    expect(result).toEqual({
      ok: true,
      value: expect.objectContaining({
        journeyId: 'j1',
        maskedEmail: 'e*****d@example.org',
        activation: { state: 'ready', maskedEmail: 'e*****d@example.org' },
      }),
    });
    expect(opened).toEqual([
      expect.objectContaining({ identifier: 'endiayebrule', birthDate: '2001-03-14' }),
    ]);
  });

  it('computes the activation state from the cache when offline, without an address', async () => {
    let online = true;
    const { identify } = setup(directory(() => (online ? record : { code: 'network' })));
    await identify(form);
    online = false;
    const result = await identify(form);
    expect(result.ok && result.value.activation).toEqual({ state: 'ready', maskedEmail: null });
  });

  it('never calls the API for malformed input', async () => {
    const api = directory(() => record);
    const { identify } = setup(api);
    const result = await identify({ studentNumber: '12', birthDate: '31022001' });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        fields: [
          { field: 'studentNumber', reason: 'length' },
          { field: 'birthDate', reason: 'date_invalid' },
        ],
      },
    });
    expect(api.calls).toBe(0);
  });

  it('answers from the cache when the API is unreachable', async () => {
    let online = true;
    const { identify } = setup(directory(() => (online ? record : { code: 'network' })));
    await identify(form);
    online = false;
    const result = await identify(form);
    expect(result.ok && result.value.source).toBe('cache');
  });

  it('does not use the cache when the API refuses the identity', async () => {
    let refuse = false;
    const { identify } = setup(
      directory(() => (refuse ? { code: 'identification_failed' } : record)),
    );
    await identify(form);
    refuse = true;
    expect(await identify(form)).toEqual({ ok: false, error: { code: 'identification_failed' } });
  });

  it('reports the outage when the student is not in the cache', async () => {
    const { identify } = setup(directory(() => ({ code: 'timeout' })));
    expect(await identify(form)).toEqual({ ok: false, error: { code: 'timeout' } });
  });
});

describe('identify under lockout', () => {
  const wrongDate = { studentNumber: '21901234', birthDate: '15032001' };
  const refuse = () =>
    directory((q) => (q.birthDate === '2001-03-14' ? record : { code: 'identification_failed' }));

  it('locks a number after five failures, without asking the API, whichever field was wrong', async () => {
    const api = refuse();
    const { identify } = setup(api);
    for (let i = 0; i < 5; i += 1)
      expect(await identify(wrongDate)).toEqual({
        ok: false,
        error: { code: 'identification_failed' },
      });
    const locked = { ok: false, error: { code: 'locked_out', retryAfterSeconds: 60 } };
    // Even the right date is refused now, with the same answer as a wrong one.
    expect(await identify(form)).toEqual(locked);
    expect(await identify(wrongDate)).toEqual(locked);
    expect(api.calls).toBe(5);
    expect((await identify({ studentNumber: '22004567', birthDate: '15032001' })).ok).toBe(false);
    expect(api.calls).toBe(6);
  });

  it('forgets the failures of a number once it is identified', async () => {
    const { identify } = setup(refuse());
    for (let i = 0; i < 4; i += 1) await identify(wrongDate);
    expect((await identify(form)).ok).toBe(true);
    for (let i = 0; i < 4; i += 1) await identify(wrongDate);
    expect((await identify(form)).ok).toBe(true);
  });

  it('counts misses of the cache while offline', async () => {
    const { identify } = setup(directory(() => ({ code: 'network' })));
    for (let i = 0; i < 5; i += 1)
      expect(await identify(wrongDate)).toEqual({ ok: false, error: { code: 'network' } });
    expect(await identify(wrongDate)).toEqual({
      ok: false,
      error: { code: 'locked_out', retryAfterSeconds: 60 },
    });
  });

  it('slows the whole kiosk down once its free allowance of failures is spent', async () => {
    const { identify } = setup(refuse());
    for (let i = 0; i < DEFAULT_LOCKOUT_POLICY.kioskFreeFailures; i += 1)
      await identify({ studentNumber: String(30_000_000 + i), birthDate: '15032001' });
    expect(await identify(form)).toEqual({
      ok: false,
      error: { code: 'locked_out', retryAfterSeconds: 2 },
    });
  });

  it('keeps a refusal by the API’s own limit counted, and refunds an attempt that tested nothing', async () => {
    let code: 'rate_limited' | 'auth' = 'auth';
    const api = directory(() => ({ code }));
    const { identify } = setup(api);
    for (let i = 0; i < 10; i += 1) await identify(wrongDate);
    expect(api.calls).toBe(10);
    code = 'rate_limited';
    for (let i = 0; i < 5; i += 1) await identify(wrongDate);
    expect((await identify(wrongDate)).ok ? null : 'locked').toBe('locked');
    expect(api.calls).toBe(15);
  });
});
