/**
 * Crash runs of the directory sync: `tsx bench/crash-sync.ts [--runs 24]`, under
 * scripts/with-keyring.sh. Each run kills a syncing child process with SIGKILL at a random step
 * (test/crash/harness.ts), then checks the cache it left and the restarted sync. Prints one line
 * per run, then one JSON object on the last line.
 */
import { parseArgs } from 'node:util';
import { crashRun, SCENARIOS } from '../test/crash/harness';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '24' } } });
const runs = Number(values.runs);

async function main() {
  const found = { old: 0, intermediate: 0, new: 0 };
  let failures = 0;
  const started = Date.now();
  for (let i = 0; i < runs; i += 1) {
    const scenario = SCENARIOS[i % SCENARIOS.length]!;
    const run = await crashRun(scenario, `bench-${started}-${i}`);
    found[run.found] += 1;
    if (run.problems.length > 0) failures += 1;
    const verdict = run.problems.length === 0 ? 'ok' : `FAILED: ${run.problems.join('; ')}`;
    process.stdout.write(
      `run ${i + 1}/${runs} ${scenario}: killed after step ${run.killedAfterStep}, cache at the ${run.found} cursor, ${verdict}\n`,
    );
  }
  const summary = {
    crash_runs: runs,
    crash_failures: failures,
    crash_found_old: found.old,
    crash_found_intermediate: found.intermediate,
    crash_found_new: found.new,
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  if (failures > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
