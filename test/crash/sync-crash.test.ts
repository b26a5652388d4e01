import { describe, expect, it } from 'vitest';
import { crashRun, SCENARIOS } from './harness';

// A few SIGKILLs per kind of sync; bench/crash-sync.ts runs many more (npm run bench).
describe('directory sync killed with SIGKILL', () => {
  it.each(SCENARIOS.map((scenario, i) => [scenario, `test-${i}-${Date.now()}`] as const))(
    '%s sync: the cache stays at its old or a newer cursor, whole, and the sync resumes',
    async (scenario, seed) => {
      const run = await crashRun(scenario, seed);
      expect(run.problems, `killed after step ${run.killedAfterStep}`).toEqual([]);
    },
    60_000,
  );
});
