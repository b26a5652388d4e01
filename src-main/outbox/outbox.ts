/**
 * Every write to the central API goes through here. The row (passwords sealed) and its
 * Idempotency-Key are committed before the first send; the student then waits for that first
 * attempt only: an answer is the real result (a refusal included), no answer means the request
 * stays queued and the student leaves with a receipt.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Random } from '../api/resilience/backoff';
import type { ConnectivityMonitor } from '../api/resilience/connectivity';
import type { Timers } from '../api/resilience/timers';
import type { Exchanger } from '../api/transport';
import type { OutboxSummary, WriteOutcome } from '../core/connectivity';
import type { OfflineReceipt } from '../core/journeys';
import type { Clock, Logger } from '../core/ports';
import { err, isConnectivityError, ok, type AppError, type Result } from '../core/result';
import type { Sealer } from '../secrets/sealing';
import type { Db } from '../store/database';
import { newReference } from './reference';
import { createReplayer, type Attempted, type Replayer } from './replayer';
import { countPlainPasswords, sealPasswords } from './sealing';
import {
  CREDENTIAL_KINDS,
  createOutboxStore,
  type OutboxRow,
  type OutboxStore,
  type WriteMethod,
} from './store';

/** A write to the central API, as a use case asks for it. */
export interface WriteRequest {
  kind: string;
  /** The account identifier (replay is first in, first out per account). */
  account: string;
  method: WriteMethod;
  path: string;
  /** JSON body; passwords as `{ type: 'plain', value }`: they are sealed before being stored. */
  body: unknown;
  /** The use case's key for this user action; a fresh one when absent. */
  idempotencyKey?: string;
}

/** Whether a write carries a credential: one at most may wait per account (store.ts). */
export const carriesCredential = (request: Pick<WriteRequest, 'kind'>) =>
  CREDENTIAL_KINDS.includes(request.kind);

export interface OutboxDeps {
  db: Db;
  /** The transport's `exchange`: one attempt per call, the replayer does the retrying. */
  exchange: Exchanger;
  /** Null when no sealing key is pinned: writes with a password then go out directly. */
  sealer: Sealer | null;
  clock: Clock;
  timers: Timers;
  random?: Random;
  logger: Logger;
  /** When given, the outbox replays at once when the API comes back. */
  monitor?: ConnectivityMonitor;
  concurrency?: number;
  /** Applied rows are deleted after this long (default 7 days): their sealed data is useless. */
  keepSentMs?: number;
}

const WEEK_MS = 7 * 24 * 3600_000;

export interface Outbox {
  /** Sends a write through the outbox: applied now, refused now, or queued with a receipt. */
  submit<S extends z.ZodType>(
    request: WriteRequest,
    schema: S,
  ): Promise<Result<WriteOutcome<z.infer<S>>, AppError>>;
  summary(): OutboxSummary;
  /**
   * A password sealed to the pinned key, for a write the caller will submit later (a journey
   * keeps it in memory meanwhile); null when no key is pinned and it cannot be kept.
   */
  sealPassword(password: string): { type: 'sealed'; jwe: string } | null;
  /** Whether a write with a password can wait in the outbox (a sealing key is pinned). */
  readonly canQueuePasswords: boolean;
  readonly store: OutboxStore;
  readonly replayer: Replayer;
  /** Called whenever the summary may have changed. */
  onChange(listener: (summary: OutboxSummary) => void): () => void;
  stop(): Promise<void>;
}

