import { app, type BrowserWindow } from 'electron';
import type { Logger } from '../core/ports';
import { APP_START_URL } from './app-url';
import { createReloadBackoff, type ReloadBackoff } from './crash-backoff';

/**
 * Reopens the start page when the kiosk window's renderer dies (a blank kiosk helps no one),
 * waiting longer after each recent crash; past the limit, calls `giveUp` so that the app exits
 * and its supervisor restarts it.
 */
export function recoverFromRendererCrashes(
  window: BrowserWindow,
  options: {
    logger: Logger;
    giveUp: () => void;
    isQuitting: () => boolean;
    backoff?: ReloadBackoff;
  },
): void {
  const backoff = options.backoff ?? createReloadBackoff();
  window.webContents.on('render-process-gone', (_event, details) => {
    options.logger.error('shell: renderer process gone', {
      reason: details.reason,
      // Not "exitCode": the logger redacts any field whose name contains "code".
      exitStatus: details.exitCode,
    });
    if (options.isQuitting() || window.isDestroyed()) return;
    const delay = backoff.next(Date.now());
    if (delay === null) {
      options.logger.error('shell: renderer keeps crashing, giving up');
      options.giveUp();
      return;
    }
    setTimeout(() => {
      if (window.isDestroyed() || options.isQuitting()) return;
      // The start page, not a reload: a student's half-finished journey must not come back.
      window.loadURL(APP_START_URL).catch((error: unknown) => {
        options.logger.error('shell: reload after crash failed', { error: String(error) });
      });
    }, delay);
  });
  window.on('unresponsive', () => options.logger.warn('shell: kiosk window unresponsive'));
  window.on('responsive', () => options.logger.info('shell: kiosk window responsive again'));
}

/** Logs GPU, utility and other helper processes that die; Chromium restarts them itself. */
export function logChildProcessCrashes(logger: Logger): void {
  app.on('child-process-gone', (_event, details) => {
    logger.error('shell: child process gone', {
      type: details.type,
      reason: details.reason,
      exitStatus: details.exitCode,
      name: details.name,
      serviceName: details.serviceName,
    });
  });
}
