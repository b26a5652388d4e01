import { describe, expect, it } from 'vitest';
import profileJson from '../../resources/institutions/umontpellier.json';
import { createEmailCooldown, memoryCooldownCounters } from './email-cooldown';
import { createActivationJourney } from './journey-activation';
import type { JourneyLimits } from './journey-limits';
import { createLockout, memoryAttemptCounters } from './lockout';
import type { JourneyDeps } from './journey-deps';
import { createMailJourney } from './journey-mail';
import { createPasswordJourney } from './journey-password';
import { createPasswordGuard } from './journey-policy';
import type { AccountService, Journey, JourneyData, JourneyStore } from './journey-ports';
import type { InstitutionProfile } from './profile';
import { err, ok } from './result';
import { createSentCodes } from './sent-codes';

// The use cases against small in-memory ports: a central API that records what reached it, and
// a journey store. The real ones run in test/integration/journeys.test.ts.
const profile = profileJson as InstitutionProfile;

function memoryJourneys(): JourneyStore {
  const open = new Map<string, Journey>();
  return {
    open: (data: JourneyData) => {
      const journey = { ...data, journeyId: `j${open.size + 1}` };
      open.set(journey.journeyId, journey);
      return journey;
    },
    get: (id) => open.get(id) ?? null,
    end: (id) => void open.delete(id),
  };
}

function recordingApi(overrides: Partial<AccountService> = {}) {
  const calls: { op: string; args: unknown[] }[] = [];
  const account = { status: 'active' as const, leavingYear: '2025-2026' };
  const sent = { maskedEmail: 'e*****d@example.org', validUntil: '2026-11-26T10:00:00Z' };
  const api: AccountService = {
    sendActivationEmail: async () => ok(sent),
    checkActivationCode: async () => ok({ validUntil: sent.validUntil }),
    activate: async () => ok(account),
    requestPasswordReset: async () => ok(sent),
    resetPassword: async () => ok(account),
    changePassword: async () => ok(account),
    charter: async () => err({ code: 'network' }),
    openStudentSession: async () => ok({ session: 's3ss10n', account }),
    mailRedirection: async () => ok({ address: null, keepCopy: true }),
    setMailRedirection: async (_i, _s, redirection) => ok(redirection),
    ...overrides,
  };
  const recorded = Object.fromEntries(
    Object.entries(api).map(([op, f]) => [
      op,
      (...args: unknown[]) => {
        calls.push({ op, args });
        return (f as (...a: unknown[]) => unknown)(...args);
      },
    ]),
  ) as unknown as AccountService;
  return { api: recorded, calls };
}

/** The journeys' limits over counters in memory, keyed by the identifier itself. */
function memoryLimits(now = () => new Date('2026-11-25T10:00:00Z')): JourneyLimits {
  return {
    credentials: createLockout(memoryAttemptCounters()),
    emails: createEmailCooldown(memoryCooldownCounters()),
    credentialKey: (identifier) => `c:${identifier}`,
    emailKey: (identifier) => `e:${identifier}`,
    clock: { now },
  };
}

function setup(api = recordingApi()) {
  const journeys = memoryJourneys();
  let keys = 0;
  const deps: JourneyDeps = {
    journeys,
    accounts: api.api,
    guard: createPasswordGuard(profile.password, async () => ({ has: (w) => w === 'soleil' })),
    profile,
    newKey: () => `key-${++keys}`,
    limits: memoryLimits(),
    sentCodes: createSentCodes(),
  };
  const eloise = journeys.open({
    identifier: 'endiayebrule',
    firstName: 'Éloïse',
    lastName: "N'Diaye-Brûlé",
    birthDate: '2001-03-14',
    leavingYear: null,
    studentSession: null,
  });
  return {
    calls: api.calls,
    journeys,
    journeyId: eloise.journeyId,
    activation: createActivationJourney(deps),
    passwords: createPasswordJourney(deps),
    mail: createMailJourney(deps),
  };
}

const GOOD = 'Kx9#mPq2vL';

