import { describe, expect, it } from 'vitest';
import profileJson from '../../resources/institutions/umontpellier.json';
import { createEmailCooldown, memoryCooldownCounters } from './email-cooldown';
import { createActivationJourney } from './journey-activation';
import type { JourneyDeps } from './journey-deps';
import { createPasswordJourney } from './journey-password';
import { createPasswordGuard } from './journey-policy';
import type { AccountService, Journey, JourneyStore } from './journey-ports';
import { createLockout, memoryAttemptCounters } from './lockout';
import type { InstitutionProfile } from './profile';
import { err, ok } from './result';
import { CODE_MAX_FAILURES, createSentCodes } from './sent-codes';

// The codes the kiosk e-mailed, as the activation and reset use cases remember them: "an e-mail
// was sent at…" after an idle reset, and "cancelled" once the API dropped a code.
const profile = profileJson as InstitutionProfile;
const VALID_UNTIL = '2026-11-26T10:00:00.000Z';
const GOOD = 'Kx9#mPq2vL';

/** A central API whose code is `right` until it has seen CODE_MAX_FAILURES wrong ones. */
function codeApi(right = '12345678') {
  let failures = 0;
  let live = true;
  const check = (code: string) => {
    if (live && code === right) return true;
    if (live && (failures += 1) >= CODE_MAX_FAILURES) live = false;
    return false;
  };
  const account = { status: 'active' as const, leavingYear: null };
  const sent = { maskedEmail: 'e*****d@example.org', validUntil: VALID_UNTIL };
  const api: AccountService = {
    sendActivationEmail: async () => {
      failures = 0;
      live = true;
      return ok(sent);
    },
    checkActivationCode: async (_id, code) =>
      check(code) ? ok({ validUntil: VALID_UNTIL }) : err({ code: 'code_invalid' }),
    activate: async (_id, { code }) => (check(code) ? ok(account) : err({ code: 'code_invalid' })),
    requestPasswordReset: async () => {
      failures = 0;
      live = true;
      return ok(sent);
    },
    resetPassword: async (_id, { code }) =>
      check(code) ? ok(account) : err({ code: 'code_invalid' }),
    changePassword: async () => ok(account),
    charter: async () => err({ code: 'network' }),
    openStudentSession: async () => ok({ session: 's', account }),
    mailRedirection: async () => ok({ address: null, keepCopy: true }),
    setMailRedirection: async (_i, _s, redirection) => ok(redirection),
  };
  return api;
}

function setup() {
  let now = new Date('2026-11-25T17:48:00Z');
  const open = new Map<string, Journey>();
  const journeys: JourneyStore = {
    open: (data) => {
      const journey = { ...data, journeyId: `j${open.size + 1}` };
      open.set(journey.journeyId, journey);
      return journey;
    },
    get: (id) => open.get(id) ?? null,
    end: (id) => void open.delete(id),
  };
  const deps: JourneyDeps = {
    journeys,
    accounts: codeApi(),
    guard: createPasswordGuard(profile.password, async () => ({ has: () => false })),
    profile,
    newKey: () => 'key',
    limits: {
      credentials: createLockout(memoryAttemptCounters()),
      emails: createEmailCooldown(memoryCooldownCounters()),
      credentialKey: (identifier) => `c:${identifier}`,
      emailKey: (identifier) => `e:${identifier}`,
      clock: { now: () => now },
    },
    sentCodes: createSentCodes(),
  };
  const identify = () =>
    journeys.open({
      identifier: 'endiayebrule',
      firstName: 'Éloïse',
      lastName: 'Ndiaye',
      birthDate: '2001-03-14',
      leavingYear: null,
      studentSession: null,
    }).journeyId;
  return {
    identify,
    later: (seconds: number) => (now = new Date(now.getTime() + seconds * 1000)),
    activation: createActivationJourney(deps),
    passwords: createPasswordJourney(deps),
  };
}

