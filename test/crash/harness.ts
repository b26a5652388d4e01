/**
 * One crash run of the directory sync: a child process syncs a real cache file from the
 * simulator and is killed with SIGKILL at a random step; the cache must then pass
 * integrity_check and hold exactly the simulator's directory as of the cursor it kept (the old
 * one or a newer one, never a mix), and a restarted sync must bring it to the current state.
 * Shared by test/crash/sync-crash.test.ts (a few runs) and bench/crash-sync.ts (many).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createKeytarStore } from '../../src-main/secrets/keytar-store';
import { createRecordKeys, loadOrCreateLookupKey } from '../../src-main/secrets/lookup-keys';
import { SECRET_NAMES } from '../../src-main/secrets/secret-store';
import type { DatasetStudent } from '../../src-main/simulator/dataset';
import { CACHE_MIGRATIONS } from '../../src-main/store/cache-migrations';
import { openDatabase } from '../../src-main/store/database';
import { createDirectorySyncStore } from '../../src-main/store/directory-sync-store';
import { cacheRows, expectedRows } from '../../src-main/sync/test-helpers';
import { createRandom, seedFrom } from '../../src-main/simulator/prng';
import { startSyncSimulator, SYNC_DEVICE } from '../support/sync-kiosk';
import { tempFolder } from '../support/tmp';
import { bundledEntry } from '../support/node-entry';

export const SCENARIOS = ['initial', 'delta', 'rebuild'] as const;
export type Scenario = (typeof SCENARIOS)[number];

export interface CrashRun {
  scenario: Scenario;
  /** Steps the child reported committed before the kill reached it. */
  killedAfterStep: number;
  /** What the cache held after the kill. */
  found: 'old' | 'intermediate' | 'new';
  problems: string[];
}

const CHILD = join('test', 'crash', 'sync-child.ts');

/** Runs the child until it exits, or kills it once it has reported `killAt` steps. */
async function runChild(args: string[], killAt: number | null, delayMs: number) {
  // Bundled once per test process: each run then starts without the TypeScript loader.
  const script = await bundledEntry(CHILD);
  return new Promise<{ killed: boolean; steps: number; output: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let steps = 0;
    let killing = false;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      steps = (output.match(/^(delta|shadow|swap) /gm) ?? []).length;
      if (killAt !== null && !killing && steps >= killAt) {
        killing = true;
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ killed: true, steps, output });
      else if (code === 0) resolve({ killed: false, steps, output });
      else reject(new Error(`sync child exited with ${code}:\n${output}`));
    });
  });
}

/** One crash run; `seed` decides the students, the changes and the moment of the kill. */
export async function crashRun(scenario: Scenario, seed: string): Promise<CrashRun> {
  const random = createRandom(seedFrom(`crash-${seed}`));
  const folder = tempFolder('guichet-crash-');
  const service = `guichet-crash-${process.pid}-${seed}`;
  const sim = await startSyncSimulator([]);
  const problems: string[] = [];
  try {
    const state = sim.simulator.state;
    const initial = (await sim.control('POST', '/_simulator/directory/generate', {
      count: 1500,
      seed,
    })) as { seq: number };
    const keys = createRecordKeys(await loadOrCreateLookupKey(createKeytarStore(service)));
    const cachePath = join(folder.path, 'cache.db');
    const args = [
      ...['--url', sim.url, '--cache', cachePath, '--service', service],
      ...['--page-size', '40', '--device', JSON.stringify(SYNC_DEVICE)],
    ];

    // What the directory was as of each sequence number: the students as generated, then
    // each change (each to a different student) with the sequence number it got.
    const base = new Map(state.dataset.students.map((s) => [s.identifier, structuredClone(s)]));
    const changes: { seq: number; identifier: string; student: DatasetStudent | null }[] = [];
    if (scenario !== 'initial') {
      await runChild(args, null, 0);
      const students = [...base.values()];
      for (let i = 0; i < 300; i += 1) {
        const target = students[i * 5]!;
        if (random.chance(0.3)) {
          changes.push({
            seq: state.removeStudent(target.identifier)!,
            identifier: target.identifier,
            student: null,
          });
        } else {
          const changed = { ...structuredClone(target), lastName: `${target.lastName} ${i}` };
          changes.push({
            seq: state.putStudent(changed),
            identifier: changed.identifier,
            student: changed,
          });
        }
      }
      if (scenario === 'rebuild') state.directory.expireCursors();
    }
    const expectedAt = (seq: number) => {
      const at = new Map([...base].filter((_, i) => i + 1 <= seq));
      for (const c of changes) {
        if (c.seq > seq) continue;
        if (c.student) at.set(c.identifier, c.student);
        else at.delete(c.identifier);
      }
      return expectedRows([...at.values()], keys);
    };
    // Every student any state knew: a row left over from a removed one opens and shows.
    const everyone = [...base.values(), ...changes.flatMap((c) => (c.student ? [c.student] : []))];
    const oldSeq = scenario === 'initial' ? 0 : initial.seq;
    const newSeq = state.directory.sequence;

    // Committed steps of a whole run (pages, and the swap of a full sync), roughly.
    const steps = { initial: 39, delta: 8, rebuild: 37 }[scenario];
    const killAt = random.int(0, steps);
    const run = await runChild(args, killAt, random.int(0, 4));

    const db = openDatabase(cachePath, { migrations: CACHE_MIGRATIONS, synchronous: 'NORMAL' });
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
    const cursor = createDirectorySyncStore(db, () => new Date()).state().cursor;
    const seq = cursor === null ? 0 : state.directory.positionOf(cursor);
    let found: CrashRun['found'] = 'intermediate';
    if (seq === null) problems.push('cursor from another simulator');
    else {
      if (seq === oldSeq) found = 'old';
      else if (seq === newSeq) found = 'new';
      if (JSON.stringify(cacheRows(db, keys, everyone)) !== JSON.stringify(expectedAt(seq)))
        problems.push(`cache differs from the directory as of its cursor (${found})`);
    }
    if (scenario !== 'delta' && found === 'intermediate')
      problems.push('a full sync left the live table between two states');
    db.close();

    await runChild(args, null, 0);
    const after = openDatabase(cachePath, { migrations: CACHE_MIGRATIONS, synchronous: 'NORMAL' });
    if (JSON.stringify(cacheRows(after, keys, everyone)) !== JSON.stringify(expectedAt(newSeq)))
      problems.push('the restarted sync did not reach the current directory');
    if (after.pragma('integrity_check', { simple: true }) !== 'ok')
      problems.push('integrity_check failed after the restarted sync');
    after.close();
    return { scenario, killedAfterStep: run.steps, found, problems };
  } finally {
    await sim.simulator.close();
    await createKeytarStore(service).delete(SECRET_NAMES.lookupKey);
    folder.remove();
  }
}
