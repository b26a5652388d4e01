/**
 * The outbox table (journal migrations 3, 4 and 7): small queries, the database first. The
 * account a row waits for is kept as a keyed tag (`account`: replay stays first in, first out
 * per account) and sealed (`account_sealed`), and the path (which names the account) is sealed:
 * the disk alone does not say whose writes wait. Rows read back carry both in clear.
 */
import type { Db } from '../store/database';
import { accountAad, pathAad, type AtRest } from './at-rest';

export type OutboxState = 'pending' | 'sent' | 'dead';

/** Writes that carry a password the API checks (the current one, or the mail login's). */
export const PASSWORD_KINDS: readonly string[] = ['password.change', 'mail.redirection'];

/**
 * Writes that carry a credential (a password to check, or an e-mailed code): at most one of them
 * may wait per account, so that a queue cannot hold a list of guesses for the API to try.
 */
export const CREDENTIAL_KINDS: readonly string[] = [
  ...PASSWORD_KINDS,
  'activation',
  'password.reset',
];
export type WriteMethod = 'post' | 'put' | 'delete';

/** A write to the central API, as the kiosk keeps it until the API has answered it. */
export interface OutboxRow {
  id: number;
  reference: string;
  /** The account identifier: replay is first in, first out per account. */
  account: string;
  /** What the write is ("password.change", "activation", …), for logs and staff screens. */
  kind: string;
  method: WriteMethod;
  path: string;
  /**
   * The JSON body, passwords sealed to the API, the whole sealed at rest (at-rest.ts); emptied
   * once the API applied it.
   */
  payloadJson: string;
  idempotencyKey: string;
  state: OutboxState;
  attempts: number;
  /** Attempts the API answered 429 (journal migration 4). */
  limitedAttempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  createdAt: number;
  settledAt: number | null;
  resultJson: string | null;
}

export type NewRow = Pick<
  OutboxRow,
  'reference' | 'account' | 'kind' | 'method' | 'path' | 'payloadJson' | 'idempotencyKey'
> & { now: number };

interface RawRow {
  id: number;
  reference: string;
  account: string;
  account_sealed: string | null;
  kind: string;
  method: WriteMethod;
  path: string;
  payload_json: string;
  idempotency_key: string;
  state: OutboxState;
  attempts: number;
  limited_attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  created_at: number;
  settled_at: number | null;
  result_json: string | null;
}

// A row written before migration 7 (account_sealed null) is sealed at start (at-rest.ts); one
// that does not open (the keychain was reset) reads as empty and is dead-lettered when sent.
const fromRawWith =
  (atRest: AtRest) =>
  (r: RawRow): OutboxRow => ({
    id: r.id,
    reference: r.reference,
    account:
      r.account_sealed === null
        ? r.account
        : (atRest.open(r.account_sealed, accountAad(r.reference)) ?? ''),
    kind: r.kind,
    method: r.method,
    path: r.account_sealed === null ? r.path : (atRest.open(r.path, pathAad(r.reference)) ?? ''),
    payloadJson: r.payload_json,
    idempotencyKey: r.idempotency_key,
    state: r.state,
    attempts: r.attempts,
    limitedAttempts: r.limited_attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    createdAt: r.created_at,
    settledAt: r.settled_at,
    resultJson: r.result_json,
  });

// The oldest pending row of each account: only it may be sent (FIFO per account). Rows are
// read in the order of the outbox_due index, so that a LIMIT stops the scan early.
const HEADS = `
  FROM outbox o INDEXED BY outbox_due
  WHERE o.state = 'pending'
    AND o.id = (SELECT min(p.id) FROM outbox p WHERE p.state = 'pending' AND p.account = o.account)`;

