import { describe, expect, it } from 'vitest';
import { runCrashScenario } from './outbox-scenario';

// A few runs here; `bench/crash-outbox.ts` does twenty and more.
const RUNS = 3;

describe('outbox replay killed with SIGKILL at random moments', () => {
  it.each(Array.from({ length: RUNS }, (_, i) => [i + 1]))(
    'run %i: the journal is intact and every accepted change is applied exactly once',
    async () => {
      const result = await runCrashScenario({
        accounts: 6,
        changesPerAccount: 4,
        kills: 3,
      });
      expect(result.killed).toBeGreaterThan(0);
      expect(result.integrity).toBe('ok');
      expect(result.states).toEqual({ sent: result.accepted });
      expect(result.duplicates).toEqual([]);
      expect(result.missing).toEqual([]);
      expect(result.outOfOrder).toEqual([]);
    },
    60_000,
  );
});
