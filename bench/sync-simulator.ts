/**
 * The simulator process of the sync benchmark: `--count` seeded synthetic students, the
 * directory controls, and one line on stdout once it listens
 * ("bench simulator on http://127.0.0.1:<port>"). A process of its own, as the real API is.
 */
import { parseArgs } from 'node:util';
import { DIRECTORY_CONTROL_ROUTES } from '../src-main/simulator/directory-controls';
import { createSimulator } from '../src-main/simulator/server';
import { BENCH_DEVICE, benchStudents } from './sync-data';

const { values } = parseArgs({
  options: { count: { type: 'string' }, seed: { type: 'string' }, year: { type: 'string' } },
});
const students = benchStudents(Number(values.count), values.seed ?? '1', Number(values.year));
const simulator = createSimulator({
  dataset: { students, staff: [], devices: [BENCH_DEVICE] },
  clock: { now: () => new Date() },
  routes: DIRECTORY_CONTROL_ROUTES,
});
const { url } = await simulator.listen(0);
process.stdout.write(`bench simulator on ${url}\n`);
process.once('SIGTERM', () => void simulator.close().then(() => process.exit(0)));
