import type { BrowserWindow } from 'electron';
import { eventIpcName } from '../ipc/channels';
import type { KioskEvent } from '../ipc/contract';

/**
 * Pushes main's events (connectivity, outbox) to the kiosk window's renderer, where the preload
 * hands them to `window.guichetEvents` listeners. Returns the unsubscribe function.
 */
export function forwardEvents(
  subscribe: (listener: (event: KioskEvent) => void) => () => void,
  kioskWindow: () => BrowserWindow | null,
): () => void {
  return subscribe((event) => {
    const window = kioskWindow();
    if (window === null || window.isDestroyed()) return;
    window.webContents.send(eventIpcName(event.name), event.payload);
  });
}
