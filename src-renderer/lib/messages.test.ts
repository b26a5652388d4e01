import { describe, expect, it } from 'vitest';
import { ERROR_CODES, type FieldReason } from '../../src-main/core/result';
import { ACCOUNT_STATUSES } from '../../src-main/core/student';
import { I18n } from '../i18n/i18n.svelte';
import {
  accountStatusMessage,
  deadLetterReason,
  errorMessage,
  fieldMessage,
  retryAfterOf,
  waitMessage,
} from './messages';

const REASONS: FieldReason[] = [
  'required',
  'digits_only',
  'length',
  'date_format',
  'date_invalid',
  'date_future',
  'date_too_old',
];

describe('messages', () => {
  for (const lang of ['fr', 'en'] as const) {
    const i18n = new I18n(lang);

    it(`${lang}: every error code, field reason and status has a filled message`, () => {
      for (const code of ERROR_CODES) expect(errorMessage(i18n, { code })).not.toMatch(/^$|\{/);
      for (const field of ['studentNumber', 'birthDate', 'other']) {
        for (const reason of REASONS) {
          expect(fieldMessage(i18n, { field, reason }, 8)).not.toMatch(/^$|\{/);
        }
      }
      for (const status of ACCOUNT_STATUSES) {
        expect(accountStatusMessage(i18n, status)).not.toBe('');
      }
    });
  }

  it('a dead letter reads as the refusal it is, with the API’s own words kept for a ticket', () => {
    const fr = new I18n('fr');
    const en = new I18n('en');
    expect(deadLetterReason(fr, '401 invalid_credentials')).toBe(
      `${fr.t('error.invalid_credentials')} (401 invalid_credentials)`,
    );
    expect(deadLetterReason(en, '409 account_state')).toBe(
      `${en.t('error.account_state')} (409 account_state)`,
    );
    // Nothing known in it: shown as it is rather than guessed.
    expect(deadLetterReason(en, 'unreadable_at_rest')).toBe('unreadable_at_rest');
    expect(deadLetterReason(en, '500 constructor')).toBe('500 constructor');
  });

  it('says how many digits a student number has', () => {
    const i18n = new I18n('fr');
    expect(fieldMessage(i18n, { field: 'studentNumber', reason: 'length' }, 8)).toContain(
      '8 chiffres',
    );
  });

  it('gives one identification message that names neither field as the wrong one', () => {
    const text = errorMessage(new I18n('fr'), { code: 'identification_failed' });
    expect(text).toContain('numéro étudiant et votre date de naissance');
  });

  it('says when to try again: seconds under a minute, minutes beyond, in both languages', () => {
    const fr = new I18n('fr');
    const en = new I18n('en');
    expect(errorMessage(fr, { code: 'locked_out', retryAfterSeconds: 8 })).toContain(
      'Réessayez dans 8 s.',
    );
    expect(errorMessage(en, { code: 'rate_limited', retryAfterSeconds: 840 })).toContain(
      'Try again in 14 min.',
    );
    expect(errorMessage(fr, { code: 'email_cooldown', retryAfterSeconds: 45 })).toMatch(
      /^Un e-mail vient d’être envoyé.*Réessayez dans 45 s\.$/,
    );
    expect(retryAfterOf({ code: 'already_pending' })).toBeNull();
    expect(waitMessage(en, 61)).toBe('Try again in 2 min.');
  });
});