/** Builds the outbox over the journal and starts replaying what an earlier run left pending. */
export function createOutbox(deps: OutboxDeps): Outbox {
  const store = createOutboxStore(deps.db);
  const random = deps.random ?? Math.random;
  const replayer = createReplayer({
    store,
    send: (row) =>
      deps.exchange({
        method: row.method,
        path: row.path,
        body: JSON.parse(row.payloadJson),
        schema: z.unknown(),
        idempotencyKey: row.idempotencyKey,
        retry: false,
      }),
    clock: deps.clock,
    timers: deps.timers,
    random,
    logger: deps.logger,
    concurrency: deps.concurrency,
  });
  const listeners = new Set<(summary: OutboxSummary) => void>();
  const summary = (): OutboxSummary => store.open();
  const notify = () => {
    const current = summary();
    for (const listener of listeners) listener(current);
  };
  const stopAttempts = replayer.onAttempt(notify);

  // Offline → reachable again: nothing is gained by waiting out the backoff.
  let wasOffline = deps.monitor?.current().state === 'offline';
  const stopWatching = deps.monitor?.subscribe((status) => {
    if (wasOffline && status.state !== 'offline') replayer.hurry();
    wasOffline = status.state === 'offline';
  });

  const receiptOf = (row: OutboxRow): OfflineReceipt => ({
    reference: row.reference,
    acceptedAt: new Date(row.createdAt).toISOString(),
  });

  function outcomeOf<S extends z.ZodType>(
    row: OutboxRow,
    schema: S,
  ): Result<WriteOutcome<z.infer<S>>, AppError> {
    if (row.state === 'pending') return ok({ kind: 'queued', receipt: receiptOf(row) });
    if (row.state === 'dead') return err({ code: 'conflict' });
    const parsed = schema.safeParse(JSON.parse(row.resultJson ?? 'null'));
    return parsed.success
      ? ok({ kind: 'applied', value: parsed.data })
      : err({ code: 'malformed_response' });
  }

  /** Waits for the first attempt at a row (it is kicked by the caller right after). */
  function firstAttempt(id: number): Promise<Attempted> {
    return new Promise((resolve) => {
      const stop = replayer.onAttempt((attempt) => {
        if (attempt.row.id !== id) return;
        stop();
        resolve(attempt);
      });
    });
  }

  /** Without a pinned key a password cannot be stored: such a write is online only. */
  async function direct<S extends z.ZodType>(request: WriteRequest, schema: S, key: string) {
    deps.logger.warn('outbox: no sealing key pinned; sending a password write directly', {
      kind: request.kind,
    });
    const { result } = await deps.exchange({
      method: request.method,
      path: request.path,
      body: request.body,
      schema,
      idempotencyKey: key,
    });
    if (result.ok) return ok({ kind: 'applied' as const, value: result.value });
    return err<AppError>(
      isConnectivityError(result.error.code) ? { code: 'not_available_offline' } : result.error,
    );
  }

  function insert(request: WriteRequest, payloadJson: string, key: string): OutboxRow | null {
    const add = carriesCredential(request) ? store.insertCredential : store.insert;
    for (;;) {
      try {
        return add({
          reference: newReference(),
          account: request.account,
          kind: request.kind,
          method: request.method,
          path: request.path,
          payloadJson,
          idempotencyKey: key,
          now: deps.clock.now().getTime(),
        });
      } catch (error) {
        // Only a reference collision (one in 10^11) is worth another try.
        if (!String(error).includes('outbox.reference')) throw error;
      }
    }
  }

  store.pruneSent(deps.clock.now().getTime() - (deps.keepSentMs ?? WEEK_MS));
  replayer.kick();
  return {
    store,
    replayer,
    summary,
    canQueuePasswords: deps.sealer !== null,
    sealPassword: (password) =>
      deps.sealer ? { type: 'sealed', jwe: deps.sealer.seal(password) } : null,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async submit(request, schema) {
      const key = request.idempotencyKey ?? randomUUID();
      const known = store.byKey(key);
      if (known) return outcomeOf(known, schema);
      if (deps.sealer === null && countPlainPasswords(request.body) > 0) {
        return direct(request, schema, key);
      }
      const body = deps.sealer ? sealPasswords(request.body, deps.sealer) : request.body;
      const row = insert(request, JSON.stringify(body), key);
      // A credential of this account already waits: a second one would be a queued guess.
      if (row === null) return err({ code: 'already_pending' });
      notify();
      if (store.aheadOf(row) > 0) {
        // Earlier requests of this account are still waiting: this one goes after them.
        replayer.kick();
        return ok({ kind: 'queued', receipt: receiptOf(row) });
      }
      const attempted = firstAttempt(row.id);
      replayer.kick();
      const { verdict } = await attempted;
      if (verdict.kind === 'dead') {
        // The student sees the refusal now: nothing is left to do, or to keep.
        store.remove(row.id);
        notify();
        return err(verdict.appError);
      }
      return outcomeOf(store.get(row.id)!, schema);
    },
    async stop() {
      stopAttempts();
      stopWatching?.();
      await replayer.stop();
    },
  };
}
