/**
 * Directory sync benchmark: `tsx bench/sync.ts [--count 100000]`, under scripts/with-keyring.sh.
 * The simulator runs in a process of its own (as the real API would), the kiosk side in another,
 * bundled like the main process. Prints the figures, then one JSON object on the last line:
 * - sync_full_records_per_s: a full sync of `count` students from the simulator over loopback
 *   HTTP, through the real client, engine and cache;
 * - sync_limit_records_per_s: the same pages, already fetched, through parse + hash + insert
 *   only (the engine with the network taken away), in the same run; and their ratio;
 * - delta_1000_ms: a delta of 1000 changed students;
 * - lookup_p99_ms: offline identification's lookup (hash + select + key derivation + open),
 *   99th percentile;
 * - main_rss_mb_100k: the peak resident memory of the kiosk-side process after the full sync.
 * Throughputs are the best of two runs each, since other work on the machine only slows a run.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { academicYearOf } from '../src-main/core/academic-year';
import { spawnUntilReady } from '../test/support/spawn-ready';

const { values } = parseArgs({ options: { count: { type: 'string', default: '100000' } } });
const count = values.count;
const seed = 'bench';
const year = academicYearOf(new Date(), 'Europe/Paris').slice(0, 4);
const bundle = join('dist', 'bench', 'sync-kiosk.js');

/** Runs the bundled kiosk side, passing its lines on; resolves with its last line. */
function runKioskSide(url: string): Promise<string> {
  const args = [bundle, '--url', url, '--count', count, '--seed', seed, '--year', year];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
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

async function main() {
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
  const sim = await spawnUntilReady(
    join('bench', 'sync-simulator.ts'),
    ['--count', count, '--seed', seed, '--year', year],
    /bench simulator on (\S+)/,
    { timeoutMs: 120_000 },
  );
  try {
    // Its last line, the JSON object, is this script's last line too.
    JSON.parse(await runKioskSide(sim.match[1]!));
  } finally {
    await sim.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
