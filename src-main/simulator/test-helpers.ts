/** Shared by the simulator's tests: a clock the test moves, and a started simulator. */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../core/ports';
import { DEMO_DEVICE, type Dataset } from './dataset';
import { createSimulator, type Simulator, type SimulatorDeps } from './server';

/** A clock that only moves when the test says so. */
export function manualClock(start: string): Clock & { advance(ms: number): void } {
  let now = new Date(start).getTime();
  return { now: () => new Date(now), advance: (ms) => (now += ms) };
}

export interface Running {
  simulator: Simulator;
  url: string;
  /**
   * fetch() against the simulator, JSON in and out. A write gets a fresh Idempotency-Key, as
   * the kiosk sends one, unless the test gives its own or `idempotencyKey: null` (none).
   */
  call(
    method: string,
    path: string,
    options?: {
      body?: unknown;
      rawBody?: string;
      token?: string;
      headers?: Record<string, string>;
      idempotencyKey?: string | null;
    },
  ): Promise<{ status: number; headers: Headers; body: unknown }>;
  /** A fresh bearer token for the demo device. */
  token(): Promise<string>;
}

/** Starts a simulator on a free port; the caller closes it. */
export async function startSimulator(
  dataset: Dataset,
  clock: Clock,
  extra: Partial<SimulatorDeps> = {},
): Promise<Running> {
  const simulator = createSimulator({ dataset, clock, ...extra });
  const { url } = await simulator.listen();
  const call: Running['call'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const key = options.idempotencyKey === undefined ? randomUUID() : options.idempotencyKey;
    if (method !== 'GET' && key !== null) headers['idempotency-key'] ??= key;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const response = await fetch(url + path, { method, headers, body });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: JSON.parse(text) };
  };
  const token = async () => {
    const answer = await call('POST', '/v1/kiosk/token', { body: DEMO_DEVICE });
    return (answer.body as { accessToken: string }).accessToken;
  };
  return { simulator, url, call, token };
}
