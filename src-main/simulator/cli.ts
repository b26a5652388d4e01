/**
 * Runs the simulator as a process (built into dist/main/simulator.js):
 *   npm run simulator -- --port 8787 --dataset students.json
 * Prints exactly one line on stdout when ready ("Simulator listening on http://127.0.0.1:<port>");
 * logs go to stderr. Exit code 2 for bad flags or an invalid dataset.
 */
import { createLogger, silentLogger } from '../app/logger';
import type { Clock } from '../core/ports';
import { UsageError, USAGE, parseCliArgs, type CliOptions } from './cli-args';
import { DatasetError, loadDataset, type Dataset } from './dataset';
import { generateDemoPopulation } from './demo-population';
import { loadOrCreateSealingKey } from './sealing-key';
import { createSimulator } from './server';

const EXIT_USAGE = 2;
const EXIT_FAILURE = 1;

/** A clock that starts at `start` and then runs at the real pace. */
function runningClockFrom(start: Date | null): Clock {
  if (start === null) return { now: () => new Date() };
  const offset = start.getTime() - Date.now();
  return { now: () => new Date(Date.now() + offset) };
}

function fail(message: string, code: number): never {
  process.stderr.write(`simulator: ${message}\n`);
  process.exit(code);
}

function options(): CliOptions {
  try {
    return parseCliArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) fail(`${error.message}\n${USAGE}`, EXIT_USAGE);
    throw error;
  }
}

async function main() {
  const opts = options();
  if (opts.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const clock = runningClockFrom(opts.now);
  let dataset: Dataset;
  try {
    dataset = opts.dataset ? loadDataset(opts.dataset) : generateDemoPopulation(clock.now());
  } catch (error) {
    if (error instanceof DatasetError) fail(error.message, EXIT_USAGE);
    throw error;
  }
  const logger = opts.quiet ? silentLogger : createLogger();
  const simulator = createSimulator({
    dataset,
    clock,
    logger,
    control: opts.control,
    ...(opts.sealingKey ? { sealingKey: loadOrCreateSealingKey(opts.sealingKey) } : {}),
  });
  let url: string;
  try {
    ({ url } = await simulator.listen(opts.port));
  } catch (error) {
    fail(`cannot listen on 127.0.0.1:${opts.port}: ${(error as Error).message}`, EXIT_FAILURE);
  }
  process.stdout.write(`Simulator listening on ${url}\n`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info('simulator: stopping', { signal });
    // A stuck close must not keep a supervisor (or a test) waiting for ever.
    setTimeout(() => process.exit(EXIT_FAILURE), 5000).unref();
    simulator.close().then(
      () => process.exit(0),
      (error: unknown) => fail(`close failed: ${(error as Error).message}`, EXIT_FAILURE),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => fail((error as Error).stack ?? String(error), EXIT_FAILURE));
