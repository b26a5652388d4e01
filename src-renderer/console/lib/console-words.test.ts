import { describe, expect, it } from 'vitest';
import { I18n } from '../../i18n/i18n.svelte';
import {
  accountLabel,
  ageText,
  atText,
  dayStart,
  deadLetterKind,
  deadLetterReason,
  diskText,
  durationText,
  errorText,
  numberText,
  refusalStop,
  staffActionName,
  verifiedText,
  whyName,
} from './console-words';

const fr = new I18n('fr');
const en = new I18n('en');
const NBSP = '\u00a0';

describe('the console in words', () => {
  it('says a heartbeat’s age in the largest whole unit, in each language', () => {
    expect(ageText(42, fr)).toBe('il y a 42 secondes');
    expect(ageText(20 * 60 + 59, fr)).toBe('il y a 20 minutes');
    expect(ageText(3 * 3600, fr)).toBe('il y a 3 heures');
    expect(ageText(2 * 86_400 + 5, fr)).toBe('il y a 2 jours');
    expect(ageText(1, en)).toBe('1 second ago');
    expect(ageText(61, en)).toBe('1 minute ago');
    expect(ageText(null, fr)).toBe('jamais');
    expect(ageText(null, en)).toBe('never');
    expect(durationText(90, fr)).toBe('1 minute');
    expect(durationText(7200, en)).toBe('2 hours');
  });

  it('shows an account as the staff screens do: a tag’s first characters, else as stored', () => {
    expect(accountLabel('@3901bf30aa55cc11', fr)).toBe('compte 3901bf30');
    expect(accountLabel('@3901bf30aa55cc11:eyJhbGciOi.x.y.z.w', en)).toBe('account 3901bf30');
    expect(accountLabel('3901bf30', fr)).toBe('compte 3901bf30');
    expect(accountLabel('zlefevre', fr)).toBe('zlefevre');
    // Named when the service opened the sealed identifier.
    expect(accountLabel('3901bf30', fr, 'zlefevre')).toBe('zlefevre (compte 3901bf30)');
    expect(accountLabel('@3901bf30aa55cc11:eyJ.x.y.z.w', en, 'zlefevre')).toBe(
      'zlefevre (account 3901bf30)',
    );
    expect(accountLabel(null, fr)).toBe('—');
  });

  it('names a staff action by its source, never by its code', () => {
    expect(staffActionName({ source: 'account_event', action: 'account_unlocked' }, fr)).toBe(
      'Compte déverrouillé',
    );
    const unlock = staffActionName({ source: 'kiosk_audit', action: 'staff.unlock' }, fr);
    expect(unlock).not.toMatch(/staff\.|unlock/);
    // A code without words yet: a generic line, never the code.
    expect(staffActionName({ source: 'kiosk_audit', action: 'staff.teleport' }, fr)).toBe(
      'Action d’un agent',
    );
    expect(staffActionName({ source: 'account_event', action: 'something_new' }, en)).toBe(
      en.t('staff.timeline.staff_action'),
    );
    expect(whyName('forgotten_password', fr)).not.toContain('_');
    expect(whyName('adresse "perso" corrigée', fr)).toBe('adresse "perso" corrigée');
    expect(whyName(null, fr)).toBe('—');
  });

  it('says what was verified and where a refused upload stopped, counted in words', () => {
    expect(verifiedText({ seq: 12 }, fr)).toBe('vérifié jusqu’à l’entrée 12');
    expect(verifiedText(null, en)).toBe('nothing verified');
    expect(refusalStop({ seq: 4, entries: 1 }, fr)).toBe('arrêté à l’entrée 4, lot de 1 entrée');
    expect(refusalStop({ seq: 4, entries: 3 }, en)).toBe(
      'stopped at entry 4, a batch of 3 entries',
    );
  });

  it('writes times, numbers and sizes for a French reader', () => {
    const now = new Date('2026-12-08T10:00:00Z');
    expect(atText('2026-12-08T08:05:00Z', fr, 'Europe/Paris', now)).toBe(`à 9${NBSP}h${NBSP}05`);
    expect(atText('2026-12-07T08:05:00Z', fr, 'Europe/Paris', now)).toBe(
      `hier à 9${NBSP}h${NBSP}05`,
    );
    expect(atText('2026-12-08T08:05:00Z', en, 'Europe/Paris', now)).toMatch(/09:05/);
    expect(numberText(1.5, fr)).toBe('1,5');
    expect(numberText(1.5, en)).toBe('1.5');
    expect(diskText(50 * 1024 ** 3, fr)).toBe('50 Gio');
    expect(diskText(null, en)).toBe('unknown');
  });

  it('turns a day typed in a date field into the instant it starts in the zone', () => {
    expect(dayStart('2026-12-07', 'Europe/Paris')).toBe('2026-12-06T23:00:00.000Z');
    // "To" is included: the filter stops at the next day's start.
    expect(dayStart('2026-12-07', 'Europe/Paris', true)).toBe('2026-12-07T23:00:00.000Z');
    expect(dayStart('2026-07-01', 'Europe/Paris')).toBe('2026-06-30T22:00:00.000Z');
    expect(dayStart('2026-12-07', 'UTC')).toBe('2026-12-07T00:00:00.000Z');
    expect(dayStart('', 'UTC')).toBeUndefined();
    expect(dayStart('07/12/2026', 'UTC')).toBeUndefined();
  });

  it('says a dead letter’s write and refusal in the staff screens’ words, never a code', () => {
    expect(deadLetterKind('password.change', fr)).toBe(fr.t('staff.operation.password.change'));
    expect(deadLetterKind('audit.upload', fr)).toBe('Envoi du journal d’audit');
    expect(deadLetterKind('unknown.kind', en)).toBe(en.t('staff.operation.other'));
    for (const code of ['account_state', 'already_active', 'invalid_pin', 'audit_hash_mismatch']) {
      const said = deadLetterReason(code, fr);
      expect([code, said]).not.toEqual([code, code]);
      expect(said).not.toMatch(/_/);
    }
    expect(deadLetterReason('audit_hash_mismatch', fr)).toMatch(/empreinte/);
    expect(deadLetterReason('unknown', en)).toBe('refused for another reason');
  });

  it('says each failure in words', () => {
    expect(errorText({ kind: 'refused' }, fr)).toMatch(/^Connexion refusée/);
    expect(errorText({ kind: 'rate_limited', retryAfterSeconds: 30 }, en)).toMatch(/Too many/);
    expect(errorText({ kind: 'unavailable' }, fr)).toMatch(/ne répond pas/);
    expect(errorText({ kind: 'network' }, en)).toMatch(/cannot be reached/);
  });
});
