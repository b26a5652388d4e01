/**
 * The Electron shell end to end: the real main process, preload and app:// protocol. Runs where
 * an Electron binary is installed (`node scripts/start.mjs --prepare` first, so that the native
 * modules are built for Electron); elsewhere it skips and says why.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { CHANNELS } from '../../src-main/ipc/channels';
import { locateElectronBinary } from '../../src-main/electron/electron-binary';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SKIP_REASON =
  'Electron binary not installed on this machine (ELECTRON_SKIP_BINARY_DOWNLOAD=1); runs where Electron is installed';

// Not `require('electron')`, which would try to download the missing binary.
const electronBinary = locateElectronBinary(
  dirname(createRequire(import.meta.url).resolve('electron/package.json')),
  process.env,
);

// One Electron app for the whole file, in one worker, even under fullyParallel.
test.describe.configure({ mode: 'default' });

let dataRoot: string;
let app: ElectronApplication;
let page: Page;

test.beforeAll(async () => {
  if (electronBinary === null) {
    console.log(`Skipping the Electron tests: ${SKIP_REASON}.`);
    return;
  }
  for (const built of [
    'dist/main/electron-main.js',
    'dist/main/preload.cjs',
    'dist/renderer/index.html',
  ]) {
    if (!existsSync(join(ROOT, built))) throw new Error(`${built} is missing: build the app first`);
  }
  // Each run has its own kiosk data and Chromium profile (and so its own single-instance lock).
  dataRoot = await mkdtemp(join(tmpdir(), 'guichet-electron-'));
  app = await _electron.launch({
    executablePath: electronBinary,
    args: [ROOT],
    cwd: ROOT,
    env: {
      ...(process.env as Record<string, string>),
      GUICHET_DATA_DIR: join(dataRoot, 'data'),
      XDG_CONFIG_HOME: join(dataRoot, 'config'),
      GUICHET_WINDOWED: '1',
      GUICHET_API_URL: '',
    },
  });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
});

test.afterAll(async () => {
  await app?.close();
  if (dataRoot) await rm(dataRoot, { recursive: true, force: true });
});

test.beforeEach(() => {
  test.skip(electronBinary === null, SKIP_REASON);
});

test('the kiosk window loads app://guichet and shows the kiosk', async () => {
  expect(page.url()).toMatch(/^app:\/\/guichet\//);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await page.title()).not.toBe('');
});

test('the renderer is isolated: no Node, only the contract on window.guichet', async () => {
  const seen = await page.evaluate(() => {
    const global = globalThis as unknown as Record<string, unknown>;
    const bridge = global.guichet as Record<string, unknown> | undefined;
    return {
      require: typeof global.require,
      process: typeof global.process,
      module: typeof global.module,
      bridgeKeys: bridge ? Object.keys(bridge).sort() : null,
      bridgeTypes: bridge ? Object.values(bridge).map((value) => typeof value) : null,
    };
  });
  expect(seen.require).toBe('undefined');
  expect(seen.process).toBe('undefined');
  expect(seen.module).toBe('undefined');
  expect(seen.bridgeKeys).toEqual([...CHANNELS].sort());
  expect(new Set(seen.bridgeTypes)).toEqual(new Set(['function']));
});

test('the renderer cannot open another window', async () => {
  const refused = await page.evaluate(() => {
    const open = (globalThis as unknown as { open: (url: string) => unknown }).open;
    return open('https://example.org/') === null;
  });
  expect(refused).toBe(true);
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
});

test('the IPC bridge answers the kiosk page', async () => {
  const reply = await page.evaluate(async () => {
    const bridge = (
      globalThis as unknown as { guichet: Record<string, (input: unknown) => Promise<unknown>> }
    ).guichet;
    return (await bridge['kiosk.info']!({})) as { ok: boolean; value?: { mode?: string } };
  });
  expect(reply.ok).toBe(true);
  expect(reply.value?.mode).toBe('demo');
});

test('app:// answers with the CSP and refuses to leave the renderer folder', async () => {
  const answers = await app.evaluate(async ({ net }) => {
    const get = async (url: string) => {
      const response = await net.fetch(url);
      return { status: response.status, csp: response.headers.get('content-security-policy') };
    };
    return {
      index: await get('app://guichet/index.html'),
      traversal: await get('app://guichet/..%2f..%2fpackage.json'),
      missing: await get('app://guichet/no-such-file.js'),
    };
  });
  expect(answers.index.status).toBe(200);
  expect(answers.index.csp).toContain("default-src 'none'");
  expect(answers.traversal.status).toBe(404);
  expect(answers.missing.status).toBe(404);
});

test('navigation away from app://guichet is refused', async () => {
  const before = page.url();
  await page.evaluate(() => {
    (globalThis as unknown as { location: { href: string } }).location.href =
      'https://example.org/';
  });
  await page.waitForTimeout(500);
  expect(page.url()).toBe(before);
});
