import { describe, expect, it } from 'vitest';
import profile from '../../resources/institutions/umontpellier.json';
import { parseProfile } from './profile';

describe('institution profile: outbox', () => {
  it('keeps dead letters 30 days unless the profile says otherwise', () => {
    const { outbox: _omitted, ...without } = profile;
    expect(parseProfile(without).outbox).toEqual({ deadLetterRetentionDays: 30 });
    expect(parseProfile({ ...profile, outbox: { deadLetterRetentionDays: 7 } }).outbox).toEqual({
      deadLetterRetentionDays: 7,
    });
  });

  it('refuses a retention that is not a whole number of days from 1 to 365, naming the key', () => {
    for (const days of [0, 1.5, 366, '30']) {
      expect(() => parseProfile({ ...profile, outbox: { deadLetterRetentionDays: days } })).toThrow(
        /profile\.outbox\.deadLetterRetentionDays/,
      );
    }
  });
});
