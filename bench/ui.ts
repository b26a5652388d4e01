/**
 * Renderer benchmark: `npx tsx bench/ui.ts`, after `npm run build` (reads dist/renderer).
 * Prints the figures, then one JSON object on the last line:
 * - ui_initial_js_gzip_kb: what the first screen loads, gzipped: the entry chunk and the chunks
 *   it imports statically, transitively. Lazily loaded chunks (password dictionaries, strength
 *   estimator, QR codes) are left out: they come later, on the screens that need them.
 * - ui_first_interactive_ms: in Debian's Chromium against a web host in demo mode, from
 *   navigation start to the home screen's first button visible and enabled; median of 5 cold
 *   loads (a new browser context each time, so nothing is cached). Goals: ≤ 200 kB, ≤ 1000 ms.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { holdSession } from '../test/e2e/session-cookie';
import { SEEDED } from '../test/support/dataset';
import { openHostSession } from '../test/support/host-session';
import { spawnUntilReady } from '../test/support/spawn-ready';
import { tempFolder } from '../test/support/tmp';

const RENDERER = join('dist', 'renderer');
const RUNS = 5;
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// Static imports and re-exports of a built chunk: `import{a}from"./x.js"`, `import"./x.js"`,
// `export{b}from"./y.js"`. A dynamic `import("./z.js")` has a parenthesis, so it does not match.
const STATIC_IMPORT = /\b(?:import|export)\s*(?:[\w$*{}\s,]+from\s*)?["']([^"']+\.js)["']/g;

/** The entry scripts of index.html and every chunk they import statically. */
function initialChunks(): string[] {
  const html = readFileSync(join(RENDERER, 'index.html'), 'utf8');
  const entries = [...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)].map((m) => m[1]!);
  const seen = new Set<string>();
  const visit = (file: string) => {
    const path = join(RENDERER, file);
    if (seen.has(path)) return;
    seen.add(path);
    for (const match of readFileSync(path, 'utf8').matchAll(STATIC_IMPORT)) {
      visit(join(dirname(file), match[1]!));
    }
  };
  entries.forEach(visit);
  return [...seen];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Milliseconds from navigation start to the first home button being usable, in the page. */
async function firstInteractive(): Promise<number[]> {
  const folder = tempFolder('guichet-bench-ui-');
  const host = await spawnUntilReady(
    'src-main/host/cli.ts',
    [
      '--port',
      '0',
      '--dataset',
      folder.file('dataset.json', SEEDED),
      '--data-dir',
      folder.file('data'),
    ],
    /Kiosk ready at (\S+)/,
    { env: { GUICHET_KEYCHAIN_SERVICE: `guichet-bench-${process.pid}` } },
  );
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    // The printed URL's token is single-use: traded once for the session cookie, which each
    // run's fresh browser context holds, as after a reload (the e2e harness does the same).
    const session = await openHostSession(host.match[1]!);
    const times: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const context = await browser.newContext({ viewport: { width: 1080, height: 1600 } });
      await holdSession(context, session);
      const page = await context.newPage();
      await page.goto(session.url, { waitUntil: 'commit' });
      // Checked at every frame, in the page, against its own navigation start (time origin).
      const handle = await page.waitForFunction(
        () => {
          const button = document.querySelector<HTMLButtonElement>('main button');
          const usable = button !== null && !button.disabled && button.checkVisibility();
          return usable ? performance.now() : false;
        },
        undefined,
        { polling: 'raf', timeout: 20_000 },
      );
      times.push(Math.round((await handle.jsonValue()) as number));
      await context.close();
    }
    return times;
  } finally {
    await browser.close();
    await host.stop();
    folder.remove();
  }
}

async function main() {
  const chunks = initialChunks();
  const gzipBytes = chunks.reduce((sum, path) => sum + gzipSync(readFileSync(path)).length, 0);
  const initialJsGzipKb = Math.round((gzipBytes / 1024) * 10) / 10;
  console.log(`initial chunks: ${chunks.map((c) => c.replace(`${RENDERER}/`, '')).join(', ')}`);
  console.log(`ui_initial_js_gzip_kb=${initialJsGzipKb}`);

  const times = await firstInteractive();
  const firstInteractiveMs = median(times);
  console.log(`first interactive runs (ms): ${times.join(', ')}`);
  console.log(`ui_first_interactive_ms=${firstInteractiveMs}`);
  console.log(
    JSON.stringify({
      ui_initial_js_gzip_kb: initialJsGzipKb,
      ui_first_interactive_ms: firstInteractiveMs,
      ui_initial_js_goal_met: initialJsGzipKb <= 200,
      ui_first_interactive_goal_met: firstInteractiveMs <= 1000,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
