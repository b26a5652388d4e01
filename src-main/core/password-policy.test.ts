import { beforeAll, describe, expect, it } from 'vitest';
import { buildWordSet, loadDictionary, loadStrengthEstimator } from './password-dictionary';
import type { LoadedDictionary } from './password-dictionary';
import { CASE_POLICY, CASE_STUDENTS, PASSWORD_CASES } from './password-policy.cases';
import { PASSWORD_RULES, characterClasses, checkPassword, mixCount } from './password-policy';
import type { Dictionary } from './password-policy';
import { codePointLength, removeDiacritics, unleetVariants } from './password-text';
import {
  birthDateForms,
  dictionaryCandidates,
  personalFragments,
  repeatedUnits,
} from './password-words';

let dictionary: LoadedDictionary;
beforeAll(async () => {
  dictionary = await loadDictionary();
}, 30_000);

describe('reference cases (real dictionary)', () => {
  it('has at least 40 cases with unique names', () => {
    expect(PASSWORD_CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(PASSWORD_CASES.map((c) => c.name)).size).toBe(PASSWORD_CASES.length);
  });

  it.each(PASSWORD_CASES)('$name', ({ password, personal, expectedViolations }) => {
    const check = checkPassword(password, CASE_POLICY, personal, dictionary);
    expect(check.violations).toEqual(expectedViolations);
    expect(check.ok).toBe(expectedViolations.length === 0);
  });
});

const tiny: Dictionary = new Set(['soleil', 'chat', 'éléphant', 'mama']);

describe('checkPassword', () => {
  it('reports every rule, in order, and ok only when all passed', () => {
    const check = checkPassword('Kx9#mPq2vL', CASE_POLICY, null, tiny);
    expect(check.rules.map((r) => r.id)).toEqual([...PASSWORD_RULES]);
    expect(check.rules.every((r) => r.passed === true)).toBe(true);
    expect(check.ok).toBe(true);
  });

  it('leaves the dictionary rule unknown while the dictionary loads, and ok false', () => {
    const check = checkPassword('Kx9#mPq2vL', CASE_POLICY, null, null);
    expect(check.rules.find((r) => r.id === 'not_dictionary_word')?.passed).toBeNull();
    expect(check.violations).toEqual([]);
    expect(check.ok).toBe(false);
  });

  it('counts the recommended length in code points', () => {
    expect(checkPassword('Qw3#vb🐯kLm9', CASE_POLICY, null, tiny).meetsRecommendedLength).toBe(
      false,
    );
    expect(checkPassword('Qw3#𝒳vb🐯kLm9', CASE_POLICY, null, tiny).meetsRecommendedLength).toBe(
      true,
    );
    expect(codePointLength('Qw3#𝒳vb🐯kLm9')).toBe(12);
    expect('Qw3#𝒳vb🐯kLm9'.length).toBe(14);
  });

  it('takes the forbidden characters from the policy', () => {
    const policy = { ...CASE_POLICY, forbiddenCharacters: '#' };
    expect(checkPassword('Kx9#mPq2vL', policy, null, tiny).violations).toEqual([
      'forbidden_characters',
    ]);
    expect(checkPassword('Kx9$mPq2vL', policy, null, tiny).violations).toEqual([]);
  });

  it('passes the personal rule when the student is unknown', () => {
    const check = checkPassword('Eloise#2024x', CASE_POLICY, null, tiny);
    expect(check.rules.find((r) => r.id === 'not_personal_data')?.passed).toBe(true);
  });
});

describe('mix', () => {
  it('lets uncased letters fill one case class, never both', () => {
    expect(mixCount(characterClasses('密码'))).toBe(1);
    expect(mixCount(characterClasses('密码123!'))).toBe(3);
    expect(mixCount(characterClasses('密码a1'))).toBe(3);
    expect(mixCount(characterClasses('密码aB1!'))).toBe(4);
  });

  it('counts combining marks as nothing, other numbers and emoji as special', () => {
    expect(characterClasses('e\u0301')).toMatchObject({ lower: true, other: false });
    expect(characterClasses('x²')).toMatchObject({ digit: false, other: true });
    expect(characterClasses('🐯')).toMatchObject({ other: true });
    expect(characterClasses('٣')).toMatchObject({ digit: true });
  });
});

