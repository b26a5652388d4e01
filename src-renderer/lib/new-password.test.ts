import { describe, expect, it } from 'vitest';
import { PASSWORD_RULES } from '../../src-main/core/password-policy';
import { PROFILE } from '../testing/students';
import { NewPassword } from './new-password.svelte';
import type { PasswordTools } from './password-tools';

const personal = {
  identifier: 'endiayebrule',
  firstName: 'Éloïse',
  lastName: "N'Diaye-Brûlé",
  birthDate: '2001-03-14',
};

function withTools(tools: Promise<PasswordTools>) {
  return new NewPassword({
    policy: PROFILE.password,
    personal: () => personal,
    tools: () => tools,
  });
}

const TOOLS: PasswordTools = {
  dictionary: { has: (word) => word === 'bonjour' },
  estimate: (password, inputs) => ({
    score: inputs.some((i) => password.toLowerCase().includes(i)) ? 0 : 4,
    guessesLog10: 10,
    feedbackKey: null,
  }),
};

describe('NewPassword', () => {
  it('shows the dictionary rule as pending until the dictionary arrives', async () => {
    let arrive: (tools: PasswordTools) => void = () => {};
    const password = withTools(new Promise((resolve) => (arrive = resolve)));
    password.password = 'Bonjour2024!';
    expect(password.passed('not_dictionary_word')).toBeNull();
    expect(password.strength).toBeNull();
    arrive(TOOLS);
    await Promise.resolve();
    await Promise.resolve();
    expect(password.passed('not_dictionary_word')).toBe(false);
    expect(password.strength?.score).toBe(4);
  });

  it('gives the strength estimator the student’s own words', async () => {
    const password = withTools(Promise.resolve(TOOLS));
    await Promise.resolve();
    password.password = 'xx-eloise-xx';
    expect(password.strength?.score).toBe(0);
  });

  it('points out a confirmation that can no longer match, and a wrong one at submit', () => {
    const password = withTools(new Promise(() => {}));
    password.password = 'Tortue-Vive-83';
    password.confirmation = 'Tortue';
    expect(password.mismatch).toBe(false); // still typing
    password.confirmation = 'Tortie';
    expect(password.mismatch).toBe(true);
    password.confirmation = 'Tortue';
    expect(password.validate()).toEqual({ code: 'password_mismatch' });
    expect(password.confirmationProblem).toBe('mismatch');
  });

  it('calls an empty confirmation missing, never "different"', () => {
    const password = withTools(new Promise(() => {}));
    password.password = 'Tortue-Vive-83';
    expect(password.confirmationProblem).toBeNull(); // not yet asked
    expect(password.validate()).toEqual({
      code: 'invalid_input',
      fields: [{ field: 'confirmation', reason: 'required' }],
    });
    expect(password.confirmationProblem).toBe('missing');
    expect(password.mismatch).toBe(false);
    password.confirmation = 'Tortue-Vive-84';
    expect(password.confirmationProblem).toBe('mismatch');
  });

  it('judges no rule on an empty field, then every rule once something is typed', async () => {
    const password = withTools(Promise.resolve(TOOLS));
    await Promise.resolve();
    await Promise.resolve();
    // An empty password contains no forbidden character, no word, nothing personal: the policy
    // passes those rules, the checklist must not tick them.
    for (const rule of PASSWORD_RULES) expect(password.verdict(rule), rule).toBe('untyped');
    password.password = 'a';
    expect(password.verdict('forbidden_characters')).toBe('passed');
    expect(password.verdict('min_length')).toBe('failed');
    password.password = '';
    password.attempted = true;
    expect(password.verdict('min_length')).toBe('untyped');
  });

  it('never praises a password that breaks a rule', async () => {
    const password = withTools(Promise.resolve(TOOLS));
    await Promise.resolve();
    await Promise.resolve();
    expect(password.strengthView).toEqual({ kind: 'empty' });
    password.password = 'Nuage$Gris-Vif-2031'; // rated 4, but "$" is forbidden
    expect(password.strength?.score).toBe(4);
    expect(password.strengthView).toEqual({ kind: 'breaks_rule' });
    password.password = 'Nuage-Gris-Vif-2031';
    expect(password.strengthView).toEqual({ kind: 'score', score: 4 });
    password.rejected({ code: 'password_policy', violations: ['not_dictionary_word'] });
    expect(password.strengthView).toEqual({ kind: 'breaks_rule' });
  });

  it('refuses locally what breaks a known rule, and marks what main refused', () => {
    const password = withTools(new Promise(() => {}));
    password.password = 'abc';
    expect(password.validate()).toEqual({
      code: 'password_policy',
      violations: ['min_length', 'digit', 'mix'],
    });
    password.password = 'Tortue-Vive-83';
    password.confirmation = 'Tortue-Vive-83';
    expect(password.validate()).toBeNull();
    password.rejected({ code: 'password_policy', violations: ['not_dictionary_word'] });
    expect(password.passed('not_dictionary_word')).toBe(false);
    password.edited();
    expect(password.passed('not_dictionary_word')).toBeNull();
  });
});
