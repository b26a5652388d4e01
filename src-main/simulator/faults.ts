/**
 * Faults the simulator can inject into its request pipeline, so that tests meet what a real
 * network and a real service do: latency, bursts of 5xx, 429 with Retry-After, malformed JSON,
 * connections reset after the work was done, and a full outage. Driven by the simulator-only
 * control endpoint POST /_simulator/faults (outside /v1, never part of the API contract).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Reply } from './http';

export const FaultSpec = z
  .object({
    /** Added before every matching request is handled. */
    latencyMs: z.number().int().min(0).max(120_000),
    /** The next N matching requests answer 503 before any work is done. */
    failNext5xx: z.number().int().min(0),
    /** The next `count` matching requests answer 429 with this Retry-After, before any work. */
    rateLimitNext: z.object({
      count: z.number().int().min(0),
      retryAfterSeconds: z.number().int().min(0).max(3600),
    }),
    /** The next N matching requests are handled, then answered with a body that is not JSON. */
    malformedNext: z.number().int().min(0),
    /** The next N matching requests are handled, then their connection is reset unanswered. */
    resetNext: z.number().int().min(0),
    /** Full outage: every matching request's connection is dropped at once. */
    down: z.boolean(),
    /** Which requests the faults apply to: paths starting with this (default every /v1 path). */
    only: z.string().startsWith('/'),
  })
  .strict();
export type FaultSpec = z.infer<typeof FaultSpec>;

export const NO_FAULTS: FaultSpec = {
  latencyMs: 0,
  failNext5xx: 0,
  rateLimitNext: { count: 0, retryAfterSeconds: 0 },
  malformedNext: 0,
  resetNext: 0,
  down: false,
  only: '/v1/',
};

/** What to do with one request before it is handled. */
export type BeforeAction =
  | { kind: 'drop' }
  | { kind: 'reply'; reply: Reply }
  | { kind: 'handle'; after: 'send' | 'reset' | 'malformed' };

export interface Faults {
  current(): FaultSpec;
  /** Merges a partial spec into the current one (POST /_simulator/faults). */
  set(change: Partial<FaultSpec>): FaultSpec;
  clear(): void;
  /** How many requests the faults applied to (matched `only`) so far, whatever became of them. */
  received(): number;
  /** Waits the latency, then decides; counters are consumed here, one per request. */
  before(path: string, sleep?: (ms: number) => Promise<void>): Promise<BeforeAction>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Creates the fault switchboard of one simulator; all off until set. */
export function createFaults(): Faults {
  let spec: FaultSpec = structuredClone(NO_FAULTS);
  let received = 0;
  return {
    current: () => structuredClone(spec),
    set(change) {
      spec = FaultSpec.parse({ ...spec, ...change });
      return structuredClone(spec);
    },
    clear() {
      spec = structuredClone(NO_FAULTS);
    },
    received: () => received,
    async before(path, sleep = wait) {
      if (!path.startsWith(spec.only)) return { kind: 'handle', after: 'send' };
      received += 1;
      if (spec.down) return { kind: 'drop' };
      if (spec.latencyMs > 0) await sleep(spec.latencyMs);
      if (spec.failNext5xx > 0) {
        spec.failNext5xx -= 1;
        const body = { code: 'unavailable', message: 'injected fault' };
        return { kind: 'reply', reply: { status: 503, body } };
      }
      if (spec.rateLimitNext.count > 0) {
        spec.rateLimitNext.count -= 1;
        const headers = { 'retry-after': String(spec.rateLimitNext.retryAfterSeconds) };
        return { kind: 'reply', reply: { status: 429, body: { code: 'rate_limited' }, headers } };
      }
      if (spec.resetNext > 0) {
        spec.resetNext -= 1;
        return { kind: 'handle', after: 'reset' };
      }
      if (spec.malformedNext > 0) {
        spec.malformedNext -= 1;
        return { kind: 'handle', after: 'malformed' };
      }
      return { kind: 'handle', after: 'send' };
    },
  };
}

/** Drops a connection without an answer: the client sees a reset (ECONNRESET). */
export function dropConnection(req: IncomingMessage, res: ServerResponse): void {
  req.socket.resetAndDestroy();
  res.destroy();
}

/** Answers with the reply's status and a truncated, unparsable JSON body. */
export function sendMalformed(res: ServerResponse, reply: Reply): void {
  const text = JSON.stringify(reply.body).slice(0, -1) + ',"';
  res.writeHead(reply.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}
