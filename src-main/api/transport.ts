import axios, { AxiosError, type AxiosInstance } from 'axios';
import type { z } from 'zod';
import type { Clock, Logger } from '../core/ports';
import { err, ok, type AppError, type Result } from '../core/result';
import { toAppError } from './errors';
import { createResilience, type Resilience, type RetryPolicy } from './resilience/resilience';
import { retryDelay, type Random } from './resilience/backoff';
import type { Outcome } from './resilience/connectivity';
import { realTimers, type Timers } from './resilience/timers';
import { ErrorBody, KioskTokenResponse, PATHS, type KioskTokenRequest } from './wire';

export interface TransportOptions {
  baseUrl: string;
  /** Each attempt gets its own deadline; a slow API never holds a student for longer. */
  timeoutMs: number;
  /** Reads the device credential (from the keychain) when a token is needed. */
  credential: () => Promise<KioskTokenRequest>;
  clock: Clock;
  logger: Logger;
  /**
   * Breaker and connectivity monitor shared by every transport of a kiosk (API client, outbox,
   * health probes). A transport made without one gets its own.
   */
  resilience?: Resilience;
  /** Retries of idempotent calls; see DEFAULT_RETRY. */
  retry?: Partial<RetryPolicy>;
  random?: Random;
  timers?: Timers;
}

/** One call to the central API. */
export interface CallSpec<S extends z.ZodType> {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  /** The schema of the 2xx body; anything else is `malformed_response`. */
  schema: S;
  body?: unknown;
  query?: Record<string, string | number>;
  /** Kiosk bearer token (default true). */
  auth?: boolean;
  /** Writes carry one; the server answers a repeated key with the first result. */
  idempotencyKey?: string;
  /** Extra headers (e.g. a student session). Never logged. */
  headers?: Record<string, string>;
  /**
   * Retry network errors, timeouts, 5xx and 429? Default: only calls that are safe to repeat,
   * GETs and writes carrying an Idempotency-Key. The outbox says false: it retries durably.
   */
  retry?: boolean;
  /** Total time for all attempts and waits (default: the retry policy's budget). */
  budgetMs?: number;
  /** Health probes go out even while the breaker is open: they are how it learns to close. */
  probe?: boolean;
}

/** A call's result with what the HTTP exchange said, for callers that keep a record (outbox). */
export interface Exchange<T> {
  result: Result<T, AppError>;
  /** The HTTP status of the last attempt; null when no answer came. */
  status: number | null;
  /** The API's error code (ErrorBody.code) of the last attempt, if any. */
  apiCode: string | null;
  attempts: number;
}

export type Call = <S extends z.ZodType>(
  spec: CallSpec<S>,
) => Promise<Result<z.infer<S>, AppError>>;
export type Exchanger = <S extends z.ZodType>(spec: CallSpec<S>) => Promise<Exchange<z.infer<S>>>;

interface Token {
  value: string;
  expiresAt: number;
}

/** Renew a little before expiry so that a request never leaves with a token about to lapse. */
const TOKEN_MARGIN_MS = 30_000;
/** Errors worth another attempt: nobody answered, or the server failed or asked us to wait. */
const RETRYABLE = new Set<AppError['code']>([
  'network',
  'timeout',
  'unavailable',
  'server',
  'rate_limited',
  'malformed_response',
]);

/** Keeps identifiers out of logs: only the route's shape is logged. */
export function redactPath(path: string): string {
  return path.replace(/\/accounts\/[^/?]+/, '/accounts/:id');
}

/** How an attempt's result counts for the breaker and the connectivity monitor. */
function outcomeOf(result: Result<unknown, AppError>, elapsedMs: number, slowMs: number): Outcome {
  if (result.ok) return elapsedMs > slowMs ? 'slow' : 'ok';
  switch (result.error.code) {
    case 'network':
    case 'timeout':
      return 'unreachable';
    case 'unavailable':
    case 'server':
    case 'malformed_response':
      return 'failed';
    case 'rate_limited':
      return 'limited';
    default:
      // A refusal is an answer: the API is there.
      return 'ok';
  }
}

/**
 * HTTP to the central API: bearer token from the device credential, a new deadline (abort
 * signal) per attempt, typed results (never exceptions), one retry with a fresh token when the
 * API says the token is no longer valid, retries with full-jitter backoff (or Retry-After) for
 * calls safe to repeat within a total budget, and a circuit breaker that answers at once while
 * the API is down.
 */
