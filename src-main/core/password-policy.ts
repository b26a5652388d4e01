// The institution's password policy, checked the same way by the renderer (live feedback), by main
// (before sending) and by the simulator (server-side enforcement). Source: DESIGN.md, "What the
// institution's own pages say": 8 characters minimum, 12 recommended, at least 1 digit and 1
// letter; mix lower case, upper case, digits and special characters, except < > " ' $; not a
// dictionary word; and (our addition) nothing of the student's own identifier, names or birth date.
import { codePointLength, normalisePassword } from './password-text';
import { containsPersonalData, isDictionaryWord } from './password-words';
import type { InstitutionProfile } from './profile';

/** Every rule, in the order the renderer lists them. */
export const PASSWORD_RULES = [
  'min_length',
  'letter',
  'digit',
  'mix',
  'forbidden_characters',
  'not_dictionary_word',
  'not_personal_data',
] as const;

/** One rule of the policy. */
export type PasswordRuleId = (typeof PASSWORD_RULES)[number];

/** The institution's settings for passwords. */
export interface PasswordPolicy {
  minLength: number;
  recommendedLength: number;
  forbiddenCharacters: string;
}

/** What the password may not contain about the student; birthDate is ISO "YYYY-MM-DD". */
export interface PersonalData {
  identifier: string;
  firstName: string;
  lastName: string;
  birthDate: string | null;
}

/** Answers whether a word (already lower-cased, diacritics kept) is in the dictionaries. */
export interface Dictionary {
  has(word: string): boolean;
}

/** The verdict of one rule. */
export interface RuleResult {
  id: PasswordRuleId;
  /** null: not checked yet (dictionary still loading) */
  passed: boolean | null;
}

/** The verdict of every rule on one password. */
export interface PasswordCheck {
  ok: boolean;
  rules: RuleResult[];
  violations: PasswordRuleId[];
  /** length >= recommendedLength */
  meetsRecommendedLength: boolean;
}

// Compile-time proof that the policy is exactly the profile's password section.
const _sameShape: [PasswordPolicy, InstitutionProfile['password']] = [
  {} as InstitutionProfile['password'],
  {} as PasswordPolicy,
];

/** The classes the "mix" rule counts; 'uncased' is a letter of a script without case (CJK, Arabic…). */
export interface CharacterClasses {
  lower: boolean;
  upper: boolean;
  uncased: boolean;
  digit: boolean;
  other: boolean;
}

/**
 * Sorts each code point into a class. Letters are \p{L}: lower \p{Ll}, upper \p{Lu} and title-case
 * \p{Lt}, uncased the rest (\p{Lo}, \p{Lm}). Digits are \p{Nd} in any script. Combining marks
 * (\p{M}, left only where NFC has no precomposed form) belong to their letter and count for
 * nothing. Everything else, spaces, punctuation, symbols, emoji and other numbers ("²", "Ⅻ"),
 * is 'other', the "special characters" of the policy.
 */
export function characterClasses(password: string): CharacterClasses {
  const classes = { lower: false, upper: false, uncased: false, digit: false, other: false };
  for (const c of normalisePassword(password)) {
    if (/\p{Ll}/u.test(c)) classes.lower = true;
    else if (/[\p{Lu}\p{Lt}]/u.test(c)) classes.upper = true;
    else if (/\p{L}/u.test(c)) classes.uncased = true;
    else if (/\p{Nd}/u.test(c)) classes.digit = true;
    else if (!/\p{M}/u.test(c)) classes.other = true;
  }
  return classes;
}

/**
 * How many of the four classes (lower, upper, digit, other) a password mixes. A script without
 * case cannot offer both, so uncased letters fill ONE missing case class, never both: "密码123!"
 * mixes 3 (letter, digit, other), "密码a1" mixes 3 (lower, the other case, digit), "密码Ab12" mixes 3
 * (lower, upper, digit: no bonus, both cases are there), "密码1234" only 2.
 */
export function mixCount(classes: CharacterClasses): number {
  const cased = Number(classes.lower) + Number(classes.upper);
  const letterClasses = classes.uncased ? Math.min(2, cased + 1) : cased;
  return letterClasses + Number(classes.digit) + Number(classes.other);
}

/** The mix rule asks for at least this many of the four classes. */
export const MIN_MIX_CLASSES = 3;

/**
 * The characters a password may not contain: those of the policy, plus control characters (\p{Cc}:
 * tab, newline, NUL… a scanner or a paste can bring them, no login form can type them back) and
 * unpaired UTF-16 surrogates (\p{Cs}: not encodable, the server would store something else).
 * Spaces are allowed (passphrases) and count as special characters.
 */
export function forbiddenCharactersIn(password: string, policy: PasswordPolicy): string[] {
  const forbidden = new Set(normalisePassword(policy.forbiddenCharacters));
  const found = new Set<string>();
  for (const c of normalisePassword(password)) {
    if (forbidden.has(c) || /[\p{Cc}\p{Cs}]/u.test(c)) found.add(c);
  }
  return [...found];
}

/**
 * Checks a password against every rule. `dictionary` null (still loading) leaves the dictionary
 * rule at passed: null, so `ok` stays false until it is known. `personal` null means the student's
 * data is unknown: there is nothing to compare, so that rule passes (main and the simulator always
 * know the student, only a renderer preview may not).
 */
export function checkPassword(
  password: string,
  policy: PasswordPolicy,
  personal: PersonalData | null,
  dictionary: Dictionary | null,
): PasswordCheck {
  const text = normalisePassword(password);
  const length = codePointLength(text);
  const classes = characterClasses(text);
  const verdicts: Record<PasswordRuleId, boolean | null> = {
    min_length: length >= policy.minLength,
    letter: classes.lower || classes.upper || classes.uncased,
    digit: classes.digit,
    mix: mixCount(classes) >= MIN_MIX_CLASSES,
    forbidden_characters: forbiddenCharactersIn(text, policy).length === 0,
    not_dictionary_word: dictionary === null ? null : !isDictionaryWord(text, dictionary),
    not_personal_data: personal === null ? true : !containsPersonalData(text, personal),
  };
  const rules = PASSWORD_RULES.map((id) => ({ id, passed: verdicts[id] }));
  return {
    ok: rules.every((r) => r.passed === true),
    rules,
    violations: rules.filter((r) => r.passed === false).map((r) => r.id),
    meetsRecommendedLength: length >= policy.recommendedLength,
  };
}
