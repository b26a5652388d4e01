/**
 * What the sync benchmarks share (bench/sync.ts against the simulator, bench/server.ts against
 * the simulator and the Guichet server): the students' seed and year, the simulator process
 * holding them, and the kiosk side (bench/sync-kiosk.ts) bundled the way the main process is.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'esbuild';
import { academicYearOf } from '../src-main/core/academic-year';
import { spawnUntilReady } from '../test/support/spawn-ready';

/** The seed of the synthetic students, the same on every side of a run. */
export const SYNC_SEED = 'bench';

/** The first calendar year of this academic year ("2026"), the synthetic students' year. */
export const syncYear = () => academicYearOf(new Date(), 'Europe/Paris').slice(0, 4);

const bundle = join('dist', 'bench', 'sync-kiosk.js');

/** Bundles bench/sync-kiosk.ts into dist/bench (esbuild, as scripts/build-main.mjs does). */
export async function bundleKioskSide(): Promise<void> {
  await build({
    entryPoints: ['bench/sync-kiosk.ts'],
    outfile: bundle,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
}

/** Runs the bundled kiosk side against `url`, passing its lines on; resolves with its last line. */
export function runKioskSide(url: string, args: string[]): Promise<string> {
  const child = spawn(process.execPath, [bundle, '--url', url, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    process.stdout.write(chunk);
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      const last = output.trim().split('\n').pop() ?? '';
      if (code === 0) resolve(last);
      else reject(new Error(`the kiosk side of the benchmark exited with ${code}`));
    });
  });
}

/** The simulator process (bench/sync-simulator.ts) with `count` synthetic students; `url`. */
export async function startSyncSimulator(count: string, year: string) {
  const sim = await spawnUntilReady(
    join('bench', 'sync-simulator.ts'),
    ['--count', count, '--seed', SYNC_SEED, '--year', year],
    /bench simulator on (\S+)/,
    { timeoutMs: 120_000 },
  );
  return { url: sim.match[1]!, stop: sim.stop };
}
