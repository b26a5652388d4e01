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

describe('institution profile: staff mode', () => {
  it('ends staff sessions after 2 minutes idle and trusts agents seen within 7 days by default', () => {
    const { staff: _omitted, ...without } = profile;
    expect(parseProfile(without).staff).toEqual({ idleSeconds: 120, offlineSignInDays: 7 });
    const custom = { idleSeconds: 60, offlineSignInDays: 3 };
    expect(parseProfile({ ...profile, staff: custom }).staff).toEqual(custom);
  });

  it('refuses an idle time outside 15 s to 1 h or an unknown key, naming the key', () => {
    for (const idleSeconds of [0, 14, 3601, 30.5]) {
      expect(() =>
        parseProfile({ ...profile, staff: { idleSeconds, offlineSignInDays: 7 } }),
      ).toThrow(/profile\.staff\.idleSeconds/);
    }
    expect(() =>
      parseProfile({ ...profile, staff: { idleSeconds: 120, offlineSignInDays: 7, pin: '1' } }),
    ).toThrow(/profile\.staff/);
  });
});

describe('institution profile: idle allowance of the code steps', () => {
  it('gives the code steps 4 minutes before the warning and 5 before the wipe by default', () => {
    expect(parseProfile(profile).idle).toEqual({
      warnAfterSeconds: 60,
      resetAfterSeconds: 90,
      awaitingCode: { warnAfterSeconds: 240, resetAfterSeconds: 300 },
    });
    const awaitingCode = { warnAfterSeconds: 400, resetAfterSeconds: 460 };
    const idle = { ...profile.idle, awaitingCode };
    expect(parseProfile({ ...profile, idle }).idle.awaitingCode).toEqual(awaitingCode);
  });

  it('refuses a code-step allowance shorter than the normal one, or a warning after the wipe', () => {
    for (const awaitingCode of [
      { warnAfterSeconds: 30, resetAfterSeconds: 60 },
      { warnAfterSeconds: 300, resetAfterSeconds: 240 },
    ]) {
      expect(() => parseProfile({ ...profile, idle: { ...profile.idle, awaitingCode } })).toThrow(
        /profile\.idle\.awaitingCode\.resetAfterSeconds/,
      );
    }
  });
});

describe('institution profile: help desk', () => {
  it('carries where the desk is and when it opens, in French and English', () => {
    const parsed = parseProfile(profile);
    expect(parsed.helpDesk?.location.fr).toMatch(/bâtiment/);
    expect(parsed.helpDesk?.hours.en).toMatch(/Monday/);
    const { helpDesk: _omitted, ...without } = profile;
    expect(parseProfile(without).helpDesk).toBeUndefined();
  });

  it('refuses a desk without its English text or with an unknown key, naming the key', () => {
    const location = { fr: 'Bâtiment 8' };
    expect(() => parseProfile({ ...profile, helpDesk: { ...profile.helpDesk, location } })).toThrow(
      /profile\.helpDesk\.location\.en/,
    );
    expect(() =>
      parseProfile({ ...profile, helpDesk: { ...profile.helpDesk, phone: '04' } }),
    ).toThrow(/profile\.helpDesk/);
  });
});
