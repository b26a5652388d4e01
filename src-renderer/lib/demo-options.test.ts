import { describe, expect, it } from 'vitest';
import { idleTimings } from './demo-options';

const profile = { warnAfterSeconds: 60, resetAfterSeconds: 90 };

describe('idleTimings', () => {
  it('takes ?idle=warn,reset in demo mode', () => {
    expect(idleTimings(profile, 'demo', '?idle=2,4')).toEqual({
      warnAfterSeconds: 2,
      resetAfterSeconds: 4,
    });
  });

  it('never lets the query change a live kiosk', () => {
    expect(idleTimings(profile, 'live', '?idle=2,4')).toBe(profile);
  });

  it('ignores a malformed or inverted query', () => {
    for (const search of ['', '?idle=2', '?idle=4,2', '?idle=0,3', '?idle=a,b'])
      expect(idleTimings(profile, 'demo', search)).toBe(profile);
  });
});
