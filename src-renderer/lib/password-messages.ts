/** The translated texts of the password rules and of the strength meter. */
import type { PasswordPolicy, PasswordRuleId } from '../../src-main/core/password-policy';
import type { I18n, PlainKey } from '../i18n/i18n.svelte';

/** Rules whose text needs no number: the others are handled in ruleText(). */
const PLAIN_RULES: Record<
  Exclude<PasswordRuleId, 'min_length' | 'mix' | 'forbidden_characters'>,
  PlainKey
> = {
  letter: 'rule.letter',
  digit: 'rule.digit',
  not_dictionary_word: 'rule.not_dictionary_word',
  not_personal_data: 'rule.not_personal_data',
};

/** "contenir au moins 8 caractères", with the profile's numbers and characters. */
export function ruleText(
  i18n: I18n,
  rule: PasswordRuleId,
  policy: PasswordPolicy,
  mixClasses: number,
): string {
  switch (rule) {
    case 'min_length':
      return i18n.t('rule.min_length', { min: policy.minLength });
    case 'mix':
      return i18n.t('rule.mix', { count: mixClasses });
    case 'forbidden_characters':
      // Spaced out, so each character reads (and is read out) on its own.
      return i18n.t('rule.forbidden_characters', {
        chars: Array.from(policy.forbiddenCharacters).join(' '),
      });
    default:
      return i18n.t(PLAIN_RULES[rule]);
  }
}

const STRENGTH_LEVELS: Record<0 | 1 | 2 | 3 | 4, PlainKey> = {
  0: 'strength.0',
  1: 'strength.1',
  2: 'strength.2',
  3: 'strength.3',
  4: 'strength.4',
};

/** "Robustesse : bonne" */
export function strengthText(i18n: I18n, score: 0 | 1 | 2 | 3 | 4): string {
  return i18n.t('strength.label', { level: i18n.t(STRENGTH_LEVELS[score]) });
}
