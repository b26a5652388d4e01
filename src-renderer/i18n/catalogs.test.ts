import { describe, expect, it } from 'vitest';
import { en } from './en';
import { fr } from './fr';
import { I18n, interpolate } from './i18n.svelte';

/**
 * The student's catalog: every text but staff mode's and the help-desk console's (their wording
 * is tested on its own: staff-catalog.test.ts, console-catalog.test.ts).
 */
const student = (catalog: Record<string, string>) =>
  Object.entries(catalog).filter(
    ([key]) => !key.startsWith('staff.') && !key.startsWith('console.'),
  );

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('catalogs', () => {
  const catalogs: Record<string, Record<string, string>> = { fr, en };
  const keys = new Set([...Object.keys(fr), ...Object.keys(en)]);

  for (const [lang, catalog] of Object.entries(catalogs)) {
    it(`${lang} has every key, none empty`, () => {
      for (const key of keys) {
        expect(catalog[key], `${lang}: ${key}`).toBeTypeOf('string');
        expect(catalog[key]?.trim(), `${lang}: ${key}`).not.toBe('');
      }
    });
  }

  it('fr and en use the same placeholders', () => {
    for (const key of keys) {
      expect(placeholders(en[key as keyof typeof en]), key).toEqual(
        placeholders(fr[key as keyof typeof fr]),
      );
    }
  });

  it('placeholders are well formed (no stray braces)', () => {
    for (const catalog of Object.values(catalogs)) {
      for (const [key, text] of Object.entries(catalog)) {
        expect(text.replace(/\{\w+\}/g, ''), key).not.toMatch(/[{}]/);
      }
    }
  });
});

/** The words of the catalogs: one spelling per thing, in each language (issue 9). */
describe('wording', () => {
  const values = (catalog: Record<string, string>) => Object.entries(catalog);

  it("French uses typographic apostrophes (l’accueil, not l'accueil)", () => {
    // A letter then a straight apostrophe is an elision; a lone "'" may still be quoted as a
    // character (e.g. a forbidden password character).
    for (const [key, text] of values(fr)) expect(text, key).not.toMatch(/\p{L}'/u);
  });

  it('English says "identifier", as the university\'s IDENTIFIANT, never "username" or "login name"', () => {
    for (const [key, text] of values(en)) {
      expect(text, key).not.toMatch(/\buser ?names?\b|\blogin names?\b/i);
    }
    expect(en['result.identifierLabel']).toBe('IDENTIFIER');
    expect(en['journey.findIdentifier.title']).toMatch(/identifier/);
  });

  it('French says "identifiant", never "nom d’utilisateur" or "login"', () => {
    for (const [key, text] of values(fr)) {
      expect(text, key).not.toMatch(/utilisateur|\blogin\b/i);
    }
  });

  for (const [lang, catalog] of Object.entries({ fr, en })) {
    it(`${lang} writes "e-mail", never "mail", "email" or "courriel"`, () => {
      for (const [key, text] of values(catalog)) {
        // "mailbox" is a word of its own; "e-mail(s)" is the one spelling.
        expect(text, key).not.toMatch(/(?<!e-)\bmails?\b|\bemails?\b|courriel/i);
      }
    });
  }

  it('English names things as a kiosk user knows them: "Shift", "Redirect", dates spelt out', () => {
    expect(en['osk.shift']).toBe('Shift');
    expect(en['journey.mail.title']).toBe('Redirect my university e-mail');
    for (const [key, text] of values(en)) {
      expect(text, key).not.toMatch(/\bcapitals\b|\bforward/i);
      // A numeric date such as 01/12/2026 reads differently in the UK and the US.
      expect(text, key).not.toMatch(/\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/);
    }
  });
});

/** Issue 17: the French a student expects, and English that explains what French takes for granted. */
describe('student wording', () => {
  // "Accueil" is the home button: the texts about going home may say it, no other.
  const HOME = new Set([
    'common.home',
    'leave.title',
    'leave.confirm',
    'error.journey_expired',
    'idle.body',
  ]);

  it('French never calls the help desk by the home button’s name: it is « l’assistance informatique »', () => {
    expect(fr['common.home']).toBe('Accueil');
    for (const [key, text] of student(fr)) {
      if (!HOME.has(key)) expect(text, key).not.toMatch(/accueil/i);
    }
    // The desk has one name wherever a student is sent to it.
    for (const key of ['helpDesk.bring', 'result.locked', 'error.locked_out', 'account.locked'])
      expect(fr[key as keyof typeof fr], key).toMatch(/assistance informatique/);
  });

  for (const [lang, catalog] of Object.entries({ fr, en })) {
    it(`${lang} writes plurals as words, never "(s)"`, () => {
      for (const [key, text] of Object.entries(catalog)) {
        expect(text, key).not.toMatch(/\((?:s|e|es|x)\)/);
      }
    });

    it(`${lang} puts an instant’s preposition with the instant (lib/messages.ts, when())`, () => {
      // "jusqu’à {until}" gave "jusqu’à 08/12/2026 19 h 02"; French contracts "à le" with a date
      // and says "demain" for tomorrow: when() picks the words from the day, with the preposition.
      for (const [key, text] of student(catalog)) {
        if (key.startsWith('when.')) continue; // when() itself
        // (A plain day after "until" is right: "until 31 December 2027", "jusqu’au 31 décembre".)
        expect(text, key).not.toMatch(
          /(jusqu’à|à partir de|depuis) \{|(until|since|from) \{(?!date\})/,
        );
        // A day with a time is an instant: when() says it ("tomorrow at 19:02").
        expect(text.includes('{date}') && text.includes('{time}'), key).toBe(false);
      }
    });
  }

  it('English explains "ENT" where a screen first shows it', () => {
    const explained = "ENT (the university's digital workspace)";
    for (const key of [
      'result.identifierHelp',
      'result.identifierHelpNotActivated',
      'login.identifier.hint',
      'helpDesk.online',
    ] as const)
      expect(en[key], key).toContain(explained);
  });

  it('counts in words, as each language does (Intl.PluralRules)', () => {
    const one = 'result.refusedNotice.one';
    const other = 'result.refusedNotice.other';
    const forms = (i18n: I18n) => [0, 1, 2, 5].map((n) => i18n.count('result.refusedNotice', n));
    // French takes 0 as singular, English as plural.
    expect(forms(new I18n('fr'))).toEqual([fr[one], fr[one], fr[other], fr[other]]);
    expect(forms(new I18n('en'))).toEqual([en[other], en[one], en[other], en[other]]);
  });
});

describe('I18n', () => {
  it('translates in the current language and follows a switch', () => {
    const i18n = new I18n();
    expect(i18n.t('identify.submit')).toBe('Continuer');
    i18n.toggle();
    expect(i18n.lang).toBe('en');
    expect(i18n.t('identify.submit')).toBe('Continue');
  });

  it('interpolates parameters', () => {
    const i18n = new I18n('fr');
    expect(i18n.t('field.studentNumber.length', { length: 8 })).toBe(
      'Le numéro étudiant doit contenir 8 chiffres.',
    );
    expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });
});