describe('codes sent by this kiosk', () => {
  it('a student identified again (after an idle reset) learns when their e-mail was sent', async () => {
    const s = setup();
    const first = s.identify();
    expect(await s.activation.recentEmail({ journeyId: first })).toEqual(ok(null));
    const sent = await s.activation.sendEmail({ journeyId: first });
    expect(sent).toEqual(
      ok({
        maskedEmail: 'e*****d@example.org',
        validUntil: VALID_UNTIL,
        sentAt: '2026-11-25T17:48:00.000Z',
        cancelled: false,
      }),
    );
    s.later(300); // the idle wipe; the student comes back and identifies again
    const again = s.identify();
    expect(await s.activation.recentEmail({ journeyId: again })).toEqual(sent);
    // A reset code is another code: it is not the activation e-mail.
    expect(await s.passwords.recentReset({ journeyId: again })).toEqual(ok(null));
  });

  it('forgets an e-mail once its code expired, or was used', async () => {
    const s = setup();
    const journeyId = s.identify();
    await s.activation.sendEmail({ journeyId });
    s.later(24 * 3600);
    expect(await s.activation.recentEmail({ journeyId })).toEqual(ok(null));

    await s.passwords.requestReset({ journeyId });
    expect((await s.passwords.recentReset({ journeyId })).ok).toBe(true);
    const done = await s.passwords.completeReset({ journeyId, code: '12345678', password: GOOD });
    expect(done.ok).toBe(true);
    expect(await s.passwords.recentReset({ journeyId })).toEqual(ok(null));
  });

  it('after too many wrong codes says the code was cancelled, also for the right one', async () => {
    const s = setup();
    const journeyId = s.identify();
    await s.activation.sendEmail({ journeyId });
    for (let i = 1; i < CODE_MAX_FAILURES; i += 1) {
      const wrong = await s.activation.checkCode({ journeyId, code: '00000000' });
      expect(wrong).toEqual(err({ code: 'code_invalid' }));
    }
    const last = await s.activation.checkCode({ journeyId, code: '00000000' });
    expect(last).toEqual(err({ code: 'code_cancelled' }));
    // The API dropped the code: the right one is refused too, and the kiosk says why.
    const right = await s.activation.checkCode({ journeyId, code: '12345678' });
    expect(right).toEqual(err({ code: 'code_cancelled' }));
    const again = s.identify();
    const recent = await s.activation.recentEmail({ journeyId: again });
    expect(recent.ok && recent.value?.cancelled).toBe(true);

    // A new e-mail, a new code: its count starts afresh.
    s.later(120);
    const resent = await s.activation.sendEmail({ journeyId: again });
    expect(resent.ok && resent.value.cancelled).toBe(false);
    expect((await s.activation.checkCode({ journeyId: again, code: '12345678' })).ok).toBe(true);
  });

  it('says a reset code was cancelled after too many wrong ones', async () => {
    const s = setup();
    const journeyId = s.identify();
    await s.passwords.requestReset({ journeyId });
    const answers = [];
    for (let i = 0; i < CODE_MAX_FAILURES + 1; i += 1) {
      const code = i === CODE_MAX_FAILURES ? '12345678' : '00000000';
      answers.push(await s.passwords.completeReset({ journeyId, code, password: GOOD }));
    }
    const codes = answers.map((a) => (a.ok ? 'ok' : a.error.code));
    expect(codes).toEqual([
      ...Array<string>(CODE_MAX_FAILURES - 1).fill('code_invalid'),
      'code_cancelled',
      'code_cancelled',
    ]);
  });

  it('a code sent from elsewhere (no record here) stays "not valid"', async () => {
    const s = setup();
    const journeyId = s.identify();
    for (let i = 0; i < CODE_MAX_FAILURES + 1; i += 1) {
      const wrong = await s.activation.checkCode({ journeyId, code: '00000000' });
      expect(wrong).toEqual(err({ code: 'code_invalid' }));
    }
  });
});
