import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { CHANNELS, ipcName } from '../ipc/channels';
import type { Dispatch } from '../ipc/dispatch';
import type { Logger } from '../core/ports';
import { isTrustedSender } from './app-url';

function senderOf(event: IpcMainInvokeEvent, window: BrowserWindow | null) {
  const frame = event.senderFrame;
  return {
    fromKioskWindow:
      window !== null && !window.isDestroyed() && event.sender.id === window.webContents.id,
    isMainFrame: frame !== null && frame.parent === null,
    url: frame?.url ?? '',
  };
}

/** The one method of Electron's `ipcMain` used here (a parameter, so that a test can call it). */
export type IpcRegistrar = Pick<IpcMain, 'handle'>;

/**
 * Registers one `ipcMain.handle` per contract channel. Each call is checked to come from the
 * kiosk page in the kiosk window's main frame before `dispatch` (which validates the input)
 * sees it.
 */
export function registerIpc(
  ipcMain: IpcRegistrar,
  dispatch: Dispatch,
  kioskWindow: () => BrowserWindow | null,
  logger: Logger,
): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(ipcName(channel), (event, input: unknown) => {
      const sender = senderOf(event, kioskWindow());
      if (!isTrustedSender(sender)) {
        // Only the origin: a full URL could carry whatever a hostile page put in it.
        logger.warn('ipc: call from an untrusted sender refused', {
          channel,
          origin: originOf(sender.url),
          fromKioskWindow: sender.fromKioskWindow,
          isMainFrame: sender.isMainFrame,
        });
        return { ok: false, error: { code: 'internal' } };
      }
      return dispatch(channel, input);
    });
  }
}

function originOf(url: string): string {
  try {
    return new URL(url).origin.slice(0, 100);
  } catch {
    return 'invalid';
  }
}
