/**
 * Guichet server benchmark: `tsx bench/server.ts [--count 100000]` after `npm run build`, under
 * scripts/with-keyring.sh. The real chain (bench/server-chain.ts: slapd with `count` SupAnn
 * entries, PostgreSQL, an SMTP sink, two server processes; slapd's test argon2 cost) against
 * the kiosk's own code. Prints its figures, then one JSON object on the last line:
 * - server_identify_p50_ms, server_identify_p99_ms: identification at a steady 20 requests/s
 *   (open loop) spread over the two instances, through the kiosk's API client (goal p99 ≤ 50);
 * - server_sync_vs_simulator_ratio: a kiosk's full sync of the `count` students from the server
 *   over the same full sync from the simulator holding the same students, in this run (rates;
 *   goal ≥ 0.5); the kiosk side is bench/sync-kiosk.ts, each side its best of two;
 * - replay_vs_direct_ratio: the outbox's replay of 1,000 queued password changes through the
 *   server over the rate of the same 1,000 requests (sealed passwords, Idempotency-Key) sent
 *   straight by the kiosk's transport, as many in flight as the replayer keeps (goal ≥ 0.8);
 *   best of two each.
 * Under each figure, the CPU each process of the chain spent per operation (bench/proc-cpu.ts):
 * where the time goes.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { JOURNEY_PATHS } from '../src-main/api/wire-journeys';
import { DEMO_DEVICE, type DatasetStudent } from '../src-main/simulator/dataset';
import { sealPasswords } from '../src-main/outbox/sealing';
import { chainPassword } from '../test/support/offline';
import { CHAIN_DEVICE } from '../test/support/server-stack';
import { tempFolder } from '../test/support/tmp';
import { benchOutbox, changeBody, type PasswordChangeOrder } from './outbox-kiosk';
import { cpuPerOp, cpuSeconds } from './proc-cpu';
import { inParallel, startBenchChain } from './server-chain';
import { identifyAtRate, quantile } from './server-identify';
import { BENCH_DEVICE, benchStudents } from './sync-data';
import {
  SYNC_SEED,
  bundleKioskSide,
  runKioskSide,
  startSyncSimulator,
  syncYear,
} from './sync-side';

const { values } = parseArgs({ options: { count: { type: 'string', default: '100000' } } });
const COUNT = values.count;
const IDENTIFY = { count: 1000, rate: 20, wrongEvery: 25 };
const CHANGES = 1000;
/** Runs of each kind, direct and replayed. */
const RUNS = 2;
/** The replayer's default: rows of different accounts in flight at once (outbox/replayer.ts). */
const REPLAY_CONCURRENCY = 4;
const say = (line: string) => process.stdout.write(`${line}\n`);
const round = (value: number, places = 0) => Math.round(value * 10 ** places) / 10 ** places;

/** "none", or each error with its count ("timeout ×3"). */
function retried(errors: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const error of errors) counts.set(error, (counts.get(error) ?? 0) + 1);
  return [...counts].map(([error, n]) => `${error} ×${n}`).join(', ') || 'none';
}

const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ')[0];

/** CPU seconds used so far by the chain's processes and by this one (the kiosk side). */
function cpuNow(pids: Record<string, number>) {
  const own = process.cpuUsage();
  return { ...cpuSeconds(pids), kiosk: (own.user + own.system) / 1e6 };
}

/** A full sync's rate, best of two, from the kiosk side (bench/sync-kiosk.ts --full-only). */
async function fullSyncRate(url: string, year: string): Promise<number> {
  const last = await runKioskSide(url, [
    '--full-only',
    '--count',
    COUNT,
    '--seed',
    SYNC_SEED,
    '--year',
    year,
  ]);
  const figures = JSON.parse(last) as { sync_records: number; sync_full_records_per_s: number };
  if (figures.sync_records !== Number(COUNT))
    throw new Error(`the full sync from ${url} brought ${figures.sync_records} records`);
  return figures.sync_full_records_per_s;
}

/** The same password changes the outbox replays, sent straight with the kiosk's transport. */
async function sendDirect(
  kiosk: Awaited<ReturnType<typeof benchOutbox>>,
  orders: readonly PasswordChangeOrder[],
): Promise<number> {
  // Sealed beforehand, as the replayed rows were when they were accepted.
  const requests = await Promise.all(
    orders.map(async (order) => ({
      path: JOURNEY_PATHS.passwordChange(order.identifier),
      body: await sealPasswords(changeBody(order), kiosk.sealer),
    })),
  );
  const started = performance.now();
  await inParallel(requests, REPLAY_CONCURRENCY, async ({ path, body }) => {
    const { result, status } = await kiosk.transport.exchange({
      method: 'post',
      path,
      body,
      schema: z.unknown(),
      idempotencyKey: randomUUID(),
      retry: false,
    });
    if (!result.ok) throw new Error(`direct password change: ${status} ${result.error.code}`);
  });
  return performance.now() - started;
}

type Chain = Awaited<ReturnType<typeof startBenchChain>>;

/** A full sync from the simulator holding the same students, then from the server. */
async function syncPhase(chain: Chain, year: string): Promise<number> {
  const simulator = await startSyncSimulator(COUNT, year);
  let simulatorRate: number;
  try {
    simulatorRate = await fullSyncRate(simulator.url, year);
  } finally {
    await simulator.stop();
  }
  const serverRate = await fullSyncRate(chain.urls[0]!, year);
  const ratio = serverRate / simulatorRate;
  say(
    `full sync of ${COUNT}: server ${serverRate}/s, simulator ${simulatorRate}/s, ` +
      `ratio ${round(ratio, 2)} (goal ≥ 0.5)`,
  );
  return ratio;
}

