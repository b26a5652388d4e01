/**
 * The kiosk window's options as plain data (type-only `electron` import), so that a test can
 * hold the security settings to account without an Electron binary.
 */
import type { BrowserWindowConstructorOptions } from 'electron';

/** Development switches read from the environment; both off in production. */
export interface ShellFlags {
  /** GUICHET_DEV=1: DevTools, the default menu and its reload/inspect shortcuts. */
  dev: boolean;
  /** GUICHET_WINDOWED=1: an ordinary window instead of fullscreen kiosk mode. */
  windowed: boolean;
}

/**
 * Reads the shell's development switches; anything but exactly "1" means off. A packaged build
 * (`app.isPackaged`) never turns developer tools on: whoever can set a variable on a kiosk in a
 * public place must not get a console into the process that holds the device credential.
 */
export function shellFlags(env: NodeJS.ProcessEnv, packaged: boolean): ShellFlags {
  return { dev: !packaged && env.GUICHET_DEV === '1', windowed: env.GUICHET_WINDOWED === '1' };
}

/** Options for the kiosk window: locked-down web preferences, fullscreen kiosk unless windowed. */
export function kioskWindowOptions(options: {
  preloadPath: string;
  flags: ShellFlags;
  backgroundColor: string;
}): BrowserWindowConstructorOptions {
  const kiosk = !options.flags.windowed;
  return {
    title: 'Guichet',
    // Shown on ready-to-show, so that the screen never flashes an empty frame.
    show: false,
    backgroundColor: options.backgroundColor,
    autoHideMenuBar: true,
    fullscreen: kiosk,
    kiosk,
    ...(kiosk ? {} : { width: 1280, height: 800 }),
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // alert()/confirm() would block the kiosk until someone clicks a native dialog.
      disableDialogs: true,
      devTools: options.flags.dev,
    },
  };
}
