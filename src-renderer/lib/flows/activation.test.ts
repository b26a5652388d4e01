import { describe, expect, it, vi } from 'vitest';
import type { Charter } from '../../../src-main/core/journeys';
import { fakeApi } from '../../testing/fake-api';
import { DONE, NOW, PROFILE, ok, refused, student } from '../../testing/students';
import { ActivationFlow } from './activation.svelte';

// The real dictionaries weigh megabytes: these tests check the flow, not the word lists.
vi.mock('../password-tools', () => ({
  loadPasswordTools: () =>
    Promise.resolve({
      dictionary: { has: () => false },
      estimate: () => ({ score: 3, guessesLog10: 9, feedbackKey: null }),
    }),
}));

const CHARTER: Charter = {
  version: '2026-1',
  title: { fr: 'Charte', en: 'Charter' },
  paragraphs: { fr: ['…'], en: ['…'] },
};
const GOOD = 'Velo-Rouge-42';
const SENT = {
  maskedEmail: 'e*****d@example.org',
  validUntil: '2026-11-26T10:00:00Z',
  sentAt: '2026-11-25T10:00:00Z',
  cancelled: false,
};

function identified(overrides = {}) {
  const api = fakeApi({
    'activation.sendEmail': () => ok(SENT),
    'activation.checkCode': () => ok({ validUntil: '2026-11-26T10:00:00Z' }),
    'charter.get': () => ok(CHARTER),
    'activation.complete': () => ok(DONE),
    ...overrides,
  });
  const flow = new ActivationFlow({ api, profile: PROFILE, now: NOW });
  flow.adopt({ student: student(), journeyId: 'j-1', birthDate: '2001-03-14' });
  return { api, flow };
}

