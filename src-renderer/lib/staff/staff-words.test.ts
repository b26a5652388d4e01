import { describe, expect, it } from 'vitest';
import { I18n } from '../../i18n/i18n.svelte';
import { staffErrorMessage } from './staff-messages';
import {
  actorName,
  auditActionName,
  auditOutcomeName,
  auditReasonName,
  operationName,
} from './staff-words';

const fr = new I18n('fr');
const en = new I18n('en');

describe('the audit log in staff words', () => {
  it('a refused staff sign-in reads as words, not "staff.sign_in / staff_pin_invalid / refused"', () => {
    expect(auditActionName('staff.sign_in', fr)).toBe('Connexion d’un agent');
    expect(auditReasonName('staff_pin_invalid', fr)).toBe(
      'Identifiant agent ou code PIN incorrect.',
    );
    expect(auditOutcomeName('refused', fr)).toBe('refusé');
    expect(auditActionName('staff.sign_in', en)).toBe('Staff sign-in');
  });

  it('every action main records has words (staff acts, journeys, queued writes)', () => {
    const actions = [
      'staff.sign_in',
      'staff.view_student',
      'staff.reveal_email',
      'staff.resend_activation',
      'staff.unlock',
      'staff.clear_identification_lockout',
      'staff.clear_kiosk_budget',
      'staff.handoff_activation',
      'staff.handoff_password_reset',
      'staff.retry_dead_letter',
      'staff.discard_dead_letter',
      'staff.sync_now',
      'staff.retry_outbox',
      'staff.clear_staff_lockouts',
      'staff.support_bundle',
      'identify',
      'activation_email',
      'activation_code',
      'activation',
      'mail_login',
      'mail_redirection',
      'password_change',
      'password_reset_email',
      'password_reset',
      'handoff_activation',
      'handoff_password_reset',
      'student.dead_letter_notice',
      'outbox.staff.unlock',
      'outbox.password.change',
    ];
    for (const lang of [fr, en]) {
      for (const action of actions) {
        expect(auditActionName(action, lang), action).not.toMatch(/[_.][a-z]/);
      }
    }
    expect(auditActionName('outbox.staff.unlock', fr)).toBe(
      'Opération en attente : Compte déverrouillé par un agent',
    );
  });

  it('the journal’s compact details, outcomes and actors', () => {
    expect(auditReasonName('{"code":"identification_failed"}', en)).toBe(
      'No student with this number and birth date in the local copy.',
    );
    expect(auditReasonName('{"reference":"R-12"}', fr)).toBe('réf. R-12');
    expect(auditReasonName('account_locked', fr)).toBe('Compte verrouillé');
    expect(auditReasonName('forgotten_password (passport)', fr)).toBe(
      'Mot de passe oublié (Passeport)',
    );
    expect(auditReasonName('online', fr)).toBe('en ligne');
    expect(auditOutcomeName('dead_lettered', en)).toBe('refused by the central service');
    expect(actorName('student', fr)).toBe('étudiant');
    expect(actorName('agent01', fr)).toBe('agent01');
    expect(operationName('something.new', fr)).toBe('Opération de la borne');
  });
});

describe('staff refusals', () => {
  const now = new Date('2026-11-25T13:00:00Z'); // 14 h 00 in Paris

  it('a staff PIN lockout says until when, and that a supervisor can lift it', () => {
    const text = staffErrorMessage(
      fr,
      { code: 'locked_out', retryAfterSeconds: 300 },
      'Europe/Paris',
      now,
      'signIn',
    );
    expect(text).toMatch(/bloquée jusqu’à 14\sh\s05/);
    expect(text).toMatch(/Un superviseur peut lever ce blocage/);
    expect(text).not.toMatch(/accueil/);
    const english = staffErrorMessage(
      en,
      { code: 'rate_limited', retryAfterSeconds: 300 },
      'Europe/Paris',
      now,
      'signIn',
    );
    expect(english).toMatch(/locked until 14:05\. A supervisor can lift the lock/);
  });

  it('elsewhere a wait is a time of day, in staff words', () => {
    expect(
      staffErrorMessage(
        fr,
        { code: 'locked_out', retryAfterSeconds: 90 },
        'Europe/Paris',
        now,
      ).replace(/\s/g, ' '),
    ).toBe(
      'Trop d’essais sur cette borne : recherche bloquée pour le moment. Nouvel essai possible à 14 h 01.',
    );
    expect(staffErrorMessage(fr, { code: 'account_state' }, 'Europe/Paris', now)).not.toMatch(
      /vous aider|accueil/,
    );
  });
});
