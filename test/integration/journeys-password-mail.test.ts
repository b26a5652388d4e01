import { describe, expect, it } from 'vitest';
import type { EmailSent, JourneyDone, MailRedirection } from '../../src-main/core/journeys';
import type { IdentifiedStudent } from '../../src-main/core/student';
import { SEEDED_PASSWORD } from '../support/dataset';
import { useJourneyKiosk } from '../support/journey-kiosk';

// Passwords and mail redirection through the kiosk's dispatch, against the simulator over HTTP,
// with real SQLite files and the real keychain.

const MAI = { studentNumber: '22004567', birthDate: '31121999' };
const MAI_MAIL = 'mai.nguyen@example.net';
const NEW_PASSWORD = 'Kx9#mPq2vL';
const CHANGE = 'POST /v1/accounts/:identifier/password/change';

const setup = useJourneyKiosk();
const { call } = setup;

type Opened = { journeyId: string; identifier: string; redirection: MailRedirection };
const login = (password: string) =>
  setup.current.kiosk.dispatch('mail.open', { identifier: 'nmai', password });

describe('password change', () => {
  it('changes the password with the current one, and refuses a wrong one', async () => {
    const change = (currentPassword: string, newPassword: string) =>
      setup.current.kiosk.dispatch('password.change', {
        identifier: 'NMai',
        currentPassword,
        newPassword,
      });

    expect(await change('not-the-password', NEW_PASSWORD)).toEqual({
      ok: false,
      error: { code: 'invalid_credentials' },
    });
    // Refused by the kiosk itself: the identifier is in it.
    expect(await change(SEEDED_PASSWORD, 'Nmai#2024xyz')).toEqual({
      ok: false,
      error: { code: 'password_policy', violations: ['not_personal_data'] },
    });
    expect(setup.current.served(CHANGE)).toBe(1);

    expect(await change(SEEDED_PASSWORD, NEW_PASSWORD)).toEqual({
      ok: true,
      value: {
        identifier: 'nmai',
        entUrl: 'https://ent.umontpellier.fr',
        accessUntil: null,
        receipt: null,
      },
    });
    expect((await login(SEEDED_PASSWORD)).ok).toBe(false);
    expect((await login(NEW_PASSWORD)).ok).toBe(true);
  });

  it('leaves the names the kiosk does not know to the central API', async () => {
    // "Chimie" is the programme, not a name; "Mai" is too short to count; the simulator knows
    // the birth date the kiosk was not given.
    expect(
      await setup.current.kiosk.dispatch('password.change', {
        identifier: 'nmai',
        currentPassword: SEEDED_PASSWORD,
        newPassword: 'Kx#31121999q',
      }),
    ).toEqual({ ok: false, error: { code: 'password_policy', violations: ['not_personal_data'] } });
    expect(setup.current.served(CHANGE)).toBe(1);
  });
});

describe('forgotten password', () => {
  it('sends a reset code to the personal address and sets the new password with it', async () => {
    const { journeyId, maskedEmail } = await call<IdentifiedStudent>('student.identify', MAI);
    expect(maskedEmail).toBe('m*****n@example.net');
    const sent = await call<EmailSent>('password.requestReset', { journeyId });
    expect(sent.maskedEmail).toBe('m*****n@example.net');
    expect(Date.parse(sent.validUntil) - Date.now()).toBeLessThanOrEqual(3600_000);
    const [message] = await setup.current.mailbox(MAI_MAIL);
    expect(message).toMatchObject({ kind: 'password_reset' });

    // The birth date is personal data: the kiosk knows it from identification.
    expect(
      await setup.current.kiosk.dispatch('password.completeReset', {
        journeyId,
        code: message!.code,
        password: 'Kx#31121999q',
      }),
    ).toEqual({ ok: false, error: { code: 'password_policy', violations: ['not_personal_data'] } });
    expect(
      await setup.current.kiosk.dispatch('password.completeReset', {
        journeyId,
        code: '00000000',
        password: NEW_PASSWORD,
      }),
    ).toEqual({ ok: false, error: { code: 'code_invalid' } });
    const done = await call<JourneyDone>('password.completeReset', {
      journeyId,
      code: message!.code,
      password: NEW_PASSWORD,
    });
    expect(done).toMatchObject({ identifier: 'nmai', accessUntil: null });
    expect((await login(NEW_PASSWORD)).ok).toBe(true);
  });

  it('is refused to an account that is not active yet', async () => {
    const { journeyId } = await call<IdentifiedStudent>('student.identify', {
      studentNumber: '21901234',
      birthDate: '14032001',
    });
    expect(await setup.current.kiosk.dispatch('password.requestReset', { journeyId })).toEqual({
      ok: false,
      error: { code: 'account_state' },
    });
  });
});

describe('mail redirection', () => {
  it('logs in, redirects with or without a copy, refuses bad addresses, and removes it', async () => {
    expect(await login('wrong-password')).toEqual({
      ok: false,
      error: { code: 'invalid_credentials' },
    });
    const opened = await call<Opened>('mail.open', {
      identifier: 'nmai',
      password: SEEDED_PASSWORD,
    });
    expect(opened).toEqual({
      journeyId: expect.any(String),
      identifier: 'nmai',
      redirection: { address: null, keepCopy: true },
      offline: false,
      currentKnown: true,
    });
    const { journeyId } = opened;
    const set = (address: string | null, keepCopy: boolean) =>
      setup.current.kiosk.dispatch('mail.setRedirection', { journeyId, address, keepCopy });

    expect(await set('mai.perso@example.org', false)).toEqual({
      ok: true,
      value: {
        identifier: 'nmai',
        entUrl: 'https://ent.umontpellier.fr',
        accessUntil: null,
        receipt: null,
        redirection: { address: 'mai.perso@example.org', keepCopy: false },
      },
    });
    expect(await set('mai.perso@', true)).toEqual({
      ok: false,
      error: { code: 'invalid_email', fields: [{ field: 'address', reason: 'email_format' }] },
    });
    expect(await set('mai@etu.umontpellier.fr', true)).toEqual({
      ok: false,
      error: { code: 'invalid_email', fields: [{ field: 'address', reason: 'email_own_domain' }] },
    });
    const reopened = await call<Opened>('mail.open', {
      identifier: 'nmai',
      password: SEEDED_PASSWORD,
    });
    expect(reopened.redirection).toEqual({ address: 'mai.perso@example.org', keepCopy: false });

    const removed = await call<{ redirection: MailRedirection }>('mail.setRedirection', {
      journeyId,
      address: null,
      keepCopy: false,
    });
    expect(removed.redirection).toEqual({ address: null, keepCopy: true });
  });

  it('needs a login: an identification journey cannot change the redirection', async () => {
    const { journeyId } = await call<IdentifiedStudent>('student.identify', MAI);
    expect(
      await setup.current.kiosk.dispatch('mail.setRedirection', {
        journeyId,
        address: null,
        keepCopy: true,
      }),
    ).toEqual({ ok: false, error: { code: 'journey_expired' } });
  });

  it('ends with the journey', async () => {
    const { journeyId } = await call<Opened>('mail.open', {
      identifier: 'nmai',
      password: SEEDED_PASSWORD,
    });
    await call('journey.end', { journeyId });
    expect(
      await setup.current.kiosk.dispatch('mail.setRedirection', {
        journeyId,
        address: null,
        keepCopy: true,
      }),
    ).toEqual({ ok: false, error: { code: 'journey_expired' } });
  });
});