/** The outbox's queries, prepared once; `atRest` keys and seals the account and the path. */
export function createOutboxStore(db: Db, atRest: AtRest) {
  const fromRaw = fromRawWith(atRest);
  const insertRow = db.prepare(`
    INSERT INTO outbox (reference, account, account_sealed, kind, method, path, payload_json,
                        idempotency_key, state, next_attempt_at, created_at)
    VALUES (@reference, @accountTag, @accountSealed, @kind, @method, @sealedPath, @payloadJson,
            @idempotencyKey, 'pending', @now, @now)`);
  const insert = {
    run: (row: NewRow) =>
      insertRow.run({
        ...row,
        accountTag: atRest.tag(row.account),
        accountSealed: atRest.seal(row.account, accountAad(row.reference)),
        sealedPath: atRest.seal(row.path, pathAad(row.reference)),
      }),
  };
  const byId = db.prepare<[number], RawRow>('SELECT * FROM outbox WHERE id = ?');
  const byKey = db.prepare<[string], RawRow>('SELECT * FROM outbox WHERE idempotency_key = ?');
  const byReference = db.prepare<[string], RawRow>('SELECT * FROM outbox WHERE reference = ?');
  const dueHeads = db.prepare<[number, number], RawRow>(
    `SELECT o.* ${HEADS} AND o.next_attempt_at <= ? ORDER BY o.next_attempt_at, o.id LIMIT ?`,
  );
  const nextDue = db
    .prepare<[], number>(
      `SELECT o.next_attempt_at ${HEADS} ORDER BY o.next_attempt_at, o.id LIMIT 1`,
    )
    .pluck();
  const pendingBefore = db
    .prepare<[string, number], number>(
      "SELECT count(*) FROM outbox WHERE state = 'pending' AND account = ? AND id < ?",
    )
    .pluck();
  // An applied body is never sent again: its codes and sealed passwords are dropped at once.
  const sent = db.prepare(`
    UPDATE outbox SET state = 'sent', attempts = attempts + 1, settled_at = @now,
                      result_json = @result, last_error = NULL, payload_json = ''
    WHERE id = @id AND state = 'pending'`);
  const retry = db.prepare(`
    UPDATE outbox SET attempts = attempts + 1, next_attempt_at = @nextAt, last_error = @error,
                      limited_attempts = limited_attempts + @limited
    WHERE id = @id AND state = 'pending'`);
  const dead = db.prepare(`
    UPDATE outbox SET state = 'dead', attempts = attempts + 1, settled_at = @now,
                      last_error = @error
    WHERE id = @id AND state = 'pending'`);
  const remove = db.prepare('DELETE FROM outbox WHERE id = ?');
  const hurry = db.prepare(
    "UPDATE outbox SET next_attempt_at = @now WHERE state = 'pending' AND next_attempt_at > @now",
  );
  const counts = db.prepare<[], { state: OutboxState; n: number }>(
    'SELECT state, count(*) AS n FROM outbox GROUP BY state',
  );
  const pendingCount = db
    .prepare<[], number>("SELECT count(*) FROM outbox WHERE state = 'pending'")
    .pluck();
  const pendingKinds = db.prepare<[], { kind: string; pending: number }>(
    "SELECT kind, count(*) AS pending FROM outbox WHERE state = 'pending' GROUP BY kind ORDER BY kind",
  );
  const deadCount = db
    .prepare<[], number>("SELECT count(*) FROM outbox WHERE state = 'dead'")
    .pluck();
  const prune = db.prepare("DELETE FROM outbox WHERE state = 'sent' AND settled_at < ?");
  const pruneDead = db.prepare("DELETE FROM outbox WHERE state = 'dead' AND settled_at < ?");
  const kindList = CREDENTIAL_KINDS.map((k) => `'${k}'`).join(', ');
  const pendingCredentials = db
    .prepare<[string], number>(
      `SELECT count(*) FROM outbox WHERE state = 'pending' AND account = ? AND kind IN (${kindList})`,
    )
    .pluck();
  const deadRows = db.prepare<[], RawRow>("SELECT * FROM outbox WHERE state = 'dead' ORDER BY id");
  // A dead letter goes back to the queue, due now, under its key unless given a new one (with
  // its payload sealed again for it: see revive.ts).
  const revive = db.prepare(`
    UPDATE outbox SET state = 'pending', next_attempt_at = @now, settled_at = NULL,
                      last_error = NULL, limited_attempts = 0,
                      idempotency_key = coalesce(@key, idempotency_key),
                      payload_json = coalesce(@payloadJson, payload_json)
    WHERE id = @id AND state = 'dead'`);
  const removeDead = db.prepare("DELETE FROM outbox WHERE id = ? AND state = 'dead'");
  const byAccount = db.prepare<[string], RawRow>(
    'SELECT * FROM outbox WHERE account = ? ORDER BY id',
  );
  const insertCredential = db.transaction((row: NewRow): number | null => {
    if (pendingCredentials.get(atRest.tag(row.account))! > 0) return null;
    return Number(insert.run(row).lastInsertRowid);
  });

  return {
    /** Commits a new pending row; its Idempotency-Key is on disk before anything is sent. */
    insert(row: NewRow): OutboxRow {
      const id = Number(insert.run(row).lastInsertRowid);
      return fromRaw(byId.get(id)!);
    },
    /**
     * Commits a new pending row carrying a credential, unless one already waits for the same
     * account (null then): checked and inserted in one transaction.
     */
    insertCredential(row: NewRow): OutboxRow | null {
      const id = insertCredential.immediate(row);
      return id === null ? null : fromRaw(byId.get(id)!);
    },
    get: (id: number) => {
      const row = byId.get(id);
      return row ? fromRaw(row) : null;
    },
    byKey: (key: string) => {
      const row = byKey.get(key);
      return row ? fromRaw(row) : null;
    },
    byReference: (reference: string) => {
      const row = byReference.get(reference);
      return row ? fromRaw(row) : null;
    },
    /** Heads of their account's queue whose time has come, most overdue first. */
    dueHeads: (now: number, limit: number) => dueHeads.all(now, limit).map(fromRaw),
    /** When the next head becomes due; null when nothing is pending. */
    nextDueAt: () => nextDue.get() ?? null,
    /** Pending rows of the same account queued before this one. */
    aheadOf: (row: Pick<OutboxRow, 'account' | 'id'>) =>
      pendingBefore.get(atRest.tag(row.account), row.id)!,
    markSent: (id: number, now: number, result: string) => sent.run({ id, now, result }).changes,
    /** Plans the next attempt; `limited` when the API answered 429 to this one. */
    markRetry: (id: number, nextAt: number, error: string, limited = false) =>
      retry.run({ id, nextAt, error, limited: limited ? 1 : 0 }).changes,
    markDead: (id: number, now: number, error: string) => dead.run({ id, now, error }).changes,
    /** Forgets a row the student saw refused at once: nothing is left to do or to show. */
    remove: (id: number) => remove.run(id).changes,
    /** Makes every waiting row due now: the API is back, there is no reason to wait. */
    hurry: (now: number) => hurry.run({ now }).changes,
    /** Rows waiting and dead letters: cheap (partial indexes), read after every attempt. */
    open: () => ({ pending: pendingCount.get()!, dead: deadCount.get()! }),
    /** Rows waiting, by kind (the heartbeat). */
    pendingByKind: () => pendingKinds.all(),
    /** Every state's count, sent rows included (a full scan: tests, benchmarks, staff). */
    summary() {
      const out = { pending: 0, sent: 0, dead: 0 };
      for (const { state, n } of counts.all()) out[state] = n;
      return out;
    },
    /** This kiosk's dead letters, oldest first (staff mode). */
    deadLetters: () => deadRows.all().map(fromRaw),
    /**
     * Puts a dead letter back in the queue, due now (under a new key and payload when given);
     * 0 when `id` is not a dead letter.
     */
    revive: (id: number, now: number, rekeyed?: { key: string; payloadJson: string }) =>
      revive.run({
        id,
        now,
        key: rekeyed?.key ?? null,
        payloadJson: rekeyed?.payloadJson ?? null,
      }).changes,
    /** Deletes a dead letter a staff member discarded; 0 when `id` is not a dead letter. */
    discardDead: (id: number) => removeDead.run(id).changes,
    /** Every row of one account, whatever its state, oldest first (staff timeline). */
    byAccount: (account: string) => byAccount.all(atRest.tag(account)).map(fromRaw),
    /** Deletes rows the API applied before `before` (they hold sealed data nobody needs). */
    pruneSent: (before: number) => prune.run(before).changes,
    /** Deletes dead letters settled before `before`: their sealed passwords cannot wait forever. */
    pruneDead: (before: number) => pruneDead.run(before).changes,
  };
}
export type OutboxStore = ReturnType<typeof createOutboxStore>;
