import { BrowserWindow } from 'electron';
import { kioskWindowOptions, type ShellFlags } from './window-options';

/** Creates the kiosk window (hidden until its first paint is ready). */
export function createKioskWindow(options: {
  preloadPath: string;
  flags: ShellFlags;
  backgroundColor?: string;
}): BrowserWindow {
  const window = new BrowserWindow(
    kioskWindowOptions({
      preloadPath: options.preloadPath,
      flags: options.flags,
      backgroundColor: options.backgroundColor ?? '#ffffff',
    }),
  );
  window.once('ready-to-show', () => window.show());
  // Pinch-to-zoom on the touchscreen would leave the next student a zoomed, panned page.
  window.webContents.on('did-finish-load', () => {
    void window.webContents.setVisualZoomLevelLimits(1, 1);
  });
  return window;
}
