import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JOURNEY_PATHS } from '../../src-main/api/wire-journeys';
import type { Charter, EmailSent, JourneyDone } from '../../src-main/core/journeys';
import type { SentCode } from '../../src-main/core/sent-codes';
import type { IdentifiedStudent } from '../../src-main/core/student';
import { TOO_EARLY, useJourneyKiosk } from '../support/journey-kiosk';

// Activation ("1ère connexion") through the same dispatch the renderer's IPC calls go through,
// against the simulator over HTTP, with real SQLite files and the real keychain.

const ELOISE = { studentNumber: '21901234', birthDate: '14032001' };
const ELOISE_MAIL = 'eloise.nd@example.org';
const GOOD_PASSWORD = 'Kx9#mPq2vL';
const ACTIVATE = 'POST /v1/accounts/:identifier/activation';

const setup = useJourneyKiosk();
const { call } = setup;

async function identify(form = ELOISE) {
  return call<IdentifiedStudent>('student.identify', form);
}

describe('activation through the kiosk', () => {
  it('identifies, sends the e-mail, checks its code and activates with the charter', async () => {
    const student = await identify();
    expect(student).toMatchObject({
      journeyId: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      identifier: 'endiayebrule',
      maskedEmail: 'e*****d@example.org',
      activation: { state: 'ready', maskedEmail: 'e*****d@example.org' },
    });
    const { journeyId } = student;

    const charter = await call<Charter>('charter.get', {});
    expect(charter.paragraphs.fr.length).toBeGreaterThan(0);
    const sent = await call<EmailSent>('activation.sendEmail', { journeyId });
    expect(sent.maskedEmail).toBe('e*****d@example.org');
    expect(Date.parse(sent.validUntil) - Date.now()).toBeGreaterThan(23.9 * 3600_000);

    const [message] = await setup.current.mailbox(ELOISE_MAIL);
    expect(message?.link).toBe(`https://ent.umontpellier.fr/activation?code=${message?.code}`);
    const code = message!.code;
    expect(await call('activation.checkCode', { journeyId, code })).toEqual({
      validUntil: sent.validUntil,
    });
    const done = await call<JourneyDone>('activation.complete', {
      journeyId,
      code,
      charterVersion: charter.version,
      password: GOOD_PASSWORD,
    });
    expect(done).toEqual({
      identifier: 'endiayebrule',
      entUrl: 'https://ent.umontpellier.fr',
      accessUntil: null,
      receipt: null,
    });
    expect((await identify()).activation).toEqual({ state: 'already_active' });
    // The new password opens the mail settings.
    expect(
      (
        await setup.current.kiosk.dispatch('mail.open', {
          identifier: 'endiayebrule',
          password: GOOD_PASSWORD,
        })
      ).ok,
    ).toBe(true);

    // Nothing typed or sent reaches the disk: not the password, the code, the birth date or
    // the addresses.
    await setup.current.kiosk.close();
    const dataDir = join(setup.folder.path, 'data');
    for (const file of readdirSync(dataDir)) {
      const bytes = readFileSync(join(dataDir, file)).toString('latin1');
      for (const secret of [GOOD_PASSWORD, code, '2001-03-14', '14032001', ELOISE_MAIL]) {
        expect(bytes, file).not.toContain(secret);
      }
    }
  });

  it('says when activation opens, and refuses the e-mail until then', async () => {
    const student = await identify({
      studentNumber: TOO_EARLY.studentNumber,
      birthDate: TOO_EARLY.birthDate,
    });
    expect(student.activation).toMatchObject({ state: 'too_early' });
    const availableAt =
      student.activation.state === 'too_early' ? student.activation.availableAt : '';
    expect(Date.parse(availableAt) - Date.now()).toBeGreaterThan(9 * 60_000);
    expect(
      await setup.current.kiosk.dispatch('activation.sendEmail', { journeyId: student.journeyId }),
    ).toEqual({
      ok: false,
      error: { code: 'too_early', availableAt: expect.any(String) },
    });
    expect(await setup.current.mailbox(TOO_EARLY.personalEmail)).toEqual([]);
  });

  it('says a code was cancelled once the API dropped it after wrong codes, even under a burst', async () => {
    const { journeyId } = await identify();
    const sent = await call<SentCode>('activation.sendEmail', { journeyId });
    expect(sent).toMatchObject({ cancelled: false, sentAt: expect.any(String) });
    const code = await setup.current.latestCode(ELOISE_MAIL);
    const wrong = code === '00000000' ? '11111111' : '00000000';
    // Many wrong codes at once: each answer is "not valid" or "cancelled", never a success.
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        setup.current.kiosk.dispatch('activation.checkCode', { journeyId, code: wrong }),
      ),
    );
    const codes = answers.map((a) => (a.ok ? 'ok' : a.error.code));
    expect(new Set(codes)).toEqual(new Set(['code_invalid', 'code_cancelled']));
    // The API dropped the code: the right one no longer works, and the kiosk says why.
    expect(await setup.current.kiosk.dispatch('activation.checkCode', { journeyId, code })).toEqual(
      {
        ok: false,
        error: { code: 'code_cancelled' },
      },
    );
    // Identified again (after the idle wipe): the kiosk remembers the e-mail, cancelled.
    const again = await identify();
    expect(await call('activation.recentEmail', { journeyId: again.journeyId })).toEqual({
      ...sent,
      cancelled: true,
    });
  });

  it('refuses a wrong code and an expired one', async () => {
    const { journeyId, activation } = await identify();
    expect(activation.state).toBe('ready');
    await call('activation.sendEmail', { journeyId });
    const code = await setup.current.latestCode(ELOISE_MAIL);
    const charterVersion = (await call<Charter>('charter.get', {})).version;
    const wrong = code === '00000000' ? '11111111' : '00000000';
    expect(
      await setup.current.kiosk.dispatch('activation.checkCode', { journeyId, code: wrong }),
    ).toEqual({
      ok: false,
      error: { code: 'code_invalid' },
    });
    expect(
      await setup.current.kiosk.dispatch('activation.complete', {
        journeyId,
        code: wrong,
        charterVersion,
        password: GOOD_PASSWORD,
      }),
    ).toEqual({ ok: false, error: { code: 'code_invalid' } });

    await setup.current.advanceClock(24 * 3600);
    expect(await setup.current.kiosk.dispatch('activation.checkCode', { journeyId, code })).toEqual(
      {
        ok: false,
        error: { code: 'code_expired' },
      },
    );
    expect(
      await setup.current.kiosk.dispatch('activation.complete', {
        journeyId,
        code,
        charterVersion,
        password: GOOD_PASSWORD,
      }),
    ).toEqual({ ok: false, error: { code: 'code_expired' } });
  });

  it('refuses a password against the policy before any request, as the simulator does', async () => {
    const { journeyId } = await identify();
    await call('activation.sendEmail', { journeyId });
    const code = await setup.current.latestCode(ELOISE_MAIL);
    const charterVersion = (await call<Charter>('charter.get', {})).version;
    const weak = {
      password: 'Eloise2001',
      violations: ['not_dictionary_word', 'not_personal_data'],
    };

    expect(
      await setup.current.kiosk.dispatch('activation.complete', {
        journeyId,
        code,
        charterVersion,
        password: weak.password,
      }),
    ).toEqual({ ok: false, error: { code: 'password_policy', violations: weak.violations } });
    expect(setup.current.served(ACTIVATE)).toBe(0);

    // The same password sent straight to the central API is refused there too.
    const direct = await setup.current.direct('POST', JOURNEY_PATHS.activation('endiayebrule'), {
      proof: { method: 'email_code', code },
      newPassword: { type: 'plain', value: weak.password },
      charterVersion,
    });
    expect(direct).toEqual({
      status: 422,
      body: { code: 'password_policy', message: expect.any(String), violations: weak.violations },
    });
    // A refused password does not use the code up.
    expect(
      (await setup.current.kiosk.dispatch('activation.checkCode', { journeyId, code })).ok,
    ).toBe(true);
  });
});

