/**
 * One crash scenario, shared by the crash test (a few runs) and `bench/crash-outbox.ts` (20+):
 * chains of password changes are accepted into the outbox while the API is down, then a child
 * process replays them and is killed with SIGKILL at random moments, restarted each time, until
 * one run drains the outbox. The journal must then pass integrity_check, and every accepted
 * change must have been applied exactly once, in order, at the simulator.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { realTimers } from '../../src-main/api/resilience/timers';
import { JOURNEY_PATHS, PasswordChanged } from '../../src-main/api/wire-journeys';
import { silentLogger } from '../../src-main/app/logger';
import { createOutbox } from '../../src-main/outbox/outbox';
import { payloadAad } from '../../src-main/outbox/at-rest';
import { sealPasswords } from '../../src-main/outbox/sealing';
import { openDatabase } from '../../src-main/store/database';
import { JOURNAL_MIGRATIONS } from '../../src-main/store/journal-migrations';
import {
  activeStudents,
  chainPassword,
  fetchSealer,
  kioskTransport,
  realClock,
  startTestSimulator,
  studentId,
  testAtRest,
} from '../support/offline';
import { tempFolder } from '../support/tmp';
import { bundledEntry } from '../support/node-entry';

export interface ScenarioOptions {
  accounts: number;
  changesPerAccount: number;
  /** SIGKILLs before the child is left to finish. */
  kills: number;
  /** Decides the keys and the kill points; seeded by the bench, so a failure can be replayed. */
  random?: () => number;
}

export interface ScenarioResult {
  accepted: number;
  /** Children actually killed (one that drained before its kill is not counted). */
  killed: number;
  /** For each kill, how many attempts the child had reported when it was killed. */
  killedAfter: number[];
  integrity: string;
  states: Record<string, number>;
  /** Keys the simulator performed more than once with success (must be empty). */
  duplicates: string[];
  /** Accepted keys the simulator never performed with success (must be empty). */
  missing: string[];
  /** Accounts whose final password is not the last of their chain (must be empty). */
  outOfOrder: string[];
}

const CHILD = join(import.meta.dirname, 'outbox-child.ts');

/**
 * Runs the replaying child until it exits, or SIGKILLs it once it has reported `killAt`
 * attempts plus `delayMs`: mid-request, mid-commit or between the two, wherever that falls.
 */
async function runChild(args: string[], killAt: number | null, delayMs: number) {
  // Bundled once per test process: each run then starts without the TypeScript loader.
  const script = await bundledEntry(CHILD);
  return new Promise<{ killed: boolean; attempts: number }>((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let attempts = 0;
    let killing = false;
    const kill = () => {
      killing = true;
      setTimeout(() => child.kill('SIGKILL'), delayMs);
    };
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      attempts = (output.match(/^attempt$/gm) ?? []).length;
      const ready = /^ready$/m.test(output);
      if (killAt !== null && !killing && ready && attempts >= killAt) kill();
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ killed: true, attempts });
      else if (code === 0) resolve({ killed: false, attempts });
      else reject(new Error(`outbox child exited with ${code}:\n${output}`));
    });
  });
}

/** Runs one scenario in a fresh folder, against a fresh in-process simulator. */
export async function runCrashScenario(options: ScenarioOptions): Promise<ScenarioResult> {
  const random = options.random ?? Math.random;
  const folder = tempFolder('guichet-crash-');
  const { simulator, url } = await startTestSimulator(activeStudents(options.accounts));
  const journalPath = join(folder.path, 'journal.db');
  try {
    // Accept every change while the API is down: each one is a receipt, a pending row.
    const journal = openDatabase(journalPath, {
      migrations: JOURNAL_MIGRATIONS,
      synchronous: 'FULL',
    });
    const sealer = await fetchSealer(url);
    simulator.faults.set({ down: true });
    const transport = kioskTransport(url);
    const outbox = createOutbox({
      db: journal,
      exchange: transport.exchange,
      sealer,
      atRest: testAtRest,
      clock: realClock,
      timers: realTimers,
      logger: silentLogger,
    });
    const keys: string[] = [];
    for (let step = 0; step < options.changesPerAccount; step += 1) {
      for (let i = 0; i < options.accounts; i += 1) {
        const key = `crash-${i}-${step}-${Math.floor(random() * 1e9)}`;
        const request = {
          kind: 'password.change',
          account: studentId(i),
          method: 'post' as const,
          path: JOURNEY_PATHS.passwordChange(studentId(i)),
          body: {
            currentPassword: { type: 'plain', value: chainPassword(i, step) },
            newPassword: { type: 'plain', value: chainPassword(i, step + 1) },
          },
          idempotencyKey: key,
        };
        if (step === 0) {
          const answer = await outbox.submit(request, PasswordChanged);
          if (!answer.ok || answer.value.kind !== 'queued') throw new Error('expected a receipt');
        } else {
          // Today one credential at most waits per account; a journal written before that rule
          // can hold a chain of them, which replay must still apply in order, exactly once.
          outbox.store.insert({
            ...request,
            reference: `CHAIN-${i}-${step}`,
            payloadJson: testAtRest.seal(
              JSON.stringify(await sealPasswords(request.body, sealer)),
              payloadAad(key),
            ),
            now: Date.now(),
          });
        }
        keys.push(key);
      }
    }
    await outbox.stop();
    journal.close();
    simulator.faults.clear();

    const killedAfter: number[] = [];
    for (let run = 0; run < options.kills; run += 1) {
      const killAt = Math.floor(random() * (keys.length / options.kills + 1));
      const outcome = await runChild([journalPath, url], killAt, Math.floor(random() * 4));
      if (outcome.killed) killedAfter.push(outcome.attempts);
    }
    await runChild([journalPath, url], null, 0);

    const check = openDatabase(journalPath, {
      migrations: JOURNAL_MIGRATIONS,
      synchronous: 'FULL',
    });
    const integrity = String(check.pragma('integrity_check', { simple: true }));
    const states = Object.fromEntries(
      check
        .prepare('SELECT state, count(*) AS n FROM outbox GROUP BY state')
        .all()
        .map((r) => [(r as { state: string }).state, (r as { n: number }).n]),
    );
    check.close();

    const performed = new Map<string, number>();
    for (const write of simulator.idempotency.performed()) {
      if (write.status !== 200 || write.idempotencyKey === null) continue;
      performed.set(write.idempotencyKey, (performed.get(write.idempotencyKey) ?? 0) + 1);
    }
    const outOfOrder: string[] = [];
    for (let i = 0; i < options.accounts; i += 1) {
      const student = simulator.state.studentByIdentifier(studentId(i))!;
      const last = chainPassword(i, options.changesPerAccount);
      if (!simulator.state.journeys.verifyPassword(student, last)) outOfOrder.push(studentId(i));
    }
    return {
      accepted: keys.length,
      killed: killedAfter.length,
      killedAfter,
      integrity,
      states,
      duplicates: [...performed].filter(([, n]) => n > 1).map(([key]) => key),
      missing: keys.filter((key) => !performed.has(key)),
      outOfOrder,
    };
  } finally {
    await simulator.close();
    folder.remove();
  }
}
