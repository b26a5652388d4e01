import { describe, expect, it } from 'vitest';
import { kioskWindowOptions, shellFlags } from './window-options';

const production = { dev: false, windowed: false };

describe('shellFlags', () => {
  it('is production unless a switch is exactly "1"', () => {
    expect(shellFlags({}, false)).toEqual(production);
    expect(shellFlags({ GUICHET_DEV: 'true', GUICHET_WINDOWED: '0' }, false)).toEqual(production);
    expect(shellFlags({ GUICHET_DEV: '1', GUICHET_WINDOWED: '1' }, false)).toEqual({
      dev: true,
      windowed: true,
    });
  });

  it('never turns developer tools on in a packaged build', () => {
    const flags = shellFlags({ GUICHET_DEV: '1' }, true);
    expect(flags.dev).toBe(false);
    expect(kioskWindowOptions({ preloadPath: '/p', flags, backgroundColor: '#fff' })).toMatchObject(
      { webPreferences: { devTools: false } },
    );
  });
});

describe('kioskWindowOptions', () => {
  const make = (flags = production) =>
    kioskWindowOptions({
      preloadPath: '/app/dist/main/preload.cjs',
      flags,
      backgroundColor: '#fff',
    });

  it('locks the renderer down', () => {
    expect(make().webPreferences).toMatchObject({
      preload: '/app/dist/main/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      devTools: false,
    });
  });

  it('keeps the same lockdown in development, with DevTools', () => {
    const dev = make({ dev: true, windowed: true }).webPreferences;
    expect(dev).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(dev?.devTools).toBe(true);
  });

  it('is a fullscreen kiosk shown on ready-to-show, unless windowed', () => {
    expect(make()).toMatchObject({ kiosk: true, fullscreen: true, show: false });
    expect(make({ dev: false, windowed: true })).toMatchObject({ kiosk: false, fullscreen: false });
  });
});
