import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../app/logger';
import { ACCOUNT_STATUSES } from '../core/student';
import { createRecordKeys } from '../secrets/lookup-keys';
import type { DatasetStudent } from '../simulator/dataset';
import { manualClock, startSimulator } from '../simulator/test-helpers';
import { CACHE_MIGRATIONS } from '../store/cache-migrations';
import { openDatabase } from '../store/database';
import { createDirectorySyncStore } from '../store/directory-sync-store';
import { createSyncEngine } from './engine';
import { cacheRows, demoClient, expectedRows } from './test-helpers';

// Random histories of the directory (creations, changes of name, birth date, number or status,
// deletions, expired cursors) against a model, a plain Map of students: after every sync, and
// whatever the page sizes or interruptions, the cache must hold exactly the model.

const clock = manualClock('2026-11-25T10:00:00Z');
const keys = createRecordKeys(randomBytes(32));
const SLOTS = 12;

type Op =
  | { kind: 'put'; slot: number; name: number; date: number; numberVariant: number; status: number }
  | { kind: 'remove'; slot: number }
  | { kind: 'sync'; pageSize: number; interrupt: boolean }
  | { kind: 'expire' };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('put' as const),
      slot: fc.nat(SLOTS - 1),
      name: fc.nat(3),
      date: fc.nat(2),
      numberVariant: fc.nat(1),
      status: fc.nat(1),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('remove' as const), slot: fc.nat(SLOTS - 1) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('sync' as const),
      pageSize: fc.integer({ min: 1, max: 5 }),
      interrupt: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'expire' as const }) },
);

function studentFor(o: Extract<Op, { kind: 'put' }>): DatasetStudent {
  const status = ACCOUNT_STATUSES[o.status === 0 ? 0 : 1];
  return {
    // Each slot owns its numbers, so two students never share one.
    studentNumber: `${o.numberVariant + 1}${String(o.slot).padStart(7, '0')}`,
    birthDate: ['2001-03-14', '1999-12-31', '2004-02-29'][o.date] ?? '2001-03-14',
    firstName: ['Éloïse', 'Zoé', 'Mai', "N'Golo"][o.name] ?? 'X',
    lastName: `Nom ${o.slot}`,
    identifier: `student${o.slot}`,
    enrollments: [
      { academicYear: '2026-2027', program: 'Master', validatedAt: '2026-09-01T08:00:00Z' },
    ],
    account:
      status === 'active'
        ? { status, activatedAt: '2026-09-02T08:00:00Z', leavingYear: null }
        : { status: 'not_activated', activatedAt: null, leavingYear: null },
  };
}

async function check(initial: Extract<Op, { kind: 'put' }>[], ops: Op[]) {
  const model = new Map<string, DatasetStudent>();
  for (const o of initial) model.set(`student${o.slot}`, studentFor(o));
  const sim = await startSimulator({ students: [...model.values()], staff: [] }, clock);
  const dir = mkdtempSync(join(tmpdir(), 'guichet-sync-model-'));
  const db = openDatabase(join(dir, 'cache.db'), {
    migrations: CACHE_MIGRATIONS,
    synchronous: 'NORMAL',
  });
  const api = demoClient(sim.url, clock);
  const engineWith = (pageSize: number) =>
    createSyncEngine({
      fetchPage: api.directoryChanges,
      store: createDirectorySyncStore(db, clock.now),
      keys,
      clock,
      logger: silentLogger,
      pageSize,
    });
  try {
    const state = sim.simulator.state;
    for (const o of [...ops, { kind: 'sync', pageSize: 4, interrupt: false } as const]) {
      if (o.kind === 'put') {
        const s = studentFor(o);
        model.set(s.identifier, s);
        state.putStudent(s);
      } else if (o.kind === 'remove') {
        model.delete(`student${o.slot}`);
        state.removeStudent(`student${o.slot}`);
      } else if (o.kind === 'expire') {
        state.directory.expireCursors();
      } else {
        const engine = engineWith(o.pageSize);
        const run = engine.run();
        if (o.interrupt) await engine.stop();
        const result = await run;
        expect(result.ok).toBe(true);
        if (result.ok && result.value.complete)
          expect(cacheRows(db, keys, [...model.values()])).toEqual(
            expectedRows([...model.values()], keys),
          );
      }
    }
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
    await sim.simulator.close();
  }
}

describe('sync engine against a model', () => {
  it('ends with cache = model for any history, page sizes and expired cursors', async () => {
    const put = op.filter((o): o is Extract<Op, { kind: 'put' }> => o.kind === 'put');
    await fc.assert(
      fc.asyncProperty(
        fc.array(put, { maxLength: 8 }),
        fc.array(op, { minLength: 1, maxLength: 25 }),
        check,
      ),
      { numRuns: 60 },
    );
  }, 60_000);
});
