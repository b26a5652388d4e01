/**
 * Where the kiosk's own pages live, and which URLs the shell lets the renderer reach. No
 * `electron` import: main, lockdown and their tests share these checks.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'guichet';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the kiosk window opens on, and reopens on after a renderer crash. */
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True when `url` is one of the kiosk's own pages (app://guichet/…), nothing else. */
export function isAppUrl(url: string): boolean {
  const parsed = parse(url);
  // Credentials or a port would make `app://x@guichet` or `app://guichet:1` look like ours.
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/**
 * True when the renderer may load `url` at all (its own files and inline data), so that a
 * compromised page cannot reach the network or the disk. DevTools' own scheme only in dev.
 */
export function isAllowedRequestUrl(url: string, dev: boolean): boolean {
  if (isAppUrl(url)) return true;
  const parsed = parse(url);
  if (parsed === null) return false;
  // data: and blob: never leave the renderer (images such as QR codes are drawn as data:).
  if (parsed.protocol === 'data:' || parsed.protocol === 'blob:') return true;
  return dev && (parsed.protocol === 'devtools:' || parsed.protocol === 'chrome-devtools:');
}

/** Who sent an IPC call: the facts main reads off the event, in plain data. */
export interface IpcSender {
  /** The call came from the kiosk window's web contents, not some other one. */
  fromKioskWindow: boolean;
  /** The sending frame is the top-level frame, not an iframe. */
  isMainFrame: boolean;
  /** The sending frame's current URL ('' when the frame is gone). */
  url: string;
}

/** True when an IPC call comes from the kiosk's own page in the kiosk window's main frame. */
export function isTrustedSender(sender: IpcSender): boolean {
  return sender.fromKioskWindow && sender.isMainFrame && isAppUrl(sender.url);
}
