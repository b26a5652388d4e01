/**
 * The process the crash tests kill: it opens the journal, replays the outbox against the API
 * until nothing is left to send, then prints "drained" and exits. It prints "ready" first, and
 * "attempt" after each recorded attempt, so the parent can pick a moment to SIGKILL it.
 *   node --import tsx test/crash/outbox-child.ts <journal.db> <api url>
 */
import { realTimers } from '../../src-main/api/resilience/timers';
import { createResilience } from '../../src-main/api/resilience/resilience';
import { createTransport } from '../../src-main/api/transport';
import { silentLogger } from '../../src-main/app/logger';
import { createOutbox } from '../../src-main/outbox/outbox';
import { DEMO_DEVICE } from '../../src-main/simulator/dataset';
import { openDatabase } from '../../src-main/store/database';
import { JOURNAL_MIGRATIONS } from '../../src-main/store/journal-migrations';
import { testAtRest } from '../support/offline';

const [journalPath, apiUrl] = process.argv.slice(2);
if (!journalPath || !apiUrl) throw new Error('usage: outbox-child.ts <journal.db> <api url>');

const clock = { now: () => new Date() };
const db = openDatabase(journalPath, { migrations: JOURNAL_MIGRATIONS, synchronous: 'FULL' });
const transport = createTransport({
  baseUrl: apiUrl,
  timeoutMs: 5_000,
  credential: async () => ({ ...DEMO_DEVICE }),
  clock,
  logger: silentLogger,
  resilience: createResilience({ clock, failureThreshold: 1_000 }),
});
const outbox = createOutbox({
  db,
  exchange: transport.exchange,
  // Replay only: what is queued is already sealed.
  sealer: null,
  atRest: testAtRest,
  clock,
  timers: realTimers,
  logger: silentLogger,
});
outbox.replayer.onAttempt(() => process.stdout.write('attempt\n'));
process.stdout.write('ready\n');

for (;;) {
  await outbox.replayer.drain();
  const next = outbox.store.nextDueAt();
  if (next === null) break;
  await realTimers.sleep(Math.max(0, next - Date.now()));
}
await outbox.stop();
db.close();
process.stdout.write('drained\n');
