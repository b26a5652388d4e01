/**
 * Replays the outbox: first in, first out per account (one request in flight per account,
 * independent accounts in parallel), backoff on retryable errors, dead letter on refusals.
 * Runs when a row is enqueued, when the next row falls due, and when the API comes back.
 */
import type { Random } from '../api/resilience/backoff';
import type { Timers } from '../api/resilience/timers';
import type { Exchange } from '../api/transport';
import type { Clock, Logger } from '../core/ports';
import { CREDENTIAL_KINDS, type OutboxRow, type OutboxStore } from './store';
import { boundCredential, judge, type Verdict } from './verdict';

export interface ReplayerDeps {
  store: OutboxStore;
  /** One attempt at a row, without retries of its own (the replayer schedules them). */
  send(row: OutboxRow): Promise<Exchange<unknown>>;
  clock: Clock;
  timers: Timers;
  random: Random;
  logger: Logger;
  /** Rows of different accounts sent at the same time. */
  concurrency?: number;
}

/** One attempt's end, as listeners (the submit port, the status events) see it. */
export interface Attempted {
  row: OutboxRow;
  verdict: Verdict;
}

export interface Replayer {
  /** Looks for due rows now (after an enqueue, or when the API is back). */
  kick(): void;
  /** Makes every waiting row due at once, then kicks: the API answers again. */
  hurry(): void;
  /** Resolves when no row is due and none is in flight (tests, benchmarks, shutdown). */
  drain(): Promise<void>;
  onAttempt(listener: (attempt: Attempted) => void): () => void;
  /** Stops scheduling and waits for the requests in flight. */
  stop(): Promise<void>;
}

/** Creates the replayer; it does nothing until kicked. */
export function createReplayer(deps: ReplayerDeps): Replayer {
  const concurrency = deps.concurrency ?? 4;
  const now = () => deps.clock.now().getTime();
  const inFlight = new Map<string, Promise<void>>();
  const listeners = new Set<(attempt: Attempted) => void>();
  let cancelTimer: (() => void) | null = null;
  let passQueued = false;
  let stopped = false;

  function settle(
    row: OutboxRow,
    exchange: Pick<Exchange<unknown>, 'result' | 'status' | 'apiCode'>,
  ) {
    const credential = CREDENTIAL_KINDS.includes(row.kind);
    const verdict = boundCredential(judge(exchange, row.attempts, deps.random), row, credential);
    const at = now();
    const fields = { kind: row.kind, reference: row.reference, attempt: row.attempts + 1 };
    switch (verdict.kind) {
      case 'sent':
        deps.store.markSent(row.id, at, verdict.resultJson);
        deps.logger.info('outbox: applied', fields);
        break;
      case 'retry':
        deps.store.markRetry(
          row.id,
          at + verdict.delayMs,
          verdict.error,
          verdict.appError.code === 'rate_limited',
        );
        deps.logger.warn('outbox: will retry', {
          ...fields,
          error: verdict.error,
          inMs: verdict.delayMs,
        });
        break;
      case 'dead':
        deps.store.markDead(row.id, at, verdict.reason);
        deps.logger.warn('outbox: refused, dead letter', { ...fields, reason: verdict.reason });
        break;
    }
    for (const listener of listeners) listener({ row, verdict });
  }

  function start(row: OutboxRow) {
    const work = deps
      .send(row)
      .then(
        (exchange) => settle(row, exchange),
        () =>
          settle(row, {
            result: { ok: false, error: { code: 'internal' } },
            status: null,
            apiCode: null,
          }),
      )
      .catch((error: unknown) => {
        // The journal refused the update (disk full…): the row stays pending and is sent again.
        deps.logger.error('outbox: could not record an attempt', { error: String(error) });
      })
      .finally(() => {
        inFlight.delete(row.account);
        kick();
      });
    inFlight.set(row.account, work);
  }

  function pass() {
    if (stopped) return;
    const free = concurrency - inFlight.size;
    if (free > 0) {
      // Heads of accounts already in flight are still pending: ask for enough rows to skip them.
      const heads = deps.store.dueHeads(now(), free + inFlight.size);
      for (const head of heads.filter((h) => !inFlight.has(h.account)).slice(0, free)) start(head);
    }
    cancelTimer?.();
    cancelTimer = null;
    const next = deps.store.nextDueAt();
    if (next !== null && next > now()) cancelTimer = deps.timers.schedule(kick, next - now());
  }

  function kick() {
    if (stopped || passQueued) return;
    passQueued = true;
    queueMicrotask(() => {
      passQueued = false;
      pass();
    });
  }

  return {
    kick,
    hurry() {
      if (deps.store.hurry(now()) > 0) deps.logger.info('outbox: the API is back, replaying');
      kick();
    },
    async drain() {
      for (;;) {
        pass();
        if (inFlight.size === 0) {
          if (stopped || deps.store.dueHeads(now(), 1).length === 0) return;
          continue;
        }
        await Promise.race(inFlight.values());
      }
    },
    onAttempt(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async stop() {
      stopped = true;
      cancelTimer?.();
      await Promise.allSettled(inFlight.values());
    },
  };
}
