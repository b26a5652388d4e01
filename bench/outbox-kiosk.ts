/**
 * The kiosk side of the outbox benchmarks (bench/outbox.ts against the simulator, bench/server.ts
 * against the Guichet server): the journal, the kiosk's transport and outbox with the API's
 * sealing key pinned, password changes accepted into it while the API is away, and their replay
 * once it answers again.
 */
import { join } from 'node:path';
import { realTimers } from '../src-main/api/resilience/timers';
import type { Exchanger } from '../src-main/api/transport';
import { HealthResponse, PATHS } from '../src-main/api/wire';
import { JOURNEY_PATHS, PasswordChanged } from '../src-main/api/wire-journeys';
import { silentLogger } from '../src-main/app/logger';
import type { Logger } from '../src-main/core/ports';
import { err } from '../src-main/core/result';
import { createOutbox } from '../src-main/outbox/outbox';
import { openDatabase } from '../src-main/store/database';
import { JOURNAL_MIGRATIONS } from '../src-main/store/journal-migrations';
import { fetchSealer, kioskTransport, realClock, testAtRest } from '../test/support/offline';

/** One student's password change: from `current` to `next`. */
export interface PasswordChangeOrder {
  identifier: string;
  current: string;
  next: string;
}

/** The body of a password change, passwords in clear (the outbox seals them). */
export const changeBody = (order: PasswordChangeOrder) => ({
  currentPassword: { type: 'plain', value: order.current },
  newPassword: { type: 'plain', value: order.next },
});

/**
 * A kiosk's outbox on `url` with its journal in `folder`. `offline`, when given, stands for the
 * network while it returns true: every request then gets no answer, at once.
 */
export async function benchOutbox(url: string, folder: string, offline?: () => boolean) {
  const journal = openDatabase(join(folder, 'journal.db'), {
    migrations: JOURNAL_MIGRATIONS,
    synchronous: 'FULL',
  });
  const sealer = await fetchSealer(url);
  // The kiosk's own breaker settings: offline, requests are answered at once, without the network.
  const transport = kioskTransport(url, { timeoutMs: 10_000, failureThreshold: 4 });
  const exchange: Exchanger = (spec) =>
    offline?.()
      ? Promise.resolve({
          result: err({ code: 'network' }),
          status: null,
          apiCode: null,
          attempts: 1,
        })
      : transport.exchange(spec);
  // Attempts the replayer schedules again, by error (offline, every first attempt is one).
  let retries: string[] = [];
  const logger: Logger = {
    ...silentLogger,
    warn(message, fields) {
      if (message === 'outbox: will retry') retries.push(String(fields?.error));
    },
  };
  const outbox = createOutbox({
    db: journal,
    exchange,
    sealer,
    atRest: testAtRest,
    clock: realClock,
    timers: realTimers,
    logger,
    monitor: transport.resilience.monitor,
  });

  return {
    outbox,
    transport,
    sealer,
    /** Accepts every change while the API is away (each must get a receipt); milliseconds. */
    async enqueue(orders: readonly PasswordChangeOrder[]): Promise<number> {
      const started = performance.now();
      for (const order of orders) {
        const answer = await outbox.submit(
          {
            kind: 'password.change',
            account: order.identifier,
            method: 'post',
            path: JOURNEY_PATHS.passwordChange(order.identifier),
            body: changeBody(order),
          },
          PasswordChanged,
        );
        if (!answer.ok || answer.value.kind !== 'queued') throw new Error('expected a receipt');
      }
      return performance.now() - started;
    },
    /**
     * The API is back: replays the `count` changes queued (all must be applied); milliseconds,
     * and how many attempts failed and were scheduled again on the way.
     */
    async replay(count: number): Promise<{ ms: number; retries: string[] }> {
      const sentBefore = outbox.store.summary().sent;
      retries = [];
      const started = performance.now();
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
      const ms = performance.now() - started;
      const summary = outbox.store.summary();
      if (summary.sent - sentBefore !== count || summary.pending > 0)
        throw new Error(
          `replay left ${JSON.stringify(summary)} ${JSON.stringify(outbox.store.get(1))}`,
        );
      return { ms, retries };
    },
    async close() {
      await outbox.stop();
      journal.close();
    },
  };
}
