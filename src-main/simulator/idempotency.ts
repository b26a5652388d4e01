/**
 * Idempotency-Key for every write route, in the request pipeline rather than in each handler:
 * the first answer to a key is kept (per kiosk, 24 h) and any repeat gets it back, marked
 * `Idempotent-Replayed: true`, without the work being done again.
 */
import { createHash } from 'node:crypto';
import type { Clock } from '../core/ports';
import type { Reply } from './http';

/** How long a key's answer is kept (resources/openapi.yaml: at least 24 hours). */
export const IDEMPOTENCY_TTL_MS = 24 * 3600_000;
const KEY_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;

/** One keyed write the simulator actually performed (a replayed repeat is not one). */
export interface PerformedWrite {
  route: string;
  idempotencyKey: string | null;
  status: number;
  at: string;
}

interface Entry {
  fingerprint: string;
  storedAt: number;
  reply: Reply | null;
}

export interface WriteRequest {
  method: string;
  /** The route template ("POST /v1/accounts/:identifier/password/change"). */
  route: string;
  /** The concrete path: a key reused on another account is a different request. */
  path: string;
  deviceId: string | null;
  key: string | undefined;
  bodyText: string;
}

/** What the store tells the work it runs for a key. */
export interface KeyedAttempt {
  /**
   * True when an earlier attempt with this key and this very request claimed it and never
   * answered (its instance died, or its answer could not be stored): its write may be done.
   */
  resumed: boolean;
}

export interface IdempotencyStore {
  /** Runs `work` once per key; repeats get the first answer, a mismatch 422, a race 409. */
  run(
    request: WriteRequest,
    work: (attempt: KeyedAttempt) => Reply | Promise<Reply>,
  ): Promise<Reply>;
  /** Writes performed, oldest first: what tests count to prove "exactly once". */
  performed(): readonly PerformedWrite[];
}

function errorReply(status: number, code: string, message: string): Reply {
  return { status, body: { code, message } };
}

/** Answers worth keeping: not 5xx (the work failed, a retry should do it) nor 429 (not done). */
function isFinal(reply: Reply): boolean {
  return reply.status < 500 && reply.status !== 429;
}

/** Creates the store; entries live in memory, like the rest of the simulator's state. */
export function createIdempotencyStore(clock: Clock): IdempotencyStore {
  const entries = new Map<string, Entry>();
  const performed: PerformedWrite[] = [];

  function prune(now: number) {
    for (const [key, entry] of entries) {
      if (now - entry.storedAt <= IDEMPOTENCY_TTL_MS) break;
      entries.delete(key);
    }
  }

  async function perform(
    request: WriteRequest,
    work: (attempt: KeyedAttempt) => Reply | Promise<Reply>,
  ) {
    // Memory does not outlive a crash: no attempt here ever resumes another.
    const reply = await work({ resumed: false });
    performed.push({
      route: request.route,
      idempotencyKey: request.key ?? null,
      status: reply.status,
      at: clock.now().toISOString(),
    });
    return reply;
  }

  return {
    async run(request, work) {
      if (request.method === 'GET') return work({ resumed: false });
      if (request.key === undefined) return work({ resumed: false });
      if (!KEY_PATTERN.test(request.key)) {
        return errorReply(
          400,
          'invalid_request',
          'Idempotency-Key must be 16 to 128 of A-Z a-z 0-9 _ -',
        );
      }
      const now = clock.now().getTime();
      prune(now);
      const scope = `${request.deviceId ?? '-'}\u0000${request.key}`;
      const fingerprint = createHash('sha256')
        .update(`${request.method} ${request.path}\u0000${request.bodyText}`)
        .digest('base64url');
      const entry = entries.get(scope);
      if (entry) {
        if (entry.fingerprint !== fingerprint) {
          return errorReply(422, 'idempotency_key_reused', 'this key was used for another request');
        }
        if (entry.reply === null) {
          return errorReply(
            409,
            'idempotency_in_progress',
            'the first request with this key is still running',
          );
        }
        return {
          ...entry.reply,
          headers: { ...entry.reply.headers, 'idempotent-replayed': 'true' },
        };
      }
      const claimed: Entry = { fingerprint, storedAt: now, reply: null };
      entries.set(scope, claimed);
      try {
        const reply = await perform(request, work);
        if (isFinal(reply)) claimed.reply = reply;
        else entries.delete(scope);
        return reply;
      } catch (error) {
        entries.delete(scope);
        throw error;
      }
    },
    performed: () => performed,
  };
}
