// The password policy's reference cases: run by password-policy.test.ts against checkPassword with
// the real dictionary, and replayed against the simulator, so they stay plain data (no functions).
import type { PasswordPolicy, PasswordRuleId, PersonalData } from './password-policy';

/** One reference case; expectedViolations are listed in PASSWORD_RULES order. */
export interface PasswordCase {
  name: string;
  password: string;
  personal: PersonalData | null;
  expectedViolations: PasswordRuleId[];
}

/** The policy the cases assume: resources/institutions/umontpellier.json. */
export const CASE_POLICY: PasswordPolicy = {
  minLength: 8,
  recommendedLength: 12,
  forbiddenCharacters: '<>"\'$',
};

/** Demo students (README), whose data the passwords must not contain. */
export const CASE_STUDENTS = {
  eloise: {
    identifier: 'endiayebrule',
    firstName: 'Éloïse',
    lastName: "N'Diaye-Brûlé",
    birthDate: '2001-03-14',
  },
  zoe: { identifier: 'zlefevre', firstName: 'Zoé', lastName: 'Lefèvre', birthDate: '2003-11-05' },
  mai: { identifier: 'tnguyen', firstName: 'Thị Mai', lastName: 'Nguyễn', birthDate: '2008-01-09' },
} as const satisfies Record<string, PersonalData>;

const { eloise, zoe, mai } = CASE_STUDENTS;

type Row = [
  personal: PersonalData | null,
  name: string,
  password: string,
  expectedViolations: PasswordRuleId[],
];

