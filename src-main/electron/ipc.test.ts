import { describe, expect, it } from 'vitest';
import type { Logger } from '../core/ports';
import { CHANNELS, ipcName } from '../ipc/channels';
import type { Dispatch } from '../ipc/dispatch';
import {
  StandInContents,
  StandInIpcMain,
  StandInSession,
  StandInWindow,
} from './electron-stand-in';
import { registerIpc } from './ipc';

// The IPC sender checks under Node, against a stand-in of ipcMain, the kiosk window and its web
// contents (see electron-stand-in.ts): the Electron binary cannot exist on this machine.

const KIOSK_PAGE = 'app://guichet/index.html';
const REFUSED = { ok: false, error: { code: 'internal' } };

function setUp() {
  const calls: Array<[string, unknown]> = [];
  const dispatch = (async (channel: string, input: unknown) => {
    calls.push([channel, input]);
    return { ok: true, value: 'dispatched' };
  }) as unknown as Dispatch;
  const warnings: string[] = [];
  const logger: Logger = {
    debug() {},
    info() {},
    warn: (message, fields) => void warnings.push(`${message} ${JSON.stringify(fields ?? {})}`),
    error() {},
  };
  const ipc = new StandInIpcMain();
  const kiosk = new StandInWindow(new StandInContents(new StandInSession()));
  let window: StandInWindow | null = kiosk;
  registerIpc(ipc.asIpcMain(), dispatch, () => window as never, logger);
  return {
    ipc,
    kiosk,
    calls,
    warnings,
    closeWindow: () => (window = null),
    mainFrame: (url = KIOSK_PAGE) => ({
      contents: kiosk.webContents,
      frame: { url, parent: null },
    }),
  };
}

describe('IPC sender checks', () => {
  it('registers one handler per contract channel', () => {
    const { ipc } = setUp();
    expect([...ipc.handlers.keys()].sort()).toEqual(CHANNELS.map(ipcName).sort());
  });

  it('passes a call from the kiosk page in the kiosk window’s main frame to dispatch', async () => {
    const { ipc, calls, mainFrame } = setUp();
    const input = { studentNumber: '1', birthDate: '2' };
    expect(await ipc.invoke(ipcName('student.identify'), input, mainFrame())).toEqual({
      ok: true,
      value: 'dispatched',
    });
    expect(calls).toEqual([['student.identify', input]]);
  });

  it('refuses calls from another web contents, an iframe, a gone frame or another page', async () => {
    const { ipc, kiosk, calls, warnings, mainFrame } = setUp();
    const other = new StandInContents(kiosk.webContents.session);
    const name = ipcName('student.identify');
    const attempts = [
      { contents: other, frame: { url: KIOSK_PAGE, parent: null } },
      { contents: kiosk.webContents, frame: { url: KIOSK_PAGE, parent: {} } },
      { contents: kiosk.webContents, frame: null },
      mainFrame('https://evil.example/?studentNumber=21901234'),
      mainFrame('app://x@guichet/index.html'),
      mainFrame('file:///index.html'),
    ];
    for (const from of attempts) expect(await ipc.invoke(name, {}, from)).toEqual(REFUSED);
    expect(calls).toEqual([]);
    expect(warnings).toHaveLength(attempts.length);
    // The origin is logged, never the full URL (it may carry what a hostile page put in it).
    expect(warnings.join('\n')).not.toContain('21901234');
  });

  it('refuses every call once the kiosk window is destroyed or gone', async () => {
    const { ipc, kiosk, calls, mainFrame, closeWindow } = setUp();
    kiosk.destroyed = true;
    expect(await ipc.invoke(ipcName('kiosk.info'), undefined, mainFrame())).toEqual(REFUSED);
    kiosk.destroyed = false;
    closeWindow();
    expect(await ipc.invoke(ipcName('kiosk.info'), undefined, mainFrame())).toEqual(REFUSED);
    expect(calls).toEqual([]);
  });
});
