import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../../src-main/core/staff-timeline';
import { I18n } from '../../i18n/i18n.svelte';
import { agentLines, lineWords } from './timeline-lines';

const fr = new I18n('fr');
const en = new I18n('en');

/** What main sends for one online unlock by agent01, after the agent opened the page twice. */
const ONLINE_UNLOCK: TimelineEntry[] = [
  {
    id: 'api:dataset-locked',
    at: '2026-11-20T08:00:00Z',
    kind: 'account_locked',
    source: 'api',
    detail: 'too_many_failures',
  },
  {
    id: 'kiosk:audit:10',
    at: '2026-11-25T09:59:00Z',
    kind: 'staff_action',
    source: 'kiosk',
    actor: 'agent01',
    detail: 'view_student',
  },
  {
    id: 'kiosk:outbox:7:queued',
    at: '2026-11-25T10:00:00Z',
    kind: 'operation_queued',
    source: 'kiosk',
    detail: 'staff.unlock',
  },
  {
    id: 'kiosk:audit:11',
    at: '2026-11-25T10:00:00Z',
    kind: 'staff_action',
    source: 'kiosk',
    actor: 'agent01',
    reason: 'account_locked',
    detail: 'unlock',
  },
  {
    id: 'api:ev-000003',
    at: '2026-11-25T10:00:01Z',
    kind: 'account_unlocked',
    source: 'api',
    actor: 'agent01',
    reason: 'account_locked',
  },
  {
    id: 'kiosk:outbox:7:applied',
    at: '2026-11-25T10:00:01Z',
    kind: 'operation_applied',
    source: 'kiosk',
    detail: 'staff.unlock',
  },
  {
    id: 'kiosk:audit:12',
    at: '2026-11-25T10:00:02Z',
    kind: 'staff_action',
    source: 'kiosk',
    actor: 'agent01',
    detail: 'view_student',
  },
];

describe('agentLines', () => {
  it('one online unlock is one line (the API’s, with who and why); page views are not lines', () => {
    expect(agentLines(ONLINE_UNLOCK).map((e) => e.id)).toEqual([
      'api:dataset-locked',
      'api:ev-000003',
    ]);
  });

  it('an unlock still waiting in the outbox is one line, saying so', () => {
    const waiting = ONLINE_UNLOCK.filter(
      (e) => e.id !== 'api:ev-000003' && e.id !== 'kiosk:outbox:7:applied',
    );
    const lines = agentLines(waiting);
    expect(lines.map((e) => e.id)).toEqual([
      'api:dataset-locked',
      'kiosk:outbox:7:queued',
      'kiosk:audit:11',
    ]);
    expect(lineWords(lines[1]!, fr).what).toBe(
      'Opération mise en attente sur la borne — Compte déverrouillé par un agent',
    );
  });

  it('a refused queued write is one line: the refusal, in staff words', () => {
    const lines = agentLines([
      {
        id: 'kiosk:outbox:3:queued',
        at: '2026-11-25T10:00:00Z',
        kind: 'operation_queued',
        source: 'kiosk',
        detail: 'password.change',
      },
      {
        id: 'kiosk:outbox:3:dead',
        at: '2026-11-25T11:00:00Z',
        kind: 'operation_dead_lettered',
        source: 'kiosk',
        detail: '409 account_state',
      },
    ]);
    expect(lines.map((e) => e.id)).toEqual(['kiosk:outbox:3:dead']);
    expect(lineWords(lines[0]!, en).what).toMatch(
      /^Queued operation refused — The account's state/,
    );
    expect(lineWords(lines[0]!, en).what).not.toMatch(/account_state/);
  });

  it('a staff action the API does not report (lifting a kiosk lockout) keeps the kiosk’s line', () => {
    const entry: TimelineEntry = {
      id: 'kiosk:audit:20',
      at: '2026-11-25T10:00:00Z',
      kind: 'staff_action',
      source: 'kiosk',
      actor: 'agent01',
      reason: 'student_request',
      detail: 'clear_identification_lockout',
    };
    expect(agentLines([entry])).toEqual([entry]);
    expect(lineWords(entry, fr)).toEqual({
      what: 'Identification débloquée sur la borne',
      who: 'agent01',
      why: 'Demande de l’étudiant',
    });
  });
});

describe('lineWords', () => {
  it('the lock: when, and why in words', () => {
    expect(lineWords(ONLINE_UNLOCK[0]!, fr).what).toBe(
      'Compte verrouillé — trop d’échecs de mot de passe',
    );
    expect(lineWords(ONLINE_UNLOCK[0]!, en).what).toBe('Account locked — too many wrong passwords');
  });

  it('who did what and why; the student’s own steps say the student did them', () => {
    expect(lineWords(ONLINE_UNLOCK[4]!, fr)).toEqual({
      what: 'Compte déverrouillé',
      who: 'agent01',
      why: 'Compte verrouillé',
    });
    const reset: TimelineEntry = {
      id: 'api:ev-9',
      at: '2026-11-25T10:00:00Z',
      kind: 'password_reset',
      source: 'api',
      detail: 'staff_grant',
    };
    expect(lineWords(reset, fr)).toEqual({
      what: 'Mot de passe réinitialisé — après vérification d’identité par un agent',
      who: 'l’étudiant',
      why: '',
    });
  });

  it('no code shows as it came: an unknown detail gives the kind’s words alone', () => {
    const odd: TimelineEntry = {
      id: 'kiosk:audit:30',
      at: '2026-11-25T10:00:00Z',
      kind: 'staff_action',
      source: 'kiosk',
      actor: 'agent01',
      detail: 'something_new',
    };
    expect(lineWords(odd, fr).what).toBe('Action d’un agent');
  });
});
