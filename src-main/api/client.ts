import axios, { type AxiosInstance } from 'axios';
import type { z } from 'zod';
import type { IdentityQuery } from '../core/identity-input';
import type { AccountDirectory, Clock, Logger } from '../core/ports';
import { err, ok, type AppError, type Result } from '../core/result';
import type { StudentRecord } from '../core/student';
import { toAppError } from './errors';
import {
  AccountStatusResponse,
  HealthResponse,
  KioskTokenResponse,
  PATHS,
  StudentWire,
  type KioskTokenRequest,
} from './wire';

export interface ApiClientOptions {
  baseUrl: string;
  /** Each attempt gets its own deadline; a slow API never holds a student for longer. */
  timeoutMs: number;
  /** Reads the device credential (from the keychain) when a token is needed. */
  credential: () => Promise<KioskTokenRequest>;
  clock: Clock;
  logger: Logger;
}

interface Token {
  value: string;
  expiresAt: number;
}

/** Renew a little before expiry so that a request never leaves with a token about to lapse. */
const TOKEN_MARGIN_MS = 30_000;

/** The HTTP client of the central account API: typed results, never exceptions. */
export function createApiClient(options: ApiClientOptions) {
  const http: AxiosInstance = axios.create({
    baseURL: options.baseUrl.replace(/\/+$/, ''),
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    // Status codes are handled below, as data.
    validateStatus: (status) => status >= 200 && status < 300,
    maxRedirects: 0,
    proxy: false,
  });
  let token: Token | null = null;

  async function request<S extends z.ZodType>(
    method: 'get' | 'post',
    path: string,
    schema: S,
    body?: unknown,
    auth = true,
  ): Promise<Result<z.infer<S>, AppError>> {
    const signal = AbortSignal.timeout(options.timeoutMs);
    try {
      const headers: Record<string, string> = {};
      if (auth) headers.authorization = `Bearer ${await bearer()}`;
      const response = await http.request({
        method,
        url: path,
        data: body,
        headers,
        signal,
        timeout: options.timeoutMs,
      });
      const parsed = schema.safeParse(response.data);
      if (!parsed.success) {
        options.logger.warn('api: malformed response', { path: redactPath(path) });
        return err({ code: 'malformed_response' });
      }
      return ok(parsed.data);
    } catch (error) {
      const appError = toAppError(error, options.clock.now());
      if (appError.code === 'auth') token = null;
      options.logger.warn('api: request failed', { path: redactPath(path), code: appError.code });
      return err(appError);
    }
  }

  async function bearer(): Promise<string> {
    if (token && token.expiresAt - TOKEN_MARGIN_MS > options.clock.now().getTime())
      return token.value;
    const credential = await options.credential();
    const answer = await http.post(PATHS.kioskToken, credential, {
      signal: AbortSignal.timeout(options.timeoutMs),
      timeout: options.timeoutMs,
    });
    const parsed = KioskTokenResponse.parse(answer.data);
    token = {
      value: parsed.accessToken,
      expiresAt: options.clock.now().getTime() + parsed.expiresIn * 1000,
    };
    return token.value;
  }

  /** Retries once with a fresh token when the API says the token is no longer valid. */
  async function authed<S extends z.ZodType>(
    method: 'get' | 'post',
    path: string,
    schema: S,
    body?: unknown,
  ) {
    const first = await request(method, path, schema, body);
    if (first.ok || first.error.code !== 'auth') return first;
    return request(method, path, schema, body);
  }

  return {
    health: () => request('get', PATHS.health, HealthResponse, undefined, false),
    identify: (query: IdentityQuery): Promise<Result<StudentRecord, AppError>> =>
      authed('post', PATHS.identify, StudentWire, query),
    accountStatus: (identifier: string) =>
      authed('get', PATHS.account(identifier), AccountStatusResponse),
  } satisfies AccountDirectory & Record<string, unknown>;
}
export type ApiClient = ReturnType<typeof createApiClient>;

/** Keeps identifiers out of logs: only the route's shape is logged. */
function redactPath(path: string): string {
  return path.replace(/\/accounts\/[^/]+/, '/accounts/:id');
}
