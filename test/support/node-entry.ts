import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { build } from 'esbuild';

// Inside the project, two folders below its root like dist/main: npm packages resolve from its
// node_modules and APP_ROOT (src-main/app/paths.ts) finds the project's resources.
export const BUNDLES_FOLDER = resolve('test-results', 'bundles');
const bundles = new Map<string, Promise<string>>();
const written: string[] = [];

/**
 * A TypeScript entry point that tests run as a child process, bundled once per test process with
 * esbuild (npm packages left external, as in the build), so that each spawn starts plain
 * JavaScript instead of loading the TypeScript loader again. Removed when the process exits, or
 * by the integration tests' global teardown (vitest may end its workers without an exit event).
 */
export function bundledEntry(entry: string): Promise<string> {
  const source = resolve(entry);
  let bundle = bundles.get(source);
  if (!bundle) {
    const name = `${basename(source, '.ts')}-${process.pid}-${randomBytes(4).toString('hex')}`;
    const outfile = join(BUNDLES_FOLDER, `${name}.mjs`);
    mkdirSync(BUNDLES_FOLDER, { recursive: true });
    if (written.length === 0) {
      process.once('exit', () => written.forEach((file) => rmSync(file, { force: true })));
    }
    written.push(outfile);
    bundle = build({
      entryPoints: [source],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      sourcemap: 'inline',
      logLevel: 'silent',
    }).then(() => outfile);
    bundles.set(source, bundle);
  }
  return bundle;
}
