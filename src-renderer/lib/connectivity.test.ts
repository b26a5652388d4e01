import { describe, expect, it, vi } from 'vitest';
import type { KioskStatus } from '../../src-main/core/connectivity';
import type { EventName } from '../../src-main/ipc/channels';
import type { KioskEventSource, KioskEvents } from '../../src-main/ipc/contract';
import { fakeApi } from '../testing/fake-api';
import { KioskConnectivity } from './connectivity.svelte';
import { createSseEvents } from './kiosk-events';

/** An event source the test fires by hand. */
function manualEvents() {
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  const source: KioskEventSource = (name, listener) => {
    const set = listeners.get(name) ?? new Set();
    listeners.set(name, set);
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  };
  const fire = <E extends EventName>(name: E, payload: KioskEvents[E]) =>
    listeners.get(name)?.forEach((listener) => (listener as (p: KioskEvents[E]) => void)(payload));
  return { source, fire, count: () => [...listeners.values()].reduce((n, s) => n + s.size, 0) };
}

const status = (state: 'online' | 'degraded' | 'offline', pending = 0): KioskStatus => ({
  connectivity: { state, since: '2026-11-25T09:00:00.000Z' },
  outbox: { pending, dead: 0 },
});

describe('kiosk connectivity', () => {
  it('reads the status once, then follows events; nothing to say while online', async () => {
    const events = manualEvents();
    const api = fakeApi({ 'kiosk.status': async () => ({ ok: true, value: status('online') }) });
    const connectivity = new KioskConnectivity(api, events.source);
    const stop = connectivity.start();
    await Promise.resolve();
    await Promise.resolve();
    expect(connectivity.notice).toBeNull();
    events.fire('connectivity', { state: 'offline', since: '2026-11-25T10:00:00.000Z' });
    expect(connectivity.notice).toEqual({ state: 'offline', since: '2026-11-25T10:00:00.000Z' });
    events.fire('outbox', { pending: 2, dead: 0 });
    expect(connectivity.status?.outbox).toEqual({ pending: 2, dead: 0 });
    stop();
    expect(events.count()).toBe(0);
  });

  it('keeps an event that overtook the status answer', async () => {
    const events = manualEvents();
    let answer: (value: { ok: true; value: KioskStatus }) => void = () => {};
    const api = fakeApi({ 'kiosk.status': () => new Promise((resolve) => (answer = resolve)) });
    const connectivity = new KioskConnectivity(api, events.source);
    connectivity.start();
    events.fire('connectivity', { state: 'degraded', since: '2026-11-25T10:00:00.000Z' });
    answer({ ok: true, value: status('online', 1) });
    await Promise.resolve();
    await Promise.resolve();
    expect(connectivity.notice?.state).toBe('degraded');
    expect(connectivity.status?.outbox.pending).toBe(1);
  });
});

describe('events over Server-Sent Events', () => {
  it('opens one EventSource once the session is ready, with no token, and parses each event', async () => {
    const opened: string[] = [];
    const handlers = new Map<string, (event: Event) => void>();
    let open!: () => void;
    const ready = new Promise<void>((resolve) => (open = resolve));
    const source = createSseEvents(ready, (url) => {
      opened.push(url);
      return {
        addEventListener: (name: string, handler: (event: Event) => void) =>
          handlers.set(name, handler),
        removeEventListener: (name: string) => handlers.delete(name),
      } as unknown as EventSource;
    });
    const seen: unknown[] = [];
    const stop = source('outbox', (payload) => seen.push(payload));
    source('connectivity', () => {});
    await Promise.resolve();
    expect(opened).toEqual([]);
    open();
    await vi.waitFor(() => expect(handlers.size).toBe(2));
    expect(opened).toEqual(['/events']);
    handlers.get('outbox')!(new MessageEvent('outbox', { data: '{"pending":1,"dead":0}' }));
    handlers.get('outbox')!(new MessageEvent('outbox', { data: 'not json' }));
    expect(seen).toEqual([{ pending: 1, dead: 0 }]);
    stop();
    await vi.waitFor(() => expect(handlers.has('outbox')).toBe(false));
  });
});
