/**
 * The staff session holder in main: the API token and what the agent saw live exactly as long
 * as the session; idle (even with nobody calling), the maximum duration, sign-out, a hand-off
 * and a restart all end it, wipe it and close the API's session, and closing the kiosk waits
 * for that sign-out. The API is an in-memory stand-in for its one port (closeSession).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../logger';
import { createStaffSessionHolder, type StaffSessionHolder } from './session';

let now = Date.parse('2026-11-25T10:00:00Z');
const clock = { now: () => new Date(now) };
let closed: string[] = [];
const holders: StaffSessionHolder[] = [];
afterEach(async () => {
  await Promise.all(holders.splice(0).map((h) => h.stop()));
  closed = [];
});

function holder(options: { checkEveryMs?: number; closeSession?: () => Promise<void> } = {}) {
  const h = createStaffSessionHolder({
    clock,
    idleSeconds: 120,
    logger: silentLogger,
    checkEveryMs: options.checkEveryMs ?? 60_000,
    api: {
      async closeSession(token) {
        await options.closeSession?.();
        closed.push(token);
        return { ok: true, value: undefined };
      },
    },
  });
  holders.push(h);
  return h;
}
const agent = { staffId: 'agent01', displayName: 'Camille Martin', role: 'agent' as const };

/** Opens a session and leaves traces of a student the agent looked at. */
function signedIn(h: StaffSessionHolder, token: string | null = 'api-token') {
  h.open({ ...agent, offline: token === null }, token);
  h.seenNumbers.set('nmai', '22004567');
  return h;
}
const wiped = (h: StaffSessionHolder) => ({
  info: h.info(),
  token: h.token(),
  numbers: h.seenNumbers.size,
  offline: h.seenOffline.size,
});
const WIPED = { info: null, token: null, numbers: 0, offline: 0 };

describe('staff session holder', () => {
  it('sign-out wipes what the agent saw and closes the API session', async () => {
    const h = signedIn(holder());
    expect(h.token()).toBe('api-token');
    h.end('signed_out');
    expect(wiped(h)).toEqual(WIPED);
    await expect.poll(() => closed).toEqual(['api-token']);
    expect(h.authorize('lookup')).toEqual({
      ok: false,
      error: { code: 'staff_session_required' },
    });
  });

  it('an idle session ends by its timer, with nobody calling', async () => {
    const h = signedIn(holder({ checkEveryMs: 5 }));
    now += 121_000;
    await expect.poll(() => closed).toEqual(['api-token']);
    expect(wiped(h)).toEqual(WIPED);
    now -= 121_000;
  });

  it('activity keeps it alive; the maximum duration ends it however busy', () => {
    const start = now;
    const h = signedIn(holder());
    // A call every minute for 7 h 59 min, then past the 8 hours.
    for (let i = 0; i < 8 * 60 - 1; i += 1) {
      now += 60_000;
      expect(h.authorize('lookup').ok).toBe(true);
    }
    now += 61_000;
    expect(h.authorize('lookup')).toEqual({ ok: false, error: { code: 'staff_session_expired' } });
    expect(wiped(h)).toEqual(WIPED);
    now = start;
  });

  it('a new sign-in replaces the session, and a restart starts with none', async () => {
    const h = signedIn(holder());
    h.open({ ...agent, staffId: 'super01', role: 'supervisor', offline: false }, 'second');
    await expect.poll(() => closed).toEqual(['api-token']);
    expect(h.seenNumbers.size).toBe(0);
    expect(h.token()).toBe('second');
    // What a restart builds: a fresh holder, which knows of no session at all.
    expect(wiped(holder())).toEqual(WIPED);
  });

  it('an offline session has no API token, and ends without calling the API', async () => {
    const h = signedIn(holder(), null);
    expect(h.info()).toMatchObject({ offline: true });
    expect(h.token()).toBeNull();
    await h.stop();
    expect(closed).toEqual([]);
  });

  it('stopping (kiosk closing) ends the session and waits for its sign-out at the API', async () => {
    let release!: () => void;
    const h = signedIn(
      holder({ closeSession: () => new Promise<void>((resolve) => (release = resolve)) }),
    );
    let stopped = false;
    const stopping = h.stop().then(() => (stopped = true));
    expect(wiped(h)).toEqual(WIPED);
    await Promise.resolve();
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(closed).toEqual(['api-token']);
  });
});
