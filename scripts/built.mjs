// Builds dist/ only when it is missing or older than what it is built from, so that commands that
// run the built JavaScript (`npm run web`, `npm run simulator`, the end-to-end tests) build once
// and then start at once.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));

const SOURCES = [
  'src-main',
  'src-renderer',
  'src-server',
  'vite.config.ts',
  'vite.console.config.ts',
  'svelte.config.js',
  'tsconfig.base.json',
  'scripts/build-main.mjs',
  'package-lock.json',
];
const OUTPUTS = [
  'dist/renderer/index.html',
  'dist/console/index.html',
  'dist/main/electron-main.js',
  'dist/main/preload.cjs',
  'dist/main/web-host.js',
  'dist/main/simulator.js',
  'dist/main/provision.js',
  'dist/main/audit-verify.js',
  'dist/main/support-bundle.js',
  'dist/main/guichet-server.js',
  'dist/main/guichet-stack.js',
  'dist/main/conformance.js',
];

/** The newest modification time under `path` (tests excluded: they are not built). */
function newest(path) {
  const info = statSync(path, { throwIfNoEntry: false });
  if (!info) return 0;
  if (!info.isDirectory()) return /\.test\.ts$/.test(path) ? 0 : info.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** Why dist/ needs building (a missing or out-of-date output), or null when it is up to date. */
export function staleBuild() {
  const sources = Math.max(...SOURCES.map((path) => newest(join(root, path))));
  for (const output of OUTPUTS) {
    const info = statSync(join(root, output), { throwIfNoEntry: false });
    if (!info) return `${output} is missing`;
    if (info.mtimeMs < sources) return `${output} is older than the sources`;
  }
  return null;
}

/** Runs `npm run build` when dist/ is stale; its output goes to stderr, stdout stays the app's. */
export function ensureBuilt() {
  const reason = staleBuild();
  if (reason === null) return;
  process.stderr.write(`Building (${reason})…\n`);
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (build.status !== 0) {
    process.stderr.write('The build failed.\n');
    process.exit(build.status ?? 1);
  }
}

/** Playwright's globalSetup (playwright.config.ts): the end-to-end tests run the build. */
export default ensureBuilt;