// One line per case: [student, name, password, expected violations].
const ROWS: Row[] = [
  // Valid passwords.
  [null, 'random strong, no student', 'Kx9#mPq2vL', []],
  [eloise, 'random strong', 'Kx9#mPq2vL', []],
  [eloise, 'several words are not one word', 'Bleu-Cheval-42!', []],
  [eloise, 'passphrase: spaces are special characters', 'correct horse battery staple 9', []],
  [eloise, 'accented word plus letters', 'Éléphant#2024x', []],
  [eloise, 'same, typed decomposed (NFD)', 'E\u0301le\u0301phant#2024x', []],
  [eloise, 'Cyrillic letters', 'Пароль2024!xY', []],
  [eloise, 'CJK letters with Latin', '密码Abc123!x', []],
  [eloise, 'Greek letters', 'ΣοφίαΚ9!zz', []],
  [eloise, 'uncased letters fill one case class', '密码密码123!', []],
  [eloise, 'Arabic letters, Arabic-Indic digits', 'كلمةسر٢٠٢٤!', []],
  [eloise, 'Devanagari with combining marks', 'पासवर्ड2024!', []],
  [eloise, 'emoji are special characters', 'Tigre🐯Vert9', []],
  [eloise, 'exactly 8 code points, one astral (9 UTF-16 units)', 'Ab1!🐯xyz', []],
  [eloise, 'exactly 12 code points, two astral', 'Qw3#𝒳vb🐯kLm9', []],
  [eloise, 'a single letter of a name is not the name', 'Nx#9kQvpLm', []],
  [zoe, "another student's birth date", 'Kx#14032001q', []],
  [null, 'names unknown: nothing to compare', 'Eloise#2024x', []],
  // min_length (code points after NFC).
  [eloise, '7 code points', 'Ab1!xyz', ['min_length']],
  [eloise, '7 code points, one astral (8 UTF-16 units)', 'Ab1!🐯xy', ['min_length']],
  [eloise, '8 code points decomposed, 7 once composed', 'Cafe\u0301#1x', ['min_length']],
  // letter, digit, mix.
  [eloise, 'no letter', '9731@#8642+', ['letter', 'mix']],
  [eloise, 'no digit', 'Vrk!Qzmw#Lp', ['digit']],
  [eloise, 'lower case and digits only', 'kx9mpq2vlr', ['mix']],
  [eloise, 'upper case and digits only (Greek)', 'ΞΨΦΚ2024', ['mix']],
  [eloise, 'uncased letters and digits only', '密码密码1234', ['mix']],
  [eloise, 'emoji only', '🐯🐯🐯🐯🐯🐯🐯🐯', ['letter', 'digit', 'mix']],
  [eloise, 'spaces only', '        ', ['letter', 'digit', 'mix']],
  [eloise, 'empty', '', ['min_length', 'letter', 'digit', 'mix']],
  // forbidden_characters: the policy's, plus control characters and unpaired surrogates.
  [eloise, 'forbidden <', 'Kx9<mPq2vL', ['forbidden_characters']],
  [eloise, 'forbidden >', 'Kx9>mPq2vL', ['forbidden_characters']],
  [eloise, 'forbidden "', 'Kx9"mPq2vL', ['forbidden_characters']],
  [eloise, "forbidden '", "Kx9'mPq2vL", ['forbidden_characters']],
  [eloise, 'forbidden $', 'Kx9$mPq2vL', ['forbidden_characters']],
  [eloise, 'control character: tab', 'Kx9\tmPq2vL', ['forbidden_characters']],
  [eloise, 'control character: NUL', 'Kx9\u0000mPq2vL', ['forbidden_characters']],
  [eloise, 'unpaired surrogate', 'Kx9\uD83DmPq2vL', ['forbidden_characters']],
  // not_dictionary_word.
  [eloise, 'word + year + special', 'Soleil2024!', ['not_dictionary_word']],
  [eloise, 'year + special + word', '2024#Soleil', ['not_dictionary_word']],
  [eloise, 'accented word + year + special', 'Éléphant2024!', ['not_dictionary_word']],
  [eloise, 'French word typed without its accent', 'Fenetre2024!', ['not_dictionary_word']],
  [eloise, 'leet: P@ssw0rd', 'P@ssw0rd!', ['not_dictionary_word']],
  [eloise, 'leet: 1 read as i', 'M@1s0n2024!', ['not_dictionary_word']],
  [eloise, 'leet: 1 read as l', 'So1ei1#2024', ['not_dictionary_word']],
  [eloise, 'leet and accents: Ch4teau (château)', 'Ch4teau#12', ['not_dictionary_word']],
  [eloise, 'word repeated', 'SoleilSoleil1!', ['not_dictionary_word']],
  [eloise, 'word repeated with separators', 'Chat-Chat-Chat9', ['not_dictionary_word']],
  [eloise, 'common password', 'Azerty123!', ['not_dictionary_word']],
  [eloise, 'word alone', 'soleil', ['min_length', 'digit', 'mix', 'not_dictionary_word']],
  [
    eloise,
    'forbidden character and word',
    'Soleil$2024',
    ['forbidden_characters', 'not_dictionary_word'],
  ],
  // not_personal_data.
  [eloise, 'identifier', 'Xx#endiayebrule7', ['not_personal_data']],
  [eloise, 'first name with accents', 'Éloïse#2024x', ['not_personal_data']],
  [eloise, 'first name typed without accents', 'Eloise#2024x', ['not_personal_data']],
  [eloise, "part of N'Diaye-Brûlé after the apostrophe", 'Kx9!diayeQ', ['not_personal_data']],
  [
    eloise,
    "part of N'Diaye-Brûlé after the hyphen, no accent",
    'Brule#2024xQ',
    ['not_personal_data'],
  ],
  [eloise, 'name in leet', 'D1aye#2024xQ', ['not_personal_data']],
  [eloise, 'birth date jjmmaaaa', 'Kx#14032001q', ['not_personal_data']],
  [eloise, 'birth date jjmmaa', 'Kx#140301qZ', ['not_personal_data']],
  [eloise, 'birth date aaaammjj', 'Kx#20010314q', ['not_personal_data']],
  [eloise, 'birth date aaaa-mm-jj', 'Kx#2001-03-14q', ['not_personal_data']],
  [eloise, 'birth date jj/mm/aaaa', 'Kx#14/03/2001q', ['not_personal_data']],
  [zoe, 'three-letter first name', 'Zoe!2024Kx', ['not_personal_data']],
  [zoe, 'identifier that contains the last name', 'Zlefevre99!', ['not_personal_data']],
  [mai, 'Vietnamese last name without diacritics', 'Nguyen#2024x', ['not_personal_data']],
  [mai, 'second part of a first name', 'Kx9!MaiQzw', ['not_personal_data']],
  [mai, 'a name inside a longer word still counts', 'MaisonBleue#42', ['not_personal_data']],
  // Several rules at once.
  [
    eloise,
    'first name alone',
    'eloise',
    ['min_length', 'digit', 'mix', 'not_dictionary_word', 'not_personal_data'],
  ],
  [eloise, 'birth date alone', '14032001', ['letter', 'mix', 'not_personal_data']],
];

/** The reference table: plain objects, so the simulator's tests can replay it over HTTP. */
export const PASSWORD_CASES: readonly PasswordCase[] = ROWS.map(
  ([personal, name, password, expectedViolations]) => ({
    name,
    password,
    personal,
    expectedViolations,
  }),
);
