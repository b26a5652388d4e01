/**
 * Outbox benchmark: `tsx bench/outbox.ts [--count 1000]`. The simulator runs in its own process;
 * `count` password changes (one per student, passwords sealed) are accepted into the outbox
 * while it is down, then it comes back and the kiosk replays them all. Prints its figures, then
 * one JSON object on the last line:
 * - outbox_enqueue_per_s: accepting a change (seal two passwords, commit the row, fsync);
 * - outbox_replay_1000_ms: replaying `count` (1000) changes to the simulator (goal ≤ 5000);
 * - outbox_replay_per_s: the same, per second.
 */
import { parseArgs } from 'node:util';
import { activeStudents, chainPassword, studentId } from '../test/support/offline';
import { spawnUntilReady } from '../test/support/spawn-ready';
import { tempFolder } from '../test/support/tmp';
import { benchOutbox } from './outbox-kiosk';

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
  const kiosk = await benchOutbox(url, folder.path);
  await faults({ down: true });
  const orders = Array.from({ length: COUNT }, (_, i) => ({
    identifier: studentId(i),
    current: chainPassword(i, 0),
    next: chainPassword(i, 1),
  }));
  const enqueueMs = await kiosk.enqueue(orders);
  say(`accepted ${COUNT} changes offline in ${Math.round(enqueueMs)} ms`);

  await faults({ down: false });
  const { ms: replayMs } = await kiosk.replay(COUNT);
  say(`replayed ${COUNT} changes in ${Math.round(replayMs)} ms (goal ≤ 5000 for 1000)`);
  await kiosk.close();

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
