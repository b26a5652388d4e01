import { describe, expect, it } from 'vitest';
import type { JourneyData } from '../core/journey-ports';
import { createJourneyStore, journeyTtlSeconds } from './journeys';

const data: JourneyData = {
  identifier: 'endiayebrule',
  firstName: 'Éloïse',
  lastName: "N'Diaye-Brûlé",
  birthDate: '2001-03-14',
  leavingYear: null,
  studentSession: null,
};

function setup(maxOpen?: number) {
  let now = Date.parse('2026-11-25T10:00:00Z');
  const clock = { now: () => new Date(now) };
  const store = createJourneyStore({ clock, ttlSeconds: 180, ...(maxOpen && { maxOpen }) });
  return { store, advance: (s: number) => (now += s * 1000) };
}

describe('journey store', () => {
  it('opens journeys with unguessable ids and finds them again', () => {
    const { store } = setup();
    const a = store.open(data);
    const b = store.open(data);
    expect(a.journeyId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(a.journeyId).not.toBe(b.journeyId);
    expect(store.get(a.journeyId)).toEqual({ ...data, journeyId: a.journeyId });
    expect(store.get('nope')).toBeNull();
  });

  it('forgets a journey at its end and after its time-to-live without use', () => {
    const { store, advance } = setup();
    const ended = store.open(data);
    store.end(ended.journeyId);
    expect(store.get(ended.journeyId)).toBeNull();

    const used = store.open(data);
    advance(170);
    expect(store.get(used.journeyId)).not.toBeNull();
    // Using it kept it open for another 180 s.
    advance(170);
    expect(store.get(used.journeyId)).not.toBeNull();
    advance(180);
    expect(store.get(used.journeyId)).toBeNull();
    expect(store.size()).toBe(0);
  });

  it('drops the least recently used journey beyond the cap', () => {
    const { store } = setup(2);
    const first = store.open(data);
    const second = store.open(data);
    store.get(first.journeyId);
    const third = store.open(data);
    expect(store.get(second.journeyId)).toBeNull();
    expect(store.get(first.journeyId)).not.toBeNull();
    expect(store.get(third.journeyId)).not.toBeNull();
  });

  it('lives twice the longest idle reset of the profile, the code steps included', () => {
    const idle = { warnAfterSeconds: 60, resetAfterSeconds: 90 };
    // The code steps' default allowance (5 minutes) is the longest: a student back from reading
    // their phone after 4 minutes still finds their journey in main.
    expect(journeyTtlSeconds({ idle })).toBe(600);
    const awaitingCode = { warnAfterSeconds: 100, resetAfterSeconds: 120 };
    expect(journeyTtlSeconds({ idle: { ...idle, awaitingCode } })).toBe(240);
  });
});
