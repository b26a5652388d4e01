/**
 * The console's catalog (fr-console.ts, en-console.ts) speaks to a supervisor: the same keys in
 * both languages (checked for the whole catalog in catalogs.test.ts, and here for the console's
 * own files), no raw code in any text, and words for every code the console's endpoints send
 * (attention, modes, refused uploads), so that none is shown as it came.
 */
import { describe, expect, it } from 'vitest';
import { ATTENTION_CODES, KIOSK_MODES, type AttentionCode } from '../console/lib/console-wire';
import { attentionName, modeName, refusalReason } from '../console/lib/console-words';
import { enConsole } from './en-console';
import { frConsole } from './fr-console';
import { I18n } from './i18n.svelte';

/** A code as the server keeps it: words joined by "_" or "." (audit_refused, staff.unlock). */
const RAW_CODE = /\b[a-z][a-z0-9]*(?:[_.][a-z0-9]+)+\b/;

/** The refusals of an audit upload the service records (audit_refusals.code). */
const REFUSAL_CODES = [
  'audit_hash_mismatch',
  'audit_event_conflict',
  'audit_chain_fork',
  'audit_chain_gap',
  'audit_chain_link',
  'audit_chain_order',
];

describe('the console catalog', () => {
  it('has the same keys in French and English, none empty', () => {
    expect(Object.keys(enConsole).sort()).toEqual(Object.keys(frConsole).sort());
    for (const catalog of [frConsole, enConsole] as Record<string, string>[])
      for (const [key, text] of Object.entries(catalog)) expect(text.trim(), key).not.toBe('');
    expect(Object.keys(frConsole).every((key) => key.startsWith('console.'))).toBe(true);
  });

  for (const [lang, catalog] of Object.entries({ fr: frConsole, en: enConsole })) {
    it(`${lang}: no text holds a raw code`, () => {
      const found = Object.entries(catalog as Record<string, string>)
        .filter(([, text]) => RAW_CODE.test(text))
        .map(([key, text]) => `${key}: ${RAW_CODE.exec(text)![0]}`);
      expect(found).toEqual([]);
    });
  }

  for (const lang of ['fr', 'en'] as const) {
    const i18n = new I18n(lang);
    it(`${lang}: every attention code, mode and refused upload has words of its own`, () => {
      const generic = attentionName('something_new', i18n);
      const said = ATTENTION_CODES.map((code: AttentionCode) => attentionName(code, i18n));
      expect(new Set(said).size).toBe(ATTENTION_CODES.length);
      for (const text of said) {
        expect(text).not.toBe(generic);
        expect(text).not.toMatch(RAW_CODE);
      }
      const modes = KIOSK_MODES.map((mode) => modeName(mode, i18n));
      expect(new Set(modes).size).toBe(KIOSK_MODES.length);
      expect(modes).not.toContain(modeName(null, i18n));
      const refusals = REFUSAL_CODES.map((code) => refusalReason(code, i18n));
      expect(new Set(refusals).size).toBe(REFUSAL_CODES.length);
      expect(refusals).not.toContain(refusalReason('audit_unheard_of', i18n));
      for (const text of [...modes, ...refusals]) expect(text).not.toMatch(RAW_CODE);
    });
  }

  it('says the words French first', () => {
    const fr = new I18n('fr');
    expect(attentionName('silent', fr)).toBe('Silencieuse');
    expect(refusalReason('audit_hash_mismatch', fr)).toMatch(/empreinte/);
    expect(modeName('offline', fr)).toBe('Hors ligne');
  });
});
