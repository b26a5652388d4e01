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
import { payloadAad, resultAad, sealLegacyRows, type AtRest } from './at-rest';
import { newReference } from './reference';
import { createReplayer, type Attempted, type Replayer } from './replayer';
import { rekeyForRetry } from './revive';
import { countPlainPasswords, sealPasswords } from './sealing';
import { directHeaders, payloadOf, requestOf, type StaffAuthor } from './staff-envelope';
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
  /** A staff write (kind `staff.…`): the agent it is done for (staff-envelope.ts). */
  staff?: StaffAuthor;
  /**
   * The answer is needed now (a revealed address, a grant): sent at once with its key and
   * retries, never kept in the journal; no answer is `not_available_offline`.
   */
  onlineOnly?: boolean;
  /**
   * Nobody waits for the answer (an audit batch): a refusal at the first attempt is kept as a
   * dead letter for staff to see, not handed back and forgotten.
   */
  keepRefused?: boolean;
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
  /** Seals bodies and answers in the journal (codes, addresses), under a keychain-held key. */
  atRest: AtRest;
  clock: Clock;
  timers: Timers;
  random?: Random;
  logger: Logger;
  /** When given, the outbox replays at once when the API comes back. */
  monitor?: ConnectivityMonitor;
  concurrency?: number;
  /** Applied rows are deleted after this long (default 7 days): their sealed data is useless. */
  keepSentMs?: number;
  /** Dead letters are deleted after this long (default 30 days; profile outbox setting). */
  keepDeadMs?: number;
}

/** How a queued write ended. */
export interface Settled {
  row: OutboxRow;
  verdict: Exclude<Attempted['verdict'], { kind: 'retry' }>;
}

const DAY_MS = 24 * 3600_000;
/** Pruning runs at start and then this often, so a kiosk that never restarts still prunes. */
export const PRUNE_EVERY_MS = 3600_000;

/** Why a row is dead-lettered without being sent: its body no longer opens. */
const UNREADABLE = {
  result: { ok: false as const, error: { code: 'internal' as const } },
  status: 0,
  apiCode: 'unreadable_at_rest',
};

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
  sealPassword(password: string): Promise<{ type: 'sealed'; jwe: string } | null>;
  /** Whether a write with a password can wait in the outbox (a sealing key is pinned). */
  readonly canQueuePasswords: boolean;
  readonly store: OutboxStore;
  readonly replayer: Replayer;
  /**
   * A queued write's final outcome: applied, or dead-lettered. Writes whose first attempt the
   * student waited for are not reported: the student saw their outcome at once.
   */
  onSettled(listener: (settled: Settled) => void): () => void;
  /** Called whenever the summary may have changed. */
  onChange(listener: (summary: OutboxSummary) => void): () => void;
  stop(): Promise<void>;
}

