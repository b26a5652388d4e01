import { describe, expect, it } from 'vitest';
import profile from '../../resources/institutions/umontpellier.json';
import { createIdentify } from './identify';
import type { IdentityQuery } from './identity-input';
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
    save: (k, r) => void rows.set(k, r),
    find: (k) => rows.get(k) ?? null,
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
  const identify = createIdentify({
    directory: api,
    cache,
    keys: { identityKey: async (q) => `k:${q.studentNumber}:${q.birthDate}` },
    clock: { now: () => new Date('2026-11-25T10:00:00Z') },
    profile: profile as InstitutionProfile,
  });
  return { identify, cache };
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