describe('journeys', () => {
  it('forget everything at journey.end: the old journeyId is expired', async () => {
    const { journeyId } = await identify();
    expect(await setup.current.kiosk.dispatch('journey.end', { journeyId })).toEqual({
      ok: true,
      value: null,
    });
    for (const [channel, input] of [
      ['activation.sendEmail', { journeyId }],
      ['activation.checkCode', { journeyId, code: '12345678' }],
      ['password.requestReset', { journeyId }],
      ['mail.setRedirection', { journeyId, address: null, keepCopy: true }],
    ] as const) {
      expect(await setup.current.kiosk.dispatch(channel, input), channel).toEqual({
        ok: false,
        error: { code: 'journey_expired' },
      });
    }
    // Ending twice, or an unknown journey, is not an error.
    expect((await setup.current.kiosk.dispatch('journey.end', { journeyId })).ok).toBe(true);
    expect(await setup.current.mailbox(ELOISE_MAIL)).toEqual([]);
  });

  it('refuses input that breaks the contract before any handler runs', async () => {
    const { journeyId } = await identify();
    for (const input of [
      { journeyId, code: '1', charterVersion: 'v', password: 'x', extra: true },
      { journeyId, code: '1', charterVersion: 'v', password: '' },
      { journeyId: '', code: '1', charterVersion: 'v', password: 'x' },
    ]) {
      expect(await setup.current.kiosk.dispatch('activation.complete', input)).toEqual({
        ok: false,
        error: { code: 'invalid_input' },
      });
    }
  });
});