export function createTransport(options: TransportOptions): { call: Call; exchange: Exchanger } {
  const http: AxiosInstance = axios.create({
    baseURL: options.baseUrl.replace(/\/+$/, ''),
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    // Status codes are handled as data.
    validateStatus: (status) => status >= 200 && status < 300,
    maxRedirects: 0,
    proxy: false,
  });
  const resilience = options.resilience ?? createResilience({ clock: options.clock });
  const policy = { ...resilience.retry, ...options.retry };
  const random = options.random ?? Math.random;
  const timers = options.timers ?? realTimers;
  const now = () => options.clock.now().getTime();
  let token: Token | null = null;

  async function bearer(timeoutMs: number): Promise<string> {
    if (token && token.expiresAt - TOKEN_MARGIN_MS > now()) return token.value;
    const credential = await options.credential();
    const answer = await http.post(PATHS.kioskToken, credential, {
      signal: AbortSignal.timeout(timeoutMs),
      timeout: timeoutMs,
    });
    const parsed = KioskTokenResponse.parse(answer.data);
    token = { value: parsed.accessToken, expiresAt: now() + parsed.expiresIn * 1000 };
    return token.value;
  }

  type Attempt<T> = Omit<Exchange<T>, 'attempts'>;

  async function attempt<S extends z.ZodType>(
    spec: CallSpec<S>,
    timeoutMs: number,
  ): Promise<Attempt<z.infer<S>>> {
    try {
      const headers: Record<string, string> = { ...spec.headers };
      if (spec.auth !== false) headers.authorization = `Bearer ${await bearer(timeoutMs)}`;
      if (spec.idempotencyKey) headers['idempotency-key'] = spec.idempotencyKey;
      const response = await http.request({
        method: spec.method,
        url: spec.path,
        params: spec.query,
        data: spec.body,
        headers,
        // A new signal for every attempt: a spent one would abort the retry at once.
        signal: AbortSignal.timeout(timeoutMs),
        timeout: timeoutMs,
      });
      const parsed = spec.schema.safeParse(response.data);
      if (!parsed.success) {
        options.logger.warn('api: malformed response', { path: redactPath(spec.path) });
        return {
          result: err({ code: 'malformed_response' }),
          status: response.status,
          apiCode: null,
        };
      }
      return { result: ok(parsed.data), status: response.status, apiCode: null };
    } catch (error) {
      const appError = toAppError(error, options.clock.now());
      if (appError.code === 'auth') token = null;
      // A failed health probe repeats every few seconds while offline: the change of state
      // (offline: connectivity) is what an operator needs, each probe only when debugging.
      const fields = { path: redactPath(spec.path), code: appError.code };
      if (spec.probe) options.logger.debug('api: probe failed', fields);
      else options.logger.warn('api: request failed', fields);
      const response = error instanceof AxiosError ? error.response : undefined;
      const body = ErrorBody.safeParse(response?.data);
      return {
        result: err(appError),
        status: response?.status ?? null,
        apiCode: body.success ? body.data.code : null,
      };
    }
  }

  /** One attempt through the breaker, recorded, with one token renewal on 401. */
  async function guarded<S extends z.ZodType>(spec: CallSpec<S>, timeoutMs: number) {
    if (!spec.probe && !resilience.breaker.allow()) {
      return { result: err<AppError>({ code: 'unavailable' }), status: null, apiCode: null };
    }
    const started = now();
    let outcome = await attempt(spec, timeoutMs);
    if (!outcome.result.ok && outcome.result.error.code === 'auth' && spec.auth !== false) {
      outcome = await attempt(spec, timeoutMs);
    }
    const elapsedMs = now() - started;
    // An answer from the API (a refusal included) has a latency; a breaker's refusal has none.
    const answered = outcome.status !== null || outcome.result.ok;
    resilience.record(
      outcomeOf(outcome.result, elapsedMs, policy.slowMs),
      answered ? elapsedMs : undefined,
    );
    return outcome;
  }

  async function exchange<S extends z.ZodType>(spec: CallSpec<S>): Promise<Exchange<z.infer<S>>> {
    const retrying = spec.retry ?? (spec.method === 'get' || spec.idempotencyKey !== undefined);
    const maxAttempts = retrying ? policy.maxAttempts : 1;
    const deadline = now() + (spec.budgetMs ?? policy.budgetMs);
    for (let attempts = 1; ; attempts += 1) {
      const timeoutMs = Math.max(1, Math.min(options.timeoutMs, deadline - now()));
      const outcome = await guarded(spec, timeoutMs);
      const { result } = outcome;
      if (result.ok || !RETRYABLE.has(result.error.code) || attempts >= maxAttempts) {
        return { ...outcome, attempts };
      }
      const delay = retryDelay(attempts - 1, policy, random, result.error.retryAfterSeconds);
      // Waiting past the budget helps nobody: the caller answers from its cache or queues.
      if (now() + delay >= deadline) return { ...outcome, attempts };
      await timers.sleep(delay);
    }
  }

  return {
    async call(spec) {
      return (await exchange(spec)).result;
    },
    exchange,
  };
}