describe('dictionary rule details', () => {
  it('strips non-letter ends and undoes leet, both orders', () => {
    expect(dictionaryCandidates('Soleil2024!')).toContain('soleil');
    expect(dictionaryCandidates('@mour!')).toContain('amour');
    expect(dictionaryCandidates('S0le1l')).toEqual(expect.arrayContaining(['soleil', 'solell']));
  });

  it('finds repeated units', () => {
    expect(repeatedUnits('soleilsoleil')).toEqual(['soleil']);
    expect(repeatedUnits('mamamama')).toEqual(['ma', 'mama']);
    expect(repeatedUnits('chat-chat!chat')).toEqual(['chat']);
    expect(repeatedUnits('soleil-lune')).toEqual([]);
  });

  it('refuses a word, not a password containing one', () => {
    expect(checkPassword('SoleilLune7!', CASE_POLICY, null, tiny).ok).toBe(true);
    expect(checkPassword('Mama#12345', CASE_POLICY, null, tiny).ok).toBe(false);
    expect(checkPassword('Éléphant#99', CASE_POLICY, null, tiny).ok).toBe(false);
    // The Dictionary holds words as written; the loader adds their unaccented forms itself.
    expect(checkPassword('Elephant#99', CASE_POLICY, null, tiny).ok).toBe(true);
  });

  it('ignores candidates shorter than four code points', () => {
    const short: Dictionary = new Set(['ab']);
    expect(checkPassword('Ab12!xyz', CASE_POLICY, null, short).ok).toBe(true);
    expect(checkPassword('Ab#12345', CASE_POLICY, null, short).ok).toBe(true);
  });

  it('bounds the leet expansion on long inputs', () => {
    expect(unleetVariants('1111')).toHaveLength(16);
    expect(unleetVariants('11111')).toEqual(['iiiii', 'lllll']);
  });
});

describe('personal data details', () => {
  it('splits names on apostrophes, hyphens and spaces, keeping parts of 3+ letters', () => {
    expect(personalFragments(CASE_STUDENTS.eloise)).toEqual(
      expect.arrayContaining(['endiayebrule', 'eloise', 'diaye', 'brule']),
    );
    expect(personalFragments(CASE_STUDENTS.eloise)).not.toContain('n');
    expect(personalFragments(CASE_STUDENTS.mai)).toEqual(
      expect.arrayContaining(['thi', 'mai', 'nguyen']),
    );
  });

  it('writes the birth date in the five forms', () => {
    expect(birthDateForms('2001-03-14')).toEqual([
      '14032001',
      '140301',
      '20010314',
      '2001-03-14',
      '14/03/2001',
    ]);
    expect(birthDateForms(null)).toEqual([]);
    expect(birthDateForms('14/03/2001')).toEqual([]);
  });

  it('folds diacritics and ligatures', () => {
    expect(removeDiacritics('Nguyễn Brûlé Œuvre')).toBe('Nguyen Brule OEuvre');
  });
});

describe('loaders', () => {
  it('loads the word lists once', async () => {
    expect(await loadDictionary()).toBe(dictionary);
    expect(dictionary.size).toBeGreaterThan(100_000);
    for (const word of ['soleil', 'éléphant', 'elephant', 'password', 'azerty']) {
      expect(dictionary.has(word)).toBe(true);
    }
    expect(dictionary.has('ab')).toBe(false);
  });

  it('keeps words of four code points or more, lower-cased, accented and plain', () => {
    const words = buildWordSet([
      { fr: ['Soleil', 'été', 'Éléphant', 'cœur', 'abc', 'œufs', 1234] },
      { en: ['PASSWORD', 'naïve', 'e\u0301te\u0301s'] },
    ]);
    expect([...words].sort()).toEqual(
      [
        ...['soleil', 'éléphant', 'elephant', 'cœur', 'coeur', 'œufs', 'oeufs', '1234'],
        ...['password', 'naïve', 'naive', 'étés', 'etes'],
      ].sort(),
    );
  });

  it('estimates strength with the student data as user inputs', async () => {
    const estimate = await loadStrengthEstimator();
    expect(await loadStrengthEstimator()).toBe(estimate);
    const weak = estimate('endiayebrule1', ['endiayebrule']);
    expect(weak.score).toBeLessThanOrEqual(1);
    expect(weak.feedbackKey).not.toBeNull();
    expect(estimate('Kx9#mPq2vL-Tq7!wZ', []).score).toBe(4);
  }, 30_000);
});
