/**
 * A stand-in for the few Electron objects that lockdown.ts and ipc.ts touch (app, web contents,
 * session, window, ipcMain), for tests under plain Node: the Electron binary cannot exist on
 * this machine (no download without internet), so test/electron/ skips there. Each stand-in
 * records what the code registers and lets a test fire events the way Electron would. It is not
 * Electron: it checks that each guard is registered and what it answers, not Chromium itself.
 */
import { EventEmitter } from 'node:events';
import type { App, IpcMainInvokeEvent, Session, WebContents } from 'electron';
import type { LockdownApp } from './lockdown';
import type { IpcRegistrar } from './ipc';

/** An event whose default a listener may prevent, like Electron's. */
export function preventable<T extends object>(fields: T = {} as T) {
  const event = {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

export class StandInSession extends EventEmitter {
  permissionRequest: ((...args: unknown[]) => void) | null = null;
  permissionCheck: ((...args: unknown[]) => boolean) | null = null;
  devicePermission: ((...args: unknown[]) => boolean) | null = null;
  beforeRequest: ((details: { url: string }, cb: (r: { cancel: boolean }) => void) => void)[] = [];
  setPermissionRequestHandler(handler: (...args: unknown[]) => void) {
    this.permissionRequest = handler;
  }
  setPermissionCheckHandler(handler: (...args: unknown[]) => boolean) {
    this.permissionCheck = handler;
  }
  setDevicePermissionHandler(handler: (...args: unknown[]) => boolean) {
    this.devicePermission = handler;
  }
  webRequest = {
    onBeforeRequest: (listener: StandInSession['beforeRequest'][number]) => {
      this.beforeRequest.push(listener);
    },
  };
  /** What the session answers for a request the renderer makes. */
  request(url: string): { cancel: boolean } {
    let answer: { cancel: boolean } | null = null;
    for (const listener of this.beforeRequest) listener({ url }, (r) => (answer = r));
    if (answer === null) throw new Error('no onBeforeRequest listener answered');
    return answer;
  }
  asSession(): Session {
    return this as unknown as Session;
  }
}

let nextId = 1;
export class StandInContents extends EventEmitter {
  readonly id = nextId++;
  windowOpen: ((details: { url: string }) => { action: string }) | null = null;
  constructor(readonly session: StandInSession) {
    super();
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpen = handler;
  }
  asContents(): WebContents {
    return this as unknown as WebContents;
  }
}

export class StandInApp extends EventEmitter {
  asApp(): LockdownApp {
    return this as unknown as Pick<App, 'on'>;
  }
}

export class StandInWindow {
  destroyed = false;
  constructor(readonly webContents: StandInContents) {}
  isDestroyed() {
    return this.destroyed;
  }
}

/** ipcMain: keeps each handler by channel name, and invokes it as a renderer call would. */
export class StandInIpcMain {
  readonly handlers = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown>();
  handle(name: string, handler: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown) {
    if (this.handlers.has(name)) throw new Error(`second handler for ${name}`);
    this.handlers.set(name, handler);
  }
  /** Calls `name` as if sent by `contents` from a frame at `url` (parent null: main frame). */
  invoke(
    name: string,
    input: unknown,
    from: { contents: StandInContents; frame: { url: string; parent: object | null } | null },
  ): unknown {
    const handler = this.handlers.get(name);
    if (!handler) throw new Error(`no handler for ${name}`);
    const event = { sender: from.contents, senderFrame: from.frame };
    return handler(event as unknown as IpcMainInvokeEvent, input);
  }
  asIpcMain(): IpcRegistrar {
    return this as unknown as IpcRegistrar;
  }
}