describe('ActivationFlow', () => {
  it('walks status → code → charter → password → done', async () => {
    const { api, flow } = identified();
    expect(flow.step).toBe('status');
    await flow.sendEmail();
    expect(flow.sent?.maskedEmail).toBe('e*****d@example.org');
    expect(flow.step).toBe('code');

    flow.code = 'https://ent.example.org/activation?code=K7P2Q9';
    expect(await flow.submitCode()).toBe(true);
    expect(api['activation.checkCode']).toHaveBeenCalledWith({ journeyId: 'j-1', code: 'K7P2Q9' });
    expect(flow.step).toBe('charter');
    expect(flow.charter).toEqual(CHARTER);

    flow.acceptCharter();
    expect(flow.charterRefused).toBe(true);
    expect(flow.step).toBe('charter');
    flow.accepted = true;
    flow.acceptCharter();
    expect(flow.step).toBe('password');

    flow.password.password = GOOD;
    flow.password.confirmation = GOOD;
    await flow.complete();
    expect(api['activation.complete']).toHaveBeenCalledWith({
      journeyId: 'j-1',
      code: 'K7P2Q9',
      charterVersion: '2026-1',
      password: GOOD,
    });
    expect(flow.step).toBe('done');
    expect(flow.password.password).toBe(''); // not kept once used
  });

  it('refuses an empty code without asking main', async () => {
    const { api, flow } = identified();
    flow.code = '   ';
    expect(await flow.submitCode()).toBe(false);
    expect(flow.error?.fields?.[0]).toEqual({ field: 'code', reason: 'required' });
    expect(api['activation.checkCode']).not.toHaveBeenCalled();
  });

  it('keeps the code typed when main refuses it', async () => {
    const { flow } = identified({
      'activation.checkCode': () => refused({ code: 'code_invalid' }),
    });
    flow.code = 'WRONG1';
    expect(await flow.submitCode()).toBe(false);
    expect(flow.error?.code).toBe('code_invalid');
    expect(flow.code).toBe('WRONG1');
    expect(flow.step).toBe('status');
  });

  it('checks the password locally: policy, then confirmation', async () => {
    const { api, flow } = identified();
    flow.code = 'K7P2Q9';
    await flow.submitCode();
    flow.accepted = true;
    flow.acceptCharter();
    flow.password.password = 'eloise2001';
    await flow.complete();
    expect(flow.error?.code).toBe('password_policy');
    expect(flow.error?.violations).toContain('not_personal_data');
    flow.password.password = GOOD;
    flow.password.confirmation = 'Velo-Rouge-43';
    await flow.complete();
    expect(flow.error?.code).toBe('password_mismatch');
    expect(flow.password.mismatch).toBe(true);
    expect(api['activation.complete']).not.toHaveBeenCalled();
  });

  it('an expired code at the end goes back to the code, keeping charter and password', async () => {
    const { flow } = identified({ 'activation.complete': () => refused({ code: 'code_expired' }) });
    flow.code = 'K7P2Q9';
    await flow.submitCode();
    flow.accepted = true;
    flow.acceptCharter();
    flow.password.password = GOOD;
    flow.password.confirmation = GOOD;
    await flow.complete();
    expect(flow.step).toBe('code');
    expect(flow.error?.code).toBe('code_expired');
    expect(flow.password.password).toBe(GOOD);
    expect(flow.accepted).toBe(true);
    // The code step says nothing was saved and the password is kept, until a code is accepted.
    expect(flow.refusedAtEnd).toBe(true);
    await flow.submitCode();
    expect([flow.step, flow.refusedAtEnd]).toEqual(['password', false]);
  });

  it('too_early from main updates the explanation with its time', async () => {
    const availableAt = '2026-11-25T10:10:00Z';
    const { flow } = identified({
      'activation.sendEmail': () => refused({ code: 'too_early', availableAt }),
    });
    await flow.sendEmail();
    expect(flow.activation).toEqual({ state: 'too_early', availableAt });
  });

  it('wipe forgets the code, the charter and the password', async () => {
    const { flow } = identified();
    flow.code = 'K7P2Q9';
    await flow.submitCode();
    flow.password.password = GOOD;
    expect(flow.wipe()).toBe('j-1');
    expect([flow.code, flow.checkedCode, flow.charter, flow.password.password]).toEqual([
      '',
      null,
      null,
      '',
    ]);
  });

  it('a student identified again lands on the code of the e-mail sent before the idle wipe', async () => {
    const { api, flow } = identified({ 'activation.recentEmail': () => ok(SENT) });
    expect(api['activation.recentEmail']).toHaveBeenCalledWith({ journeyId: 'j-1' });
    await vi.waitFor(() => expect(flow.step).toBe('code'));
    expect(flow.sent).toEqual(SENT);
    expect(flow.awaitingCode).toBe(true);
    expect(flow.error).toBeNull();
    expect(api['activation.sendEmail']).not.toHaveBeenCalled();
  });

  it('without such an e-mail (or when main cannot say), stays on the status to send one', async () => {
    for (const answer of [() => ok(null), () => refused({ code: 'internal' })]) {
      const { api, flow } = identified({ 'activation.recentEmail': answer });
      await vi.waitFor(() => expect(api['activation.recentEmail']).toHaveBeenCalled());
      await Promise.resolve();
      expect([flow.step, flow.sent, flow.error, flow.awaitingCode]).toEqual([
        'status',
        null,
        null,
        false,
      ]);
    }
  });

  it('"Retour" on the code step keeps the e-mail sent and resends nothing', async () => {
    const { api, flow } = identified();
    await flow.sendEmail();
    flow.code = '1234';
    flow.back();
    expect([flow.step, flow.sent, flow.code]).toEqual(['status', SENT, '1234']);
    expect(flow.awaitingCode).toBe(true);
    flow.enterCode();
    expect(flow.step).toBe('code');
    expect(api['activation.sendEmail']).toHaveBeenCalledTimes(1);
  });

  it('sending again first warns that it cancels the code already sent', async () => {
    const { api, flow } = identified();
    await flow.sendEmail();
    await flow.sendEmail();
    expect(flow.confirmingResend).toBe(true);
    expect(api['activation.sendEmail']).toHaveBeenCalledTimes(1);
    flow.keepSent();
    expect(flow.confirmingResend).toBe(false);
    await flow.sendEmail();
    await flow.sendEmail(); // "Oui, renvoyer l'e-mail"
    expect(api['activation.sendEmail']).toHaveBeenCalledTimes(2);
    expect(flow.confirmingResend).toBe(false);
    expect(flow.step).toBe('code');
  });

  it('a code cancelled after too many wrong ones is said so, and a new e-mail needs no warning', async () => {
    const { api, flow } = identified({
      'activation.checkCode': () => refused({ code: 'code_cancelled' }),
    });
    await flow.sendEmail();
    flow.code = '12345678';
    expect(await flow.submitCode()).toBe(false);
    expect(flow.error?.code).toBe('code_cancelled');
    expect(flow.sent?.cancelled).toBe(true);
    await flow.sendEmail();
    expect(flow.confirmingResend).toBe(false);
    expect(api['activation.sendEmail']).toHaveBeenCalledTimes(2);
    expect(flow.sent?.cancelled).toBe(false);
    expect(flow.code).toBe('');
  });
});
