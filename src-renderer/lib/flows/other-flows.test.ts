import { describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../../testing/fake-api';
import { DONE, NOW, PROFILE, ok, refused, student } from '../../testing/students';
import { MailFlow } from './mail.svelte';
import { PasswordChangeFlow } from './password-change.svelte';
import { PasswordResetFlow } from './password-reset.svelte';

vi.mock('../password-tools', () => ({ loadPasswordTools: () => new Promise(() => {}) }));

const GOOD = 'Velo-Rouge-42';
const SENT = {
  maskedEmail: 'e*****d@example.org',
  validUntil: '2026-11-26T10:00:00Z',
  sentAt: '2026-11-25T10:00:00Z',
  cancelled: false,
};

describe('PasswordResetFlow', () => {
  it('send → code → password → done: the code kept in memory, sent with the password', async () => {
    const api = fakeApi({
      'password.requestReset': () => ok(SENT),
      'password.completeReset': () => ok(DONE),
    });
    const flow = new PasswordResetFlow({ api, profile: PROFILE, now: NOW });
    flow.adopt({
      student: student({ accountStatus: 'active' }),
      journeyId: 'j-2',
      birthDate: '2001-03-14',
    });
    expect(flow.step).toBe('send');
    await flow.requestCode();
    expect(flow.step).toBe('code');
    expect(await flow.submitCode()).toBe(false); // nothing typed: said on the code step
    expect([flow.step, flow.error?.fields?.[0]?.field]).toEqual(['code', 'code']);
    flow.code = ' 123 456 ';
    // The API judges a reset code only with the new password: nothing is asked of main yet.
    expect(await flow.submitCode()).toBe(true);
    expect([flow.step, flow.code, flow.error]).toEqual(['password', '123456', null]);
    expect(api['password.completeReset']).not.toHaveBeenCalled();
    flow.password.password = GOOD;
    flow.password.confirmation = GOOD;
    // The dictionary never loads here: the rule stays pending, which does not block the
    // student (main checks the dictionary for good); only a rule known to fail does.
    expect(flow.password.passed('not_dictionary_word')).toBeNull();
    await flow.complete();
    expect(api['password.completeReset']).toHaveBeenCalledWith({
      journeyId: 'j-2',
      code: '123456',
      password: GOOD,
    });
    expect(flow.step).toBe('done');
    expect([flow.code, flow.password.password]).toEqual(['', '']);
  });

  it('the same code step as activation: resumed, back without resending, resend warned', async () => {
    const api = fakeApi({
      'password.recentReset': () => ok(SENT),
      'password.requestReset': () => ok(SENT),
      'password.completeReset': () => refused({ code: 'code_cancelled' }),
    });
    const flow = new PasswordResetFlow({ api, profile: PROFILE, now: NOW });
    flow.adopt({
      student: student({ accountStatus: 'active' }),
      journeyId: 'j-2',
      birthDate: '2001-03-14',
    });
    await vi.waitFor(() => expect(flow.step).toBe('code'));
    expect(flow.sent).toEqual(SENT);
    expect(flow.awaitingCode).toBe(true);
    flow.back();
    expect([flow.step, flow.sent]).toEqual(['send', SENT]);
    flow.enterCode();
    await flow.requestCode();
    expect(flow.confirmingResend).toBe(true);
    expect(api['password.requestReset']).not.toHaveBeenCalled();
    flow.keepSent();

    flow.code = '12345678';
    flow.password.tools = {
      dictionary: { has: () => false },
      estimate: () => ({ score: 3, guessesLog10: 9, feedbackKey: null }),
    };
    flow.password.password = GOOD;
    flow.password.confirmation = GOOD;
    await flow.complete();
    expect(flow.error?.code).toBe('code_cancelled');
    expect(flow.sent?.cancelled).toBe(true);
    await flow.requestCode(); // a cancelled code: a new e-mail at once, no warning
    expect(api['password.requestReset']).toHaveBeenCalledTimes(1);
  });
});

describe('PasswordResetFlow: a wrong code found with the password', () => {
  for (const code of ['code_invalid', 'code_expired', 'code_cancelled'] as const) {
    it(`${code}: back to the code step, said there; the new password kept, nothing lost`, async () => {
      const api = fakeApi({
        'password.requestReset': () => ok(SENT),
        'password.completeReset': vi
          .fn()
          .mockResolvedValueOnce(refused({ code }))
          .mockResolvedValueOnce(ok(DONE)),
      });
      const flow = new PasswordResetFlow({ api, profile: PROFILE, now: NOW });
      flow.adopt({
        student: student({ accountStatus: 'active' }),
        journeyId: 'j-2',
        birthDate: '2001-03-14',
      });
      await flow.requestCode();
      flow.code = '00000000';
      await flow.submitCode();
      flow.password.tools = {
        dictionary: { has: () => false },
        estimate: () => ({ score: 3, guessesLog10: 9, feedbackKey: null }),
      };
      flow.password.password = GOOD;
      flow.password.confirmation = GOOD;
      await flow.complete();
      expect([flow.step, flow.error?.code, flow.refusedAtEnd]).toEqual(['code', code, true]);
      expect([flow.code, flow.password.password, flow.password.confirmation]).toEqual([
        '00000000',
        GOOD,
        GOOD,
      ]);
      expect(flow.sent?.cancelled).toBe(code === 'code_cancelled');
      if (code === 'code_cancelled') await flow.requestCode(); // a new e-mail, a new code
      flow.code = '12345678';
      expect(await flow.submitCode()).toBe(true);
      expect([flow.step, flow.refusedAtEnd, flow.password.password]).toEqual([
        'password',
        false,
        GOOD,
      ]);
      await flow.complete();
      expect(flow.step).toBe('done');
    });
  }
});

describe('PasswordChangeFlow', () => {
  it('names the empty fields, then keeps everything on invalid_credentials', async () => {
    const api = fakeApi({ 'password.change': () => refused({ code: 'invalid_credentials' }) });
    const flow = new PasswordChangeFlow({ api, now: NOW, policy: PROFILE.password });
    await flow.submit();
    expect(flow.missing).toEqual(['identifier', 'currentPassword']);
    flow.identifier = 'NMai ';
    flow.currentPassword = 'old';
    flow.password.tools = {
      dictionary: { has: () => false },
      estimate: () => ({ score: 3, guessesLog10: 9, feedbackKey: null }),
    };
    flow.password.password = GOOD;
    flow.password.confirmation = GOOD;
    await flow.submit();
    expect(api['password.change']).toHaveBeenCalledWith({
      identifier: 'nmai',
      currentPassword: 'old',
      newPassword: GOOD,
    });
    expect(flow.error?.code).toBe('invalid_credentials');
    expect([flow.identifier, flow.currentPassword, flow.password.password]).toEqual([
      'NMai ',
      'old',
      GOOD,
    ]);
  });

  it('compares the new password with the identifier typed', () => {
    const flow = new PasswordChangeFlow({ api: fakeApi(), now: NOW, policy: PROFILE.password });
    flow.identifier = 'nmai2';
    flow.password.password = 'xNmai2-9!';
    expect(flow.password.passed('not_personal_data')).toBe(false);
  });
});

describe('MailFlow', () => {
  const opened = {
    journeyId: 'j-3',
    identifier: 'nmai',
    redirection: { address: null, keepCopy: true },
    offline: false,
    currentKnown: true,
  };

  it('logs in offline: the current setting is not shown, the change comes back with a receipt', async () => {
    const receipt = { reference: 'K7-0000-0000-0000', acceptedAt: '2026-11-25T10:00:00.000Z' };
    const api = fakeApi({
      'mail.open': () => ok({ ...opened, offline: true, currentKnown: false }),
      'mail.setRedirection': () =>
        ok({ ...DONE, receipt, redirection: { address: 'mai@example.net', keepCopy: true } }),
    });
    const flow = new MailFlow({ api, now: NOW, profile: PROFILE });
    flow.identifier = 'nmai';
    flow.password = 'secret';
    await flow.open();
    expect(flow.offline).toBe(true);
    expect(flow.current).toBeNull();
    expect(flow.password).toBe('');
    flow.redirect = true;
    flow.address = 'mai@example.net';
    await flow.save(); // shown back first
    await flow.save();
    expect(flow.done?.receipt).toEqual(receipt);
    flow.wipe();
    expect(flow.offline).toBe(false);
  });

  it('logs in, forgets the password, and saves a redirection', async () => {
    const api = fakeApi({
      'mail.open': () => ok(opened),
      'mail.setRedirection': () =>
        ok({ ...DONE, redirection: { address: 'mai@example.net', keepCopy: false } }),
    });
    const flow = new MailFlow({ api, now: NOW, profile: PROFILE });
    flow.identifier = 'nmai';
    flow.password = 'secret';
    await flow.open();
    expect(flow.step).toBe('edit');
    expect(flow.password).toBe('');
    flow.redirect = true;
    flow.address = ' mai@Example.NET ';
    flow.keepCopy = false;
    await flow.save();
    // A new address is shown back before anything is sent.
    expect(flow.step).toBe('confirm');
    expect(flow.target).toBe('mai@example.net');
    expect(api['mail.setRedirection']).not.toHaveBeenCalled();
    await flow.save();
    expect(api['mail.setRedirection']).toHaveBeenCalledWith({
      journeyId: 'j-3',
      address: 'mai@example.net',
      keepCopy: false,
    });
    expect(flow.step).toBe('done');
    expect(flow.wipe()).toBe('j-3');
  });

  it('refuses a malformed address and the university’s own domain before sending', async () => {
    const api = fakeApi({ 'mail.open': () => ok(opened) });
    const flow = new MailFlow({ api, now: NOW, profile: PROFILE });
    flow.identifier = 'nmai';
    flow.password = 'secret';
    await flow.open();
    flow.redirect = true;
    flow.address = 'mai@';
    await flow.save();
    expect(flow.addressProblem).toBe('email_format');
    flow.address = 'mai@etu.umontpellier.fr';
    await flow.save();
    expect(flow.addressProblem).toBe('email_own_domain');
    flow.address = '';
    await flow.save();
    expect(flow.addressProblem).toBe('required');
    expect(api['mail.setRedirection']).not.toHaveBeenCalled();
  });

  it('a new address waits for the student to read it back; "Retour" keeps it to correct', async () => {
    const api = fakeApi({
      'mail.open': () => ok(opened),
      'mail.setRedirection': () =>
        ok({ ...DONE, redirection: { address: 'mai@example.org', keepCopy: true } }),
    });
    const flow = new MailFlow({ api, now: NOW, profile: PROFILE });
    flow.identifier = 'nmai';
    flow.password = 'secret';
    await flow.open();
    flow.redirect = true;
    flow.address = 'mai@exemple.org'; // the typo the student will spot
    await flow.save();
    expect(flow.step).toBe('confirm');
    flow.back();
    expect([flow.step, flow.address]).toEqual(['edit', 'mai@exemple.org']);
    flow.address = 'mai@example.org';
    await flow.save();
    expect(flow.target).toBe('mai@example.org');
    await flow.save();
    expect(api['mail.setRedirection']).toHaveBeenCalledTimes(1);
    expect(api['mail.setRedirection']).toHaveBeenCalledWith({
      journeyId: 'j-3',
      address: 'mai@example.org',
      keepCopy: true,
    });
  });

  it('saves at once what needs no reading back: the same address, or no redirection', async () => {
    const current = { address: 'ines.h@example.net', keepCopy: false };
    const api = fakeApi({
      'mail.open': () => ok({ ...opened, redirection: current }),
      'mail.setRedirection': () => ok({ ...DONE, redirection: current }),
    });
    const flow = new MailFlow({ api, now: NOW, profile: PROFILE });
    flow.identifier = 'ihaddad';
    flow.password = 'secret';
    await flow.open();
    flow.keepCopy = true; // only the copy changes
    await flow.save();
    expect(flow.step).toBe('done');

    const other = new MailFlow({ api, now: NOW, profile: PROFILE });
    other.identifier = 'ihaddad';
    other.password = 'secret';
    await other.open();
    other.redirect = false;
    await other.save();
    expect(other.step).toBe('done');
    expect(api['mail.setRedirection']).toHaveBeenLastCalledWith({
      journeyId: 'j-3',
      address: null,
      keepCopy: true,
    });
  });

  it('says when leaving would erase what was typed, and only then', async () => {
    const api = fakeApi({
      'mail.open': () =>
        ok({ ...opened, redirection: { address: 'a@example.org', keepCopy: true } }),
    });
    const flow = new MailFlow({ api, now: NOW, profile: PROFILE });
    expect(flow.hasInput).toBe(false);
    flow.identifier = '  ';
    expect(flow.hasInput).toBe(false);
    flow.identifier = 'nmai';
    expect(flow.hasInput).toBe(true);
    flow.password = 'secret';
    await flow.open();
    // The pre-filled address is not the student's typing; a changed one is.
    expect(flow.hasInput).toBe(false);
    flow.address = 'b@example.org';
    expect(flow.hasInput).toBe(true);
    flow.wipe();
    expect(flow.hasInput).toBe(false);
  });
});

describe('leaving with typed data', () => {
  it('counts the identification form, codes and passwords, not what a finished journey shows', async () => {
    const api = fakeApi({
      'password.requestReset': () => ok(SENT),
      'password.completeReset': () => ok(DONE),
    });
    const reset = new PasswordResetFlow({ api, profile: PROFILE, now: NOW });
    expect(reset.hasInput).toBe(false);
    reset.form.birthDate = '1403';
    expect(reset.hasInput).toBe(true);
    reset.adopt({ student: student({ accountStatus: 'active' }), journeyId: 'j', birthDate: null });
    expect(reset.hasInput).toBe(false);
    await reset.requestCode();
    reset.code = '12';
    expect(reset.hasInput).toBe(true);

    const change = new PasswordChangeFlow({ api, now: NOW, policy: PROFILE.password });
    change.password.confirmation = 'x';
    expect(change.hasInput).toBe(true);
  });
});
