import { describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../src-main/ipc/channels';
import { fakeApi } from '../testing/fake-api';
import { createBridgeKioskApi, createHttpKioskApi, openSession, takeToken } from './kiosk-api';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('takeToken', () => {
  it('reads #token=… and removes it from the address bar', () => {
    const replaceState = vi.fn();
    const token = takeToken(
      { hash: '#token=abc123', pathname: '/', search: '?x=1' },
      { replaceState, state: null },
    );
    expect(token).toBe('abc123');
    expect(replaceState).toHaveBeenCalledWith(null, '', '/?x=1');
  });

  it('leaves the history alone when there is no token', () => {
    const replaceState = vi.fn();
    expect(takeToken({ hash: '', pathname: '/', search: '' }, { replaceState, state: null })).toBe(
      null,
    );
    expect(replaceState).not.toHaveBeenCalled();
  });
});

describe('openSession', () => {
  it('sends the token once, in a header, to POST /session, never in a URL', async () => {
    const fetch = vi.fn(async () => new Response(null, { status: 204 }));
    expect(await openSession('abc123', fetch)).toBe(true);
    expect(fetch).toHaveBeenCalledWith('/session', {
      method: 'POST',
      headers: { 'x-guichet-token': 'abc123' },
      cache: 'no-store',
      credentials: 'same-origin',
    });
  });

  it('says no, without throwing, when the host refuses or cannot be reached', async () => {
    expect(await openSession('bad', async () => json({}, 403))).toBe(false);
    expect(await openSession('t', () => Promise.reject(new TypeError()))).toBe(false);
  });
});

describe('HTTP transport', () => {
  it('has one function per channel', () => {
    const api = createHttpKioskApi({ fetch: vi.fn() });
    expect(Object.keys(api).sort()).toEqual([...CHANNELS].sort());
  });

  it('posts the input to /rpc/<channel> with the cookie, no token, and returns the reply', async () => {
    const fetch = vi.fn(async () => json({ ok: false, error: { code: 'identification_failed' } }));
    const api = createHttpKioskApi({ fetch });
    const reply = await api['student.identify']({ studentNumber: '1', birthDate: '2' });
    expect(reply).toEqual({ ok: false, error: { code: 'identification_failed' } });
    expect(fetch).toHaveBeenCalledWith('/rpc/student.identify', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ studentNumber: '1', birthDate: '2' }),
      cache: 'no-store',
      credentials: 'same-origin',
    });
  });

  it('waits for the session before the first call', async () => {
    let open!: () => void;
    const ready = new Promise<void>((resolve) => (open = resolve));
    const fetch = vi.fn(async () => json({ ok: true, value: {} }));
    const call = createHttpKioskApi({ fetch, ready })['kiosk.info']({});
    await Promise.resolve();
    expect(fetch).not.toHaveBeenCalled();
    open();
    expect(await call).toEqual({ ok: true, value: {} });
  });

  it('turns a fetch failure into a network error', async () => {
    const api = createHttpKioskApi({ fetch: () => Promise.reject(new TypeError()) });
    expect(await api['kiosk.info']({})).toEqual({ ok: false, error: { code: 'network' } });
  });

  it('maps a refused token to auth, and a body that is not a Reply to malformed_response', async () => {
    const refused = createHttpKioskApi({ fetch: async () => json({}, 403) });
    expect(await refused['kiosk.info']({})).toEqual({ ok: false, error: { code: 'auth' } });
    const odd = createHttpKioskApi({ fetch: async () => json({ hello: 1 }) });
    expect(await odd['kiosk.info']({})).toEqual({
      ok: false,
      error: { code: 'malformed_response' },
    });
    const html = createHttpKioskApi({ fetch: async () => new Response('<html>') });
    expect((await html['kiosk.info']({})).ok).toBe(false);
  });
});

describe('bridge transport', () => {
  it('calls the preload function and turns a rejection into internal', async () => {
    const bridge = fakeApi({
      'kiosk.info': () => Promise.reject(new Error('no handler')),
      'student.identify': async () => ({ ok: false, error: { code: 'timeout' } }),
    });
    const api = createBridgeKioskApi(bridge);
    expect(await api['kiosk.info']({})).toEqual({ ok: false, error: { code: 'internal' } });
    expect(await api['student.identify']({ studentNumber: '', birthDate: '' })).toEqual({
      ok: false,
      error: { code: 'timeout' },
    });
  });
});
