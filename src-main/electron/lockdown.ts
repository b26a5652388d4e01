/**
 * Guards that apply to every web contents and session the app creates, whatever created it:
 * no navigation away from app://guichet, no new windows, no webviews, no permissions, no
 * downloads, no network from the renderer, no keyboard way out of the kiosk. The Electron
 * objects come in as parameters (type-only import), so that a test can check every guard.
 */
import type { App, Session, WebContents } from 'electron';
import type { Logger } from '../core/ports';
import { isAllowedRequestUrl, isAppUrl } from './app-url';
import { isKioskEscapeShortcut } from './shortcuts';
import type { ShellFlags } from './window-options';

const lockedSessions = new WeakSet<Session>();

/** Denies every permission, device, download and non-app request in `session`. */
export function lockDownSession(session: Session, flags: ShellFlags, logger: Logger): void {
  if (lockedSessions.has(session)) return;
  lockedSessions.add(session);
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    logger.warn('lockdown: permission request denied', { permission });
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.on('will-download', (event) => {
    logger.warn('lockdown: download refused');
    event.preventDefault();
  });
  // The renderer talks to main over IPC only; the API client runs in main with Node's HTTP, so
  // cancelling every other request here costs the kiosk nothing.
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequestUrl(details.url, flags.dev);
    if (!allowed) logger.warn('lockdown: request cancelled', { scheme: schemeOf(details.url) });
    callback({ cancel: !allowed });
  });
}

function schemeOf(url: string): string {
  const colon = url.indexOf(':');
  return colon > 0 && colon < 32 ? url.slice(0, colon) : 'invalid';
}

function guardContents(contents: WebContents, flags: ShellFlags, logger: Logger): void {
  const refuseUnlessApp = (event: { preventDefault(): void }, url: string, kind: string) => {
    if (isAppUrl(url)) return;
    logger.warn(`lockdown: ${kind} refused`, { scheme: schemeOf(url) });
    event.preventDefault();
  };
  contents.on('will-navigate', (event, url) => refuseUnlessApp(event, url, 'navigation'));
  // will-navigate covers the main frame only; iframes navigate through this one.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) refuseUnlessApp(event, event.url, 'frame navigation');
  });
  contents.on('will-redirect', (event, url) => refuseUnlessApp(event, url, 'redirect'));
  contents.setWindowOpenHandler(({ url }) => {
    logger.warn('lockdown: new window refused', { scheme: schemeOf(url) });
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    logger.warn('lockdown: webview refused');
    event.preventDefault();
  });
  if (!flags.dev) {
    contents.on('before-input-event', (event, input) => {
      if (isKioskEscapeShortcut(input)) event.preventDefault();
    });
  }
  lockDownSession(contents.session, flags, logger);
}

/** The one method of Electron's `app` the lockdown uses. */
export type LockdownApp = Pick<App, 'on'>;

/**
 * Installs the guards for every web contents to come (call before the first window). The
 * session handlers are installed from there, once per session.
 */
export function installLockdown(app: LockdownApp, flags: ShellFlags, logger: Logger): void {
  app.on('web-contents-created', (_event, contents) => guardContents(contents, flags, logger));
  // By default Chromium answers a TLS client-certificate request with the first certificate.
  app.on('select-client-certificate', (event, _contents, _url, _list, callback) => {
    event.preventDefault();
    callback();
  });
}
