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
import { parseArgs } from 'node:util';
import {
  SYNC_SEED,
  bundleKioskSide,
  runKioskSide,
  startSyncSimulator,
  syncYear,
} from './sync-side';

const { values } = parseArgs({ options: { count: { type: 'string', default: '100000' } } });
const count = values.count;
const year = syncYear();

async function main() {
  await bundleKioskSide();
  const sim = await startSyncSimulator(count, year);
  try {
    // Its last line, the JSON object, is this script's last line too.
    JSON.parse(
      await runKioskSide(sim.url, ['--count', count, '--seed', SYNC_SEED, '--year', year]),
    );
  } finally {
    await sim.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