describe('activation use cases', () => {
  it('activates with the normalised code, a fresh idempotency key, and says until when', async () => {
    const s = setup();
    const done = await s.activation.complete({
      journeyId: s.journeyId,
      code: ' 1234-5678 ',
      charterVersion: '2025-09',
      password: GOOD,
    });
    expect(done).toEqual({
      ok: true,
      value: {
        identifier: 'endiayebrule',
        entUrl: profile.entUrl,
        accessUntil: '2026-12-31',
        receipt: null,
      },
    });
    expect(s.calls).toEqual([
      {
        op: 'activate',
        args: [
          'endiayebrule',
          { code: '12345678', charterVersion: '2025-09', password: GOOD },
          'key-1',
        ],
      },
    ]);
  });

  it('refuses a password against the policy, personal data included, before any request', async () => {
    const s = setup();
    const input = { journeyId: s.journeyId, code: '12345678', charterVersion: '2025-09' };
    expect(await s.activation.complete({ ...input, password: 'Eloise#2024x' })).toEqual({
      ok: false,
      error: { code: 'password_policy', violations: ['not_personal_data'] },
    });
    expect(await s.activation.complete({ ...input, password: 'Kx#14032001q' })).toEqual({
      ok: false,
      error: { code: 'password_policy', violations: ['not_personal_data'] },
    });
    expect(await s.activation.complete({ ...input, password: 'Soleil2024!' })).toEqual({
      ok: false,
      error: { code: 'password_policy', violations: ['not_dictionary_word'] },
    });
    expect(s.calls).toEqual([]);
  });

  it('answers journey_expired for an unknown or ended journey, without a request', async () => {
    const s = setup();
    s.journeys.end(s.journeyId);
    for (const result of [
      await s.activation.sendEmail({ journeyId: s.journeyId }),
      await s.activation.checkCode({ journeyId: s.journeyId, code: '1' }),
      await s.passwords.requestReset({ journeyId: 'unknown' }),
      await s.mail.setRedirection({ journeyId: 'unknown', address: null, keepCopy: true }),
    ]) {
      expect(result).toEqual({ ok: false, error: { code: 'journey_expired' } });
    }
    expect(s.calls).toEqual([]);
  });

  it('refuses a code made of separators only', async () => {
    const s = setup();
    expect(await s.activation.checkCode({ journeyId: s.journeyId, code: ' - ' })).toEqual({
      ok: false,
      error: { code: 'code_invalid' },
    });
  });
});

describe('password use cases', () => {
  it('changes a password with the identifier normalised, checking it first', async () => {
    const s = setup();
    const refused = await s.passwords.change({
      identifier: ' ZLefevre ',
      currentPassword: 'old',
      newPassword: 'zlefevre#2024X',
    });
    expect(refused).toEqual({
      ok: false,
      error: { code: 'password_policy', violations: ['not_personal_data'] },
    });
    const done = await s.passwords.change({
      identifier: ' ZLefevre ',
      currentPassword: 'old',
      newPassword: GOOD,
    });
    expect(done.ok).toBe(true);
    expect(s.calls).toEqual([
      {
        op: 'changePassword',
        args: ['zlefevre', { currentPassword: 'old', password: GOOD }, 'key-1'],
      },
    ]);
  });

  it('passes the central API’s refusal through', async () => {
    const s = setup(recordingApi({ resetPassword: async () => err({ code: 'code_expired' }) }));
    expect(
      await s.passwords.completeReset({ journeyId: s.journeyId, code: '1', password: GOOD }),
    ).toEqual({ ok: false, error: { code: 'code_expired' } });
  });
});

