import { describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../src-main/ipc/channels';
import { fakeApi } from '../testing/fake-api';
import { createBridgeKioskApi, createHttpKioskApi, takeToken } from './kiosk-api';

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

describe('HTTP transport', () => {
  it('has one function per channel', () => {
    const api = createHttpKioskApi({ token: 't', fetch: vi.fn() });
    expect(Object.keys(api).sort()).toEqual([...CHANNELS].sort());
  });

  it('posts the input to /rpc/<channel> with the token and returns the reply', async () => {
    const fetch = vi.fn(async () => json({ ok: false, error: { code: 'identification_failed' } }));
    const api = createHttpKioskApi({ token: 'secret', fetch });
    const reply = await api['student.identify']({ studentNumber: '1', birthDate: '2' });
    expect(reply).toEqual({ ok: false, error: { code: 'identification_failed' } });
    expect(fetch).toHaveBeenCalledWith('/rpc/student.identify', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-guichet-token': 'secret' },
      body: JSON.stringify({ studentNumber: '1', birthDate: '2' }),
      cache: 'no-store',
    });
  });

  it('turns a fetch failure into a network error', async () => {
    const api = createHttpKioskApi({ token: 't', fetch: () => Promise.reject(new TypeError()) });
    expect(await api['kiosk.info']({})).toEqual({ ok: false, error: { code: 'network' } });
  });

  it('maps a refused token to auth, and a body that is not a Reply to malformed_response', async () => {
    const refused = createHttpKioskApi({ token: 'bad', fetch: async () => json({}, 403) });
    expect(await refused['kiosk.info']({})).toEqual({ ok: false, error: { code: 'auth' } });
    const odd = createHttpKioskApi({ token: 't', fetch: async () => json({ hello: 1 }) });
    expect(await odd['kiosk.info']({})).toEqual({
      ok: false,
      error: { code: 'malformed_response' },
    });
    const html = createHttpKioskApi({ token: 't', fetch: async () => new Response('<html>') });
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