/** Builds the outbox over the journal and starts replaying what an earlier run left pending. */
export function createOutbox(deps: OutboxDeps): Outbox {
  const { atRest } = deps;
  const raw = createOutboxStore(deps.db, atRest);
  // The API's answer (a redirect address, say) is sealed before it is written.
  const store: OutboxStore = {
    ...raw,
    markSent: (id, now, result) => raw.markSent(id, now, atRest.seal(result, resultAad(id))),
    revive(id, now) {
      const row = raw.get(id);
      return row?.state === 'dead' ? raw.revive(id, now, rekeyForRetry(row, atRest)) : 0;
    },
  };
  const random = deps.random ?? Math.random;
  // A staff write's session token, for its first attempt only: never on disk.
  const sessions = new Map<number, string>();
  const replayer = createReplayer({
    store,
    async send(row) {
      const body = atRest.open(row.payloadJson, payloadAad(row.idempotencyKey));
      // Sealed under a key the keychain no longer has: nothing can send it, it is a dead letter.
      if (body === null) return { ...UNREADABLE, attempts: 0 };
      const session = sessions.get(row.id);
      sessions.delete(row.id);
      return deps.exchange({
        method: row.method,
        path: row.path,
        ...requestOf(row.kind, JSON.parse(body), session),
        schema: z.unknown(),
        idempotencyKey: row.idempotencyKey,
        retry: false,
      });
    },
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
  // Rows whose first attempt a student is waiting for: their outcome is not a queued one.
  const awaited = new Set<number>();
  const settledListeners = new Set<(settled: Settled) => void>();
  const stopAttempts = [
    replayer.onAttempt(notify),
    replayer.onAttempt(({ row, verdict }) => {
      if (verdict.kind === 'retry' || (awaited.has(row.id) && row.attempts === 0)) return;
      for (const listener of settledListeners) listener({ row, verdict });
    }),
  ];

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
    const result = row.resultJson && atRest.open(row.resultJson, resultAad(row.id));
    const parsed = schema.safeParse(JSON.parse(result || 'null'));
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

  /** Sent at once, never stored: online-only writes, and passwords with no key to seal them. */
  async function direct<S extends z.ZodType>(request: WriteRequest, schema: S, key: string) {
    const { result } = await deps.exchange({
      method: request.method,
      path: request.path,
      body: request.body,
      headers: directHeaders(request.staff),
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

  /** Deletes applied rows and dead letters past their time; again every PRUNE_EVERY_MS. */
  let cancelPrune: (() => void) | null = null;
  function prune() {
    const now = deps.clock.now().getTime();
    const sent = store.pruneSent(now - (deps.keepSentMs ?? 7 * DAY_MS));
    const dead = store.pruneDead(now - (deps.keepDeadMs ?? 30 * DAY_MS));
    if (sent + dead > 0) {
      deps.logger.info('outbox: pruned', { sent, dead });
      if (dead > 0) notify();
    }
    cancelPrune = deps.timers.schedule(prune, PRUNE_EVERY_MS);
  }

  const resealed = sealLegacyRows(deps.db, atRest);
  if (resealed > 0)
    deps.logger.info('outbox: sealed rows an older build kept in clear', { resealed });
  prune();
  replayer.kick();
  return {
    store,
    replayer,
    summary,
    canQueuePasswords: deps.sealer !== null,
    sealPassword: async (password) =>
      deps.sealer ? { type: 'sealed', jwe: await deps.sealer.seal(password) } : null,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onSettled(listener) {
      settledListeners.add(listener);
      return () => settledListeners.delete(listener);
    },
    async submit(request, schema) {
      const key = request.idempotencyKey ?? randomUUID();
      // Sealing awaits: done before the key is looked up, so that look-up and insert stay one
      // step that a parallel submit of the same key cannot get between.
      const body = deps.sealer ? await sealPasswords(request.body, deps.sealer) : request.body;
      const known = store.byKey(key);
      if (known) return outcomeOf(known, schema);
      if (request.onlineOnly) return direct(request, schema, key);
      if (deps.sealer === null && countPlainPasswords(request.body) > 0) {
        deps.logger.warn('outbox: no sealing key pinned; sending a password write directly', {
          kind: request.kind,
        });
        return direct(request, schema, key);
      }
      const payload = JSON.stringify(payloadOf(request.kind, body, request.staff));
      const row = insert(request, atRest.seal(payload, payloadAad(key)), key);
      // A credential of this account already waits: a second one would be a queued guess.
      if (row === null) return err({ code: 'already_pending' });
      notify();
      if (store.aheadOf(row) > 0) {
        // Earlier requests of this account are still waiting: this one goes after them.
        replayer.kick();
        return ok({ kind: 'queued', receipt: receiptOf(row) });
      }
      if (request.staff?.session) sessions.set(row.id, request.staff.session);
      const attempted = firstAttempt(row.id);
      awaited.add(row.id);
      replayer.kick();
      const { verdict } = await attempted;
      awaited.delete(row.id);
      if (verdict.kind === 'dead') {
        // The student sees the refusal now: nothing is left to do, or to keep.
        if (!request.keepRefused) store.remove(row.id);
        notify();
        return err(verdict.appError);
      }
      return outcomeOf(store.get(row.id)!, schema);
    },
    async stop() {
      cancelPrune?.();
      stopAttempts.forEach((stop) => stop());
      stopWatching?.();
      await replayer.stop();
    },
  };
}
