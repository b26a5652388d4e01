/**
 * Outbox benchmark: `tsx bench/outbox.ts [--count 1000]`. The simulator runs in its own process;
 * `count` password changes (one per student, passwords sealed) are accepted into the outbox
 * while it is down, then it comes back and the kiosk replays them all. Prints its figures, then
 * one JSON object on the last line:
 * - outbox_enqueue_per_s: accepting a change (seal two passwords, commit the row, fsync);
 * - outbox_replay_1000_ms: replaying `count` (1000) changes to the simulator (goal ≤ 5000);
 * - outbox_replay_per_s: the same, per second.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { realTimers } from '../src-main/api/resilience/timers';
import { HealthResponse, PATHS } from '../src-main/api/wire';
import { JOURNEY_PATHS, PasswordChanged } from '../src-main/api/wire-journeys';
import { silentLogger } from '../src-main/app/logger';
import { createOutbox } from '../src-main/outbox/outbox';
import { openDatabase } from '../src-main/store/database';
import { JOURNAL_MIGRATIONS } from '../src-main/store/journal-migrations';
import {
  activeStudents,
  chainPassword,
  fetchSealer,
  kioskTransport,
  realClock,
  studentId,
  testAtRest,
} from '../test/support/offline';
import { spawnUntilReady } from '../test/support/spawn-ready';
import { tempFolder } from '../test/support/tmp';

const { values } = parseArgs({ options: { count: { type: 'string', default: '1000' } } });
const COUNT = Number(values.count);
const say = (line: string) => process.stdout.write(`${line}\n`);

const folder = tempFolder('guichet-bench-outbox-');
const simulator = await spawnUntilReady(
  'src-main/simulator/cli.ts',
  [
    '--port',
    '0',
    '--quiet',
    '--control',
    '--dataset',
    folder.file('d.json', activeStudents(COUNT)),
  ],
  /Simulator listening on (\S+)/,
);
const url = simulator.match[1]!;
const faults = (body: unknown) =>
  fetch(`${url}/_simulator/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

try {
  const journal = openDatabase(join(folder.path, 'journal.db'), {
    migrations: JOURNAL_MIGRATIONS,
    synchronous: 'FULL',
  });
  const sealer = await fetchSealer(url);
  // The kiosk's own breaker settings: offline, requests are answered at once, without the network.
  const transport = kioskTransport(url, { timeoutMs: 10_000, failureThreshold: 4 });
  const outbox = createOutbox({
    db: journal,
    exchange: transport.exchange,
    sealer,
    atRest: testAtRest,
    clock: realClock,
    timers: realTimers,
    logger: silentLogger,
    monitor: transport.resilience.monitor,
  });

  await faults({ down: true });
  const enqueueStart = performance.now();
  for (let i = 0; i < COUNT; i += 1) {
    const answer = await outbox.submit(
      {
        kind: 'password.change',
        account: studentId(i),
        method: 'post',
        path: JOURNEY_PATHS.passwordChange(studentId(i)),
        body: {
          currentPassword: { type: 'plain', value: chainPassword(i, 0) },
          newPassword: { type: 'plain', value: chainPassword(i, 1) },
        },
      },
      PasswordChanged,
    );
    if (!answer.ok || answer.value.kind !== 'queued') throw new Error('expected a receipt');
  }
  const enqueueMs = performance.now() - enqueueStart;
  say(`accepted ${COUNT} changes offline in ${Math.round(enqueueMs)} ms`);

  await faults({ down: false });
  const replayStart = performance.now();
  // What the kiosk's health probe does when the API comes back: it closes the circuit.
  await transport.call({
    method: 'get',
    path: PATHS.health,
    schema: HealthResponse,
    auth: false,
    probe: true,
  });
  outbox.replayer.hurry();
  await outbox.replayer.drain();
  const replayMs = performance.now() - replayStart;
  const summary = outbox.store.summary();
  if (summary.sent !== COUNT)
    throw new Error(
      `replay left ${JSON.stringify(summary)} ${JSON.stringify(outbox.store.get(1))}`,
    );
  say(`replayed ${COUNT} changes in ${Math.round(replayMs)} ms (goal ≤ 5000 for 1000)`);
  await outbox.stop();
  journal.close();

  say(
    JSON.stringify({
      outbox_enqueue_per_s: Math.round((COUNT / enqueueMs) * 1000),
      outbox_replay_1000_ms: Math.round((replayMs * 1000) / COUNT),
      outbox_replay_per_s: Math.round((COUNT / replayMs) * 1000),
    }),
  );
} finally {
  await simulator.stop();
  folder.remove();
}
