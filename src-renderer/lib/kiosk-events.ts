/**
 * Main's events (connectivity, outbox) for the renderer: the Electron preload's
 * `window.guichetEvents`, or Server-Sent Events from the web host (GET /events?token=…).
 */
import { EVENTS, type EventName } from '../../src-main/ipc/channels';
import type { KioskApi, KioskEventSource, KioskEvents } from '../../src-main/ipc/contract';
import { createBridgeKioskApi, createHttpKioskApi, takeToken } from './kiosk-api';

declare global {
  interface Window {
    /** Exposed by the Electron preload next to `window.guichet`. */
    guichetEvents?: KioskEventSource;
  }
}

/** A source that never fires (no token, no bridge): screens simply get no live updates. */
const silent: KioskEventSource = () => () => {};

/** The web host's events over one EventSource, opened on the first subscription. */
export function createSseEvents(
  token: string,
  open: (url: string) => Pick<EventSource, 'addEventListener' | 'removeEventListener'>,
): KioskEventSource {
  let source: ReturnType<typeof open> | null = null;
  return <E extends EventName>(name: E, listener: (payload: KioskEvents[E]) => void) => {
    if (!(EVENTS as readonly string[]).includes(name)) return () => {};
    source ??= open(`/events?token=${encodeURIComponent(token)}`);
    const handler = (event: Event) => {
      try {
        listener(JSON.parse((event as MessageEvent<string>).data) as KioskEvents[E]);
      } catch {
        // A garbled event is dropped; the next one carries the whole state again.
      }
    };
    source.addEventListener(name, handler);
    return () => source?.removeEventListener(name, handler);
  };
}

/**
 * The renderer's connection to main, calls and events, for this page. Call once at start: it
 * consumes the web host's token from the URL.
 */
export function connectKiosk(win: Window): { api: KioskApi; events: KioskEventSource } {
  const token = takeToken(win.location, win.history);
  if (win.guichet) {
    return { api: createBridgeKioskApi(win.guichet), events: win.guichetEvents ?? silent };
  }
  return {
    api: createHttpKioskApi({ token, fetch: (url, init) => win.fetch(url, init) }),
    events: token ? createSseEvents(token, (url) => new EventSource(url)) : silent,
  };
}
