/**
 * Outbox crash runs: `tsx bench/crash-outbox.ts [--runs 20] [--seed s]`. Each run accepts chains
 * of password changes into the outbox while the API is down, then kills the replaying child with
 * SIGKILL at random points, restarts it, and checks the journal (integrity_check) and the
 * simulator (every accepted change applied exactly once, in order). Prints one line per run,
 * then one JSON object on the last line; exits 1 if any run found a problem.
 */
import { parseArgs } from 'node:util';
import { createRandom, seedFrom } from '../src-main/simulator/prng';
import { runCrashScenario } from '../test/crash/outbox-scenario';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '20' }, seed: { type: 'string', default: 'outbox' } },
});
const RUNS = Number(values.runs);
const say = (line: string) => process.stdout.write(`${line}\n`);

let failed = 0;
let kills = 0;
const started = performance.now();
for (let run = 1; run <= RUNS; run += 1) {
  const seed = `${values.seed}-${run}`;
  const random = createRandom(seedFrom(seed));
  const result = await runCrashScenario({
    accounts: 8,
    changesPerAccount: 4,
    kills: 3,
    random: () => random.next(),
  });
  kills += result.killed;
  const problems = [
    result.integrity === 'ok' ? null : `integrity: ${result.integrity}`,
    result.states.sent === result.accepted ? null : `states: ${JSON.stringify(result.states)}`,
    result.duplicates.length ? `applied twice: ${result.duplicates.length}` : null,
    result.missing.length ? `never applied: ${result.missing.length}` : null,
    result.outOfOrder.length ? `out of order: ${result.outOfOrder.join(',')}` : null,
  ].filter((p) => p !== null);
  if (problems.length > 0) failed += 1;
  say(
    `run ${run} (seed ${seed}): ${result.accepted} accepted, killed after ${JSON.stringify(result.killedAfter)} attempts: ${problems.length ? problems.join('; ') : 'ok'}`,
  );
}
say(
  JSON.stringify({
    outbox_crash_runs: RUNS,
    outbox_crash_kills: kills,
    outbox_crash_failures: failed,
    outbox_crash_total_ms: Math.round(performance.now() - started),
  }),
);
process.exit(failed > 0 ? 1 : 0);