describe('mail use cases', () => {
  it('logs in, keeps the session in the journey only, and redirects', async () => {
    const s = setup();
    const opened = await s.mail.open({ identifier: 'zlefevre', password: 'pw' });
    expect(opened).toEqual({
      ok: true,
      value: {
        journeyId: expect.any(String),
        identifier: 'zlefevre',
        redirection: { address: null, keepCopy: true },
        offline: false,
        currentKnown: true,
      },
    });
    const journeyId = opened.ok ? opened.value.journeyId : '';
    expect(s.journeys.get(journeyId)?.studentSession).toBe('s3ss10n');
    const set = await s.mail.setRedirection({
      journeyId,
      address: ' Zoe@Example.NET ',
      keepCopy: false,
    });
    expect(set).toEqual({
      ok: true,
      value: expect.objectContaining({
        identifier: 'zlefevre',
        accessUntil: '2026-12-31',
        redirection: { address: 'Zoe@example.net', keepCopy: false },
      }),
    });
    // Removing a redirection keeps every message in the university mailbox.
    const removed = await s.mail.setRedirection({ journeyId, address: null, keepCopy: false });
    expect(removed.ok && removed.value.redirection).toEqual({ address: null, keepCopy: true });
  });

  it('refuses a bad or university address before any request', async () => {
    const s = setup();
    const opened = await s.mail.open({ identifier: 'zlefevre', password: 'pw' });
    const journeyId = opened.ok ? opened.value.journeyId : '';
    s.calls.length = 0;
    expect(await s.mail.setRedirection({ journeyId, address: 'zoe@', keepCopy: true })).toEqual({
      ok: false,
      error: { code: 'invalid_email', fields: [{ field: 'address', reason: 'email_format' }] },
    });
    expect(
      await s.mail.setRedirection({ journeyId, address: 'z@etu.umontpellier.fr', keepCopy: true }),
    ).toEqual({
      ok: false,
      error: { code: 'invalid_email', fields: [{ field: 'address', reason: 'email_own_domain' }] },
    });
    expect(s.calls).toEqual([]);
  });

  it('offline: keeps the password sealed only, and queues the redirection with a receipt', async () => {
    const receipt = { reference: 'ABCD-EFGH', acceptedAt: '2026-11-25T10:00:00.000Z' };
    const queued: unknown[] = [];
    const s = setup(
      recordingApi({
        openStudentSession: async () => err({ code: 'not_available_offline' }),
        sealPassword: async (password) => `sealed(${password.length})`,
        setMailRedirectionWithPassword: async (identifier, sealed, redirection) => {
          queued.push({ identifier, sealed, redirection });
          return ok({ redirection, receipt });
        },
      }),
    );
    const opened = await s.mail.open({ identifier: 'zlefevre', password: 'pw' });
    expect(opened).toMatchObject({ ok: true, value: { offline: true, currentKnown: false } });
    const journeyId = opened.ok ? opened.value.journeyId : '';
    const journey = s.journeys.get(journeyId);
    expect(journey).toMatchObject({ studentSession: null, sealedPassword: 'sealed(2)' });
    expect(JSON.stringify(journey)).not.toContain('"pw"');
    const set = await s.mail.setRedirection({
      journeyId,
      address: 'zoe@example.net',
      keepCopy: true,
    });
    expect(set).toMatchObject({
      ok: true,
      value: { receipt, redirection: { address: 'zoe@example.net', keepCopy: true } },
    });
    expect(queued).toEqual([
      {
        identifier: 'zlefevre',
        sealed: 'sealed(2)',
        redirection: { address: 'zoe@example.net', keepCopy: true },
      },
    ]);
  });

  it('offline without a sealing key: the login needs the API', async () => {
    const s = setup(
      recordingApi({
        openStudentSession: async () => err({ code: 'not_available_offline' }),
        sealPassword: async () => null,
      }),
    );
    expect(await s.mail.open({ identifier: 'zlefevre', password: 'pw' })).toEqual({
      ok: false,
      error: { code: 'not_available_offline' },
    });
  });

  it('needs a login: an identification journey has no session', async () => {
    const s = setup();
    expect(
      await s.mail.setRedirection({ journeyId: s.journeyId, address: null, keepCopy: true }),
    ).toEqual({ ok: false, error: { code: 'journey_expired' } });
  });

  it('ends the journey when the central API says the session expired', async () => {
    const s = setup(
      recordingApi({ setMailRedirection: async () => err({ code: 'journey_expired' }) }),
    );
    const opened = await s.mail.open({ identifier: 'zlefevre', password: 'pw' });
    const journeyId = opened.ok ? opened.value.journeyId : '';
    await s.mail.setRedirection({ journeyId, address: null, keepCopy: true });
    expect(s.journeys.get(journeyId)).toBeNull();
  });
});
