import { describe, expect, it } from 'vitest';
import type { Logger } from '../core/ports';
import { preventable, StandInApp, StandInContents, StandInSession } from './electron-stand-in';
import { installLockdown, lockDownSession } from './lockdown';

// Under Node, against a stand-in of Electron's app, web contents and session (see
// electron-stand-in.ts): the Electron binary cannot exist on this machine, so this is where the
// lockdown's guards are held to account. Each test fires the event Electron would fire.

const production = { dev: false, windowed: false };
const dev = { dev: true, windowed: true };

function recordingLogger() {
  const warnings: string[] = [];
  const logger: Logger = {
    debug() {},
    info() {},
    warn: (message, fields) => void warnings.push(`${message} ${JSON.stringify(fields ?? {})}`),
    error() {},
  };
  return { logger, warnings };
}

/** Installs the lockdown on a stand-in app, then creates one web contents, as Electron would. */
function lockedContents(flags = production, session = new StandInSession()) {
  const app = new StandInApp();
  const log = recordingLogger();
  installLockdown(app.asApp(), flags, log.logger);
  const contents = new StandInContents(session);
  app.emit('web-contents-created', preventable(), contents);
  return { app, contents, session, ...log };
}

const HOSTILE = [
  'https://evil.example/',
  'http://127.0.0.1:5173/',
  'file:///etc/passwd',
  'app://evil/index.html',
  'app://x@guichet/index.html',
  'app://guichet:8080/index.html',
  'javascript:alert(1)',
  'not a url',
];

describe('lockdown: what is registered', () => {
  it('listens for every web contents and for client-certificate requests on the app', () => {
    const app = new StandInApp();
    installLockdown(app.asApp(), production, recordingLogger().logger);
    expect(app.listenerCount('web-contents-created')).toBe(1);
    expect(app.listenerCount('select-client-certificate')).toBe(1);
  });

  it('guards each new web contents and its session', () => {
    const { contents, session } = lockedContents();
    for (const event of [
      'will-navigate',
      'will-frame-navigate',
      'will-redirect',
      'will-attach-webview',
      'before-input-event',
    ]) {
      expect(contents.listenerCount(event), event).toBe(1);
    }
    expect(contents.windowOpen).not.toBeNull();
    expect(session.permissionRequest).not.toBeNull();
    expect(session.permissionCheck).not.toBeNull();
    expect(session.devicePermission).not.toBeNull();
    expect(session.listenerCount('will-download')).toBe(1);
    expect(session.beforeRequest).toHaveLength(1);
  });

  it('locks a shared session once, however many web contents use it', () => {
    const session = new StandInSession();
    const { app } = lockedContents(production, session);
    app.emit('web-contents-created', preventable(), new StandInContents(session));
    lockDownSession(session.asSession(), production, recordingLogger().logger);
    expect(session.listenerCount('will-download')).toBe(1);
    expect(session.beforeRequest).toHaveLength(1);
  });
});

describe('lockdown: what is refused', () => {
  it('refuses navigation, frame navigation and redirects away from app://guichet', () => {
    const { contents, warnings } = lockedContents();
    for (const url of HOSTILE) {
      const navigation = preventable();
      contents.emit('will-navigate', navigation, url);
      expect(navigation.defaultPrevented, url).toBe(true);
      const redirect = preventable();
      contents.emit('will-redirect', redirect, url);
      expect(redirect.defaultPrevented, url).toBe(true);
      const frame = preventable({ isMainFrame: false, url });
      contents.emit('will-frame-navigate', frame);
      expect(frame.defaultPrevented, url).toBe(true);
    }
    // The kiosk's own pages stay reachable.
    const own = preventable();
    contents.emit('will-navigate', own, 'app://guichet/index.html#/identify');
    expect(own.defaultPrevented).toBe(false);
    // Only the scheme is logged: a URL may carry what a hostile page put in it.
    expect(warnings.join('\n')).not.toContain('evil');
  });

  it('denies every new window, even one of its own pages', () => {
    const { contents } = lockedContents();
    for (const url of [...HOSTILE, 'app://guichet/index.html']) {
      expect(contents.windowOpen!({ url })).toEqual({ action: 'deny' });
    }
  });

  it('refuses to attach a webview', () => {
    const { contents } = lockedContents();
    const attach = preventable();
    contents.emit('will-attach-webview', attach, {}, {});
    expect(attach.defaultPrevented).toBe(true);
  });

  it('denies every permission, permission check, device and download', () => {
    const { session } = lockedContents();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'hid']) {
      let granted: boolean | null = null;
      session.permissionRequest!({}, permission, (answer: boolean) => (granted = answer), {});
      expect(granted, permission).toBe(false);
      expect(session.permissionCheck!({}, permission, 'app://guichet', {})).toBe(false);
    }
    expect(session.devicePermission!({ deviceType: 'usb' })).toBe(false);
    const download = preventable();
    session.emit('will-download', download, {}, {});
    expect(download.defaultPrevented).toBe(true);
  });

  it('cancels every request but its own files and inline data; devtools only in dev', () => {
    const { session } = lockedContents();
    for (const url of HOSTILE) expect(session.request(url), url).toEqual({ cancel: true });
    expect(session.request('devtools://devtools/bundled/x.html')).toEqual({ cancel: true });
    for (const url of ['app://guichet/assets/app.js', 'data:image/png;base64,AA==', 'blob:x']) {
      expect(session.request(url), url).toEqual({ cancel: false });
    }
    const devSession = lockedContents(dev).session;
    expect(devSession.request('devtools://devtools/bundled/x.html')).toEqual({ cancel: false });
    expect(devSession.request('https://evil.example/')).toEqual({ cancel: true });
  });

  it('blocks the keyboard ways out of the kiosk, in production only', () => {
    const { contents } = lockedContents();
    const escape = { key: 'F12', control: false, meta: false, alt: false, shift: false };
    const typing = { key: 'a', control: false, meta: false, alt: false, shift: false };
    const blocked = preventable();
    contents.emit('before-input-event', blocked, escape);
    expect(blocked.defaultPrevented).toBe(true);
    const typed = preventable();
    contents.emit('before-input-event', typed, typing);
    expect(typed.defaultPrevented).toBe(false);
    expect(lockedContents(dev).contents.listenerCount('before-input-event')).toBe(0);
  });

  it('answers a TLS client-certificate request with no certificate', () => {
    const { app } = lockedContents();
    const event = preventable();
    const chosen: unknown[][] = [];
    app.emit(
      'select-client-certificate',
      event,
      {},
      'https://x',
      [{ subjectName: 'a' }],
      (...args: unknown[]) => chosen.push(args),
    );
    expect(event.defaultPrevented).toBe(true);
    expect(chosen).toEqual([[]]);
  });
});
