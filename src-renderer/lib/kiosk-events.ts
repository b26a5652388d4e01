/**
 * Main's events (connectivity, outbox) for the renderer: the Electron preload's
 * `window.guichetEvents`, or Server-Sent Events from the web host (GET /events, by session cookie).
 */
import { EVENTS, type EventName } from '../../src-main/ipc/channels';
import type { KioskApi, KioskEventSource, KioskEvents } from '../../src-main/ipc/contract';
import { createBridgeKioskApi, createHttpKioskApi, openSession, takeToken } from './kiosk-api';

declare global {
  interface Window {
    /** Exposed by the Electron preload next to `window.guichet`. */
    guichetEvents?: KioskEventSource;
  }
}

/** A source that never fires (no bridge): screens simply get no live updates. */
const silent: KioskEventSource = () => () => {};

type Source = Pick<EventSource, 'addEventListener' | 'removeEventListener'>;

/**
 * The web host's events over one EventSource, opened on the first subscription once `ready`
 * settles (the session cookie is set): an EventSource cannot send headers, and a token in its
 * URL would stay in the browser's history.
 */
export function createSseEvents(
  ready: Promise<unknown>,
  open: (url: string) => Source,
): KioskEventSource {
  let source: Promise<Source> | null = null;
  return <E extends EventName>(name: E, listener: (payload: KioskEvents[E]) => void) => {
    if (!(EVENTS as readonly string[]).includes(name)) return () => {};
    source ??= ready.then(() => open('/events'));
    const handler = (event: Event) => {
      try {
        listener(JSON.parse((event as MessageEvent<string>).data) as KioskEvents[E]);
      } catch {
        // A garbled event is dropped; the next one carries the whole state again.
      }
    };
    let subscribed = true;
    const opened = source;
    void opened.then((events) => {
      if (subscribed) events.addEventListener(name, handler);
    });
    return () => {
      subscribed = false;
      void opened.then((events) => events.removeEventListener(name, handler));
    };
  };
}

/**
 * The renderer's connection to main, calls and events, for this page. Call once at start: it
 * consumes the web host's token from the URL and trades it for the session cookie; a reload,
 * with no token left in the URL, goes on with the cookie.
 */
export function connectKiosk(win: Window): { api: KioskApi; events: KioskEventSource } {
  const token = takeToken(win.location, win.history);
  if (win.guichet) {
    return { api: createBridgeKioskApi(win.guichet), events: win.guichetEvents ?? silent };
  }
  // A new link opened in this tab (a restarted host's) differs from the page's URL only by its
  // fragment, which loads nothing by itself: load it, so that its token is read and exchanged.
  win.addEventListener('hashchange', () => {
    if (new URLSearchParams(win.location.hash.slice(1)).has('token')) win.location.reload();
  });
  const fetch = (url: string, init: RequestInit) => win.fetch(url, init);
  const ready = token ? openSession(token, fetch) : Promise.resolve(false);
  return {
    api: createHttpKioskApi({ fetch, ready }),
    events: createSseEvents(ready, (url) => new EventSource(url)),
  };
}
