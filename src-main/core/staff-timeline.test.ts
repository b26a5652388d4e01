import { describe, expect, it } from 'vitest';
import {
  currentState,
  derivedEntries,
  mergeTimeline,
  type LifecycleFacts,
  type TimelineEntry,
} from './staff-timeline';

const rules = { activationDelayMinutes: 15, activationEmailValidHours: 24 };
const base: LifecycleFacts = {
  enrollmentValidatedAt: '2026-11-30T13:17:00.000Z',
  activationEmailSentAt: null,
  activatedAt: null,
  charterAcceptedAt: null,
  leavingYear: null,
  status: 'not_activated',
};

function stateAt(facts: LifecycleFacts, iso: string, kiosk: TimelineEntry[] = []) {
  const timeline = mergeTimeline(derivedEntries(facts, rules), kiosk);
  return currentState(facts, timeline, new Date(iso));
}

describe('lifecycle timeline', () => {
  it('puts activation 15 minutes after the enrolment, and says it is too early before', () => {
    expect(stateAt(base, '2026-11-30T13:20:00Z')).toEqual({
      state: 'too_early',
      possibleAt: '2026-11-30T13:32:00.000Z',
    });
    expect(stateAt(base, '2026-11-30T13:40:00Z')).toEqual({
      state: 'activation_possible',
      since: '2026-11-30T13:32:00.000Z',
    });
  });

  it('says when the activation e-mail was sent and until when it is valid', () => {
    const facts = { ...base, activationEmailSentAt: '2026-11-30T13:33:00.000Z' };
    expect(stateAt(facts, '2026-11-30T18:00:00Z')).toEqual({
      state: 'email_sent',
      sentAt: '2026-11-30T13:33:00.000Z',
      validUntil: '2026-12-01T13:33:00.000Z',
    });
    expect(stateAt(facts, '2026-12-01T14:00:00Z')).toMatchObject({ state: 'email_expired' });
  });

  it('ends access on 31 December after the leaving year', () => {
    const facts: LifecycleFacts = {
      ...base,
      status: 'active',
      activatedAt: '2024-09-10T10:00:00.000Z',
      leavingYear: '2025-2026',
    };
    expect(stateAt(facts, '2026-11-30T10:00:00Z')).toEqual({
      state: 'active',
      since: '2024-09-10T10:00:00.000Z',
      accessEndsAt: '2026-12-31T22:59:59.000Z',
    });
    expect(stateAt(facts, '2027-01-01T10:00:00Z')).toMatchObject({ state: 'access_ended' });
  });

  it('merges both sources in time order, each event once, the kiosk saying who and why', () => {
    const facts = { ...base, activationEmailSentAt: '2026-11-30T13:33:00.000Z' };
    const api = derivedEntries(facts, rules);
    const kiosk: TimelineEntry[] = [
      { id: 'k1', at: '2026-11-30T13:35:00.000Z', kind: 'identification_lockout', source: 'kiosk' },
      {
        id: `derived:activation_email_sent:2026-11-30T13:33:00.000Z`,
        at: '2026-11-30T13:33:00.000Z',
        kind: 'activation_email_sent',
        source: 'kiosk',
        actor: 'agent01',
        reason: 'email_not_received',
      },
    ];
    const merged = mergeTimeline(api, kiosk);
    expect(merged.map((e) => e.kind)).toEqual([
      'enrollment_validated',
      'activation_possible',
      'activation_email_sent',
      'identification_lockout',
      'activation_email_expires',
    ]);
    expect(merged[2]).toMatchObject({ source: 'kiosk', actor: 'agent01' });
  });

  it('puts a locked or disabled account first, whatever the dates', () => {
    expect(stateAt({ ...base, status: 'disabled' }, '2026-11-30T20:00:00Z')).toEqual({
      state: 'disabled',
    });
    expect(stateAt({ ...base, status: 'locked' }, '2026-11-30T20:00:00Z')).toEqual({
      state: 'locked',
      since: null,
    });
  });
});