/** Identification at a steady rate over every instance, distinct students at random. */
async function identifyPhase(chain: Chain, students: readonly DatasetStudent[]) {
  const picked = [...students].sort(() => Math.random() - 0.5).slice(0, IDENTIFY.count + 20);
  const loadBefore = loadAverage();
  const cpu = cpuNow(chain.pids);
  const run = await identifyAtRate(chain.urls, picked.slice(20), {
    rate: IDENTIFY.rate,
    wrongEvery: IDENTIFY.wrongEvery,
    warmup: picked.slice(0, 20),
  });
  const cpuLine = cpuPerOp(cpu, cpuNow(chain.pids), run.latencies.length);
  const [p50, p99] = [quantile(run.latencies, 0.5), quantile(run.latencies, 0.99)];
  say(
    `identify: ${run.latencies.length} requests at ${IDENTIFY.rate}/s over ` +
      `${chain.urls.length} instances (${run.wrong} wrong birth dates): p50 ${round(p50, 1)} ms, ` +
      `p99 ${round(p99, 1)} ms, max ${round(run.latencies.at(-1)!, 1)} ms (goal p99 ≤ 50)`,
  );
  say(
    `  the bench's own sending lag: p99 ${round(quantile(run.lags, 0.99), 1)} ms, max ` +
      `${round(run.lags.at(-1)!, 1)} ms; load average ${loadBefore} before, ${loadAverage()} after`,
  );
  say(`  CPU ms per identification: ${cpuLine}`);
  return { p50, p99 };
}

/**
 * The outbox: changes accepted while the server is away, then replayed; and the same requests
 * for other students, sent straight. Each student changes once (from chainPassword(i, 0) to
 * (i, 1)), so that every run asks slapd for the same work (its password history grows with each
 * change). Runs alternate, direct first; the best of two each, as other work on the machine only
 * slows a run. The replay/direct rate ratio.
 */
async function outboxPhase(chain: Chain, folder: string, changing: readonly Changing[]) {
  let offline = false;
  const kiosk = await benchOutbox(chain.urls[0]!, folder, () => offline);
  const group = (g: number) =>
    changing.slice(g * CHANGES, (g + 1) * CHANGES).map(({ identifier, i }) => ({
      identifier,
      current: chainPassword(i, 0),
      next: chainPassword(i, 1),
    }));
  // Warm-up, not timed: the server's password paths, slapd's binds, the kiosk's transport.
  await sendDirect(kiosk, group(RUNS * 2));
  const rates = { direct: [] as number[], replay: [] as number[] };
  for (let run = 0; run < RUNS; run += 1) {
    let cpu = cpuNow(chain.pids);
    const directMs = await sendDirect(kiosk, group(run * 2));
    const directCpu = cpuPerOp(cpu, cpuNow(chain.pids), CHANGES);
    offline = true;
    const enqueueMs = await kiosk.enqueue(group(run * 2 + 1));
    offline = false;
    cpu = cpuNow(chain.pids);
    const replay = await kiosk.replay(CHANGES);
    const replayCpu = cpuPerOp(cpu, cpuNow(chain.pids), CHANGES);
    rates.direct.push((CHANGES / directMs) * 1000);
    rates.replay.push((CHANGES / replay.ms) * 1000);
    say(
      `password changes, run ${run + 1}: ${CHANGES} sent straight in ${Math.round(directMs)} ms; ` +
        `${CHANGES} accepted offline in ${Math.round(enqueueMs)} ms, replayed in ` +
        `${Math.round(replay.ms)} ms (attempts retried: ${retried(replay.retries)})`,
    );
    say(`  CPU ms per change sent straight: ${directCpu}`);
    say(`  CPU ms per replayed change: ${replayCpu}`);
  }
  await kiosk.close();
  const [direct, replay] = [Math.max(...rates.direct), Math.max(...rates.replay)];
  say(
    `password changes: replay ${Math.round(replay)}/s, sent straight ${Math.round(direct)}/s ` +
      `(best of ${RUNS}), ratio ${round(replay / direct, 2)} (goal ≥ 0.8)`,
  );
  return replay / direct;
}

interface Changing {
  identifier: string;
  /** Its password chain's number (chainPassword). */
  i: number;
}

async function main() {
  const folder = tempFolder('guichet-bench-server-');
  const year = syncYear();
  let chain: Chain | null = null;
  try {
    const students = benchStudents(Number(COUNT), SYNC_SEED, Number(year));
    // The password changes' students: active, enrolled this year, a known password each.
    const changing: Changing[] = students
      .filter(
        (s) => s.account.status === 'active' && s.enrollments[0]?.academicYear.startsWith(year),
      )
      .slice(0, CHANGES * RUNS * 2 + 20)
      .map((s, i) => ({ identifier: s.identifier, i }));
    await bundleKioskSide();
    chain = await startBenchChain(folder.path, {
      students,
      passwords: new Map(changing.map(({ identifier, i }) => [identifier, chainPassword(i, 0)])),
      devices: [BENCH_DEVICE, CHAIN_DEVICE, DEMO_DEVICE],
      instances: 2,
      say,
    });
    const syncRatio = await syncPhase(chain, year);
    const identify = await identifyPhase(chain, students);
    const replayRatio = await outboxPhase(chain, folder.path, changing);
    say(
      JSON.stringify({
        server_identify_p50_ms: round(identify.p50, 1),
        server_identify_p99_ms: round(identify.p99, 1),
        server_sync_vs_simulator_ratio: round(syncRatio, 2),
        replay_vs_direct_ratio: round(replayRatio, 2),
      }),
    );
  } finally {
    await chain?.close();
    folder.remove();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
