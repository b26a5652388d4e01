/**
 * The Electron main process: a thin shell around the kiosk (src-main/app). It locks Electron
 * down, serves the renderer over app://guichet, forwards IPC to the kiosk's dispatch and quits
 * cleanly. Bundled to dist/main/electron-main.js, next to dist/main/preload.cjs.
 */
import { app, dialog, ipcMain, Menu, session, type BrowserWindow } from 'electron';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../app/config';
import { RENDERER_CSP } from '../app/csp';
import { startKiosk, type Kiosk } from '../app/kiosk';
import { createLogger, logDirOf, type KioskLogger } from '../app/logger';
import { describeStartupFailure, newReference } from '../app/startup-failure';
import type { Logger } from '../core/ports';
import { APP_START_URL } from './app-url';
import { forwardEvents } from './events';
import { registerIpc } from './ipc';
import { installLockdown, lockDownSession } from './lockdown';
import { registerAppScheme, serveRenderer } from './protocol';
import { logChildProcessCrashes, recoverFromRendererCrashes } from './recovery';
import { createKioskWindow } from './window';
import { shellFlags } from './window-options';

// A stuck close (an HTTP request that never ends) must not keep a kiosk from restarting.
const CLOSE_TIMEOUT_MS = 5_000;

const flags = shellFlags(process.env, app.isPackaged);
let kiosk: Kiosk | null = null;
let kioskWindow: BrowserWindow | null = null;
let quitting = false;
let exitCode = 0;

const consoleLogger = createLogger();
// Console and the data folder's log files once the configuration is read; the console before.
let fileLogger: KioskLogger | null = null;
const logger: Logger = {
  debug: (message, fields) => (fileLogger ?? consoleLogger).debug(message, fields),
  info: (message, fields) => (fileLogger ?? consoleLogger).info(message, fields),
  warn: (message, fields) => (fileLogger ?? consoleLogger).warn(message, fields),
  error: (message, fields) => (fileLogger ?? consoleLogger).error(message, fields),
};

/** Quits through `will-quit`, so that the kiosk is closed first, with the given exit code. */
function quit(code: number): void {
  exitCode = Math.max(exitCode, code);
  app.quit();
}

async function start(): Promise<void> {
  if (process.env.GUICHET_DEV === '1' && !flags.dev)
    logger.warn('shell: GUICHET_DEV ignored in a packaged build');
  if (!flags.dev) Menu.setApplicationMenu(null);
  lockDownSession(session.defaultSession, flags, logger);
  // The defaults (renderer, profile) are anchored on the app root, which the bundle's location
  // gives both unpacked and inside app.asar; the environment may override any of them.
  const config = loadConfig(process.env);
  fileLogger = createLogger({ file: { dir: logDirOf(config.dataDir) } });
  kiosk = await startKiosk(config, { logger: fileLogger });
  serveRenderer(config.rendererDir, RENDERER_CSP);
  registerIpc(ipcMain, kiosk.dispatch, () => kioskWindow, logger);
  forwardEvents(kiosk.subscribe, () => kioskWindow);

  const window = createKioskWindow({
    // Resolved from the bundle's own location: dist/main/electron-main.js → dist/main/preload.cjs.
    preloadPath: fileURLToPath(new URL('./preload.cjs', import.meta.url)),
    flags,
  });
  kioskWindow = window;
  window.on('closed', () => {
    kioskWindow = null;
  });
  recoverFromRendererCrashes(window, {
    logger,
    giveUp: () => quit(1),
    isQuitting: () => quitting,
  });
  await window.loadURL(APP_START_URL);
  logger.info('shell: kiosk window loaded', { mode: kiosk.info.mode, version: kiosk.info.version });
}

async function closeKiosk(): Promise<void> {
  if (kiosk === null) return;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      logger.error('shell: kiosk close timed out');
      resolve();
    }, CLOSE_TIMEOUT_MS);
  });
  try {
    await Promise.race([kiosk.close(), timeout]);
  } catch (error) {
    logger.error('shell: kiosk close failed', { error: String(error) });
  } finally {
    clearTimeout(timer);
  }
}

// Both must run before `ready`: Electron refuses scheme privileges later, and the sandbox
// switch applies to renderers from the first one on. Nothing above awaits, so they do.
registerAppScheme();
app.enableSandbox();
installLockdown(app, flags, logger);
logChildProcessCrashes(logger);

if (!app.requestSingleInstanceLock()) {
  // Another kiosk runs on this user's data: two would fight over the screen and the journal.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (kioskWindow === null) return;
    if (kioskWindow.isMinimized()) kioskWindow.restore();
    kioskWindow.focus();
  });
  app.on('window-all-closed', () => quit(0));
  app.on('before-quit', () => {
    quitting = true;
  });
  let closing: Promise<void> | null = null;
  app.on('will-quit', (event) => {
    // Hold the exit until the kiosk has closed its databases; a second quit request (another
    // signal) while closing waits for the same close.
    event.preventDefault();
    quitting = true;
    closing ??= closeKiosk()
      .then(() => fileLogger?.close())
      .finally(() => app.exit(exitCode));
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => quit(0));

  // Not a top-level await: in an ES module main, `ready` waits for the entry to finish.
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      // The detail (paths, keychain, URLs) goes to the log; the public screen gets a calm text
      // with the reference that finds it there. Then the supervisor restarts us.
      const failure = describeStartupFailure(error, newReference());
      logger.error('shell: kiosk failed to start', failure.log);
      dialog.showErrorBox('Guichet', `${failure.screen.fr}\n\n${failure.screen.en}`);
      quit(1);
    });
}
