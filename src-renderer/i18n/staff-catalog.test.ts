/**
 * The staff catalog (fr-staff.ts, en-staff.ts) speaks to an agent at the desk (issue 17): no raw
 * code ("(view_student)", "staff.sign_in / staff_pin_invalid"), and no sentence written for the
 * student ("l'accueil peut vous aider" said to the help desk itself, "la borne efface vos
 * informations"). That the staff screens read only this catalog: test/lint/staff-texts.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { enStaff } from './en-staff';
import { fr } from './fr';
import { frStaff } from './fr-staff';

type Lang = 'fr' | 'en';

/** A code as main keeps it: words joined by "_" or "." (view_student, staff.unlock). */
const RAW_CODE = /\b[a-z][a-z0-9]*(?:[_.][a-z0-9]+)+\b/;

/**
 * What only a student is told: sent to the help desk (the agent is the help desk), or spoken
 * to about their own data and account.
 */
const STUDENT_WORDS: Record<Lang, RegExp> = {
  fr: /accueil|vous aider|vos informations|votre compte|votre carte|votre démarche/i,
  en: /help desk|help you|your information|your account|your student card|your journey/i,
};

/** How a student text speaks to the student: its sentences with these are the student's own. */
const TO_THE_STUDENT: Record<Lang, RegExp> = { fr: /\b(vous|votre|vos)\b/i, en: /\b(you|your)\b/i };

/** The student catalog: every text but staff mode's (with the staff refusals kept there) and the console's. */
const studentTexts = (catalog: Record<string, string>) =>
  Object.entries(catalog)
    .filter(
      ([key]) =>
        !key.startsWith('staff.') && !key.startsWith('error.staff_') && !key.startsWith('console.'),
    )
    .map(([, text]) => text);

/** A text's sentences of four words or more, lower-cased, placeholders and spaces normalised. */
const sentences = (text: string) =>
  text
    .toLowerCase()
    .replace(/\{\w+\}/g, '#')
    .split(/[.!?:;—]\s+|[.!?]$/)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s.split(' ').length >= 4);

/** What is wrong with a staff text: a raw code, a student's words, a student's sentence. */
function staffTextProblems(text: string, lang: Lang, student: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const code = RAW_CODE.exec(text);
  if (code !== null) problems.push(`raw code "${code[0]}"`);
  const words = STUDENT_WORDS[lang].exec(text);
  if (words !== null) problems.push(`student words "${words[0]}"`);
  for (const sentence of sentences(text)) {
    if (student.has(sentence)) problems.push(`student sentence "${sentence}"`);
  }
  return problems;
}

const CATALOGS = {
  fr: { staff: frStaff as Record<string, string>, all: fr as Record<string, string> },
  en: { staff: enStaff as Record<string, string>, all: en as Record<string, string> },
};

describe('the staff catalog', () => {
  for (const lang of ['fr', 'en'] as const) {
    const student = new Set(
      studentTexts(CATALOGS[lang].all)
        .flatMap(sentences)
        .filter((sentence) => TO_THE_STUDENT[lang].test(sentence)),
    );

    it(`${lang}: the check catches a raw code, a student's words and a student's sentence`, () => {
      const said = (text: string) => staffTextProblems(text, lang, student);
      expect(said('Action d’un agent (view_student)')).toEqual(['raw code "view_student"']);
      expect(said('Opération en attente (staff.unlock)')).toEqual(['raw code "staff.unlock"']);
      expect(said('staff.sign_in / staff_pin_invalid / refused')[0]).toMatch(/raw code/);
      const studentLines = {
        fr: [
          'verrouillé — l’accueil peut vous aider',
          'Sans réponse, la borne efface vos informations et revient à l’accueil dans {seconds} s.',
          fr['error.locked_out'],
        ],
        en: [en['account.locked'], en['idle.body'], en['error.locked_out']],
      }[lang];
      for (const line of studentLines) expect(said(line), line).not.toEqual([]);
      // A student sentence without the tell-tale words is caught as a sentence.
      expect(said(CATALOGS[lang].all['identify.intro']!)[0]).toMatch(/student sentence/);
    });

    it(`${lang}: no staff text holds a raw code or a student sentence`, () => {
      const found = Object.entries(CATALOGS[lang].staff).flatMap(([key, text]) =>
        staffTextProblems(text, lang, student).map((problem) => `${key}: ${problem}`),
      );
      expect(found).toEqual([]);
    });
  }
});
