import { describe, expect, it } from 'vitest';
import { en } from './en';
import { fr } from './fr';
import { I18n, interpolate } from './i18n.svelte';

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
