/**
 * Shared by the outbox, fault and crash tests: a population of active students with passwords,
 * an in-process simulator with its control endpoints, and a kiosk-side transport to it.
 */
import { createResilience, type RetryPolicy } from '../../src-main/api/resilience/resilience';
import { realTimers, type Timers } from '../../src-main/api/resilience/timers';
import { createTransport } from '../../src-main/api/transport';
import { SEALING_PATH, SealingKeyResponse } from '../../src-main/api/wire-sealing';
import { silentLogger } from '../../src-main/app/logger';
import type { Clock } from '../../src-main/core/ports';
import { createAtRest } from '../../src-main/outbox/at-rest';
import { checkSealingKey, createSealer } from '../../src-main/secrets/sealing';
import { DEMO_DEVICE, parseDataset, type Dataset } from '../../src-main/simulator/dataset';
import {
  createSimulator,
  type Simulator,
  type SimulatorDeps,
} from '../../src-main/simulator/server';
import { THIS_YEAR } from './dataset';

export const realClock: Clock = { now: () => new Date() };

/**
 * The journal's at-rest sealing for tests, under a fixed key so that a crash test's parent and
 * child processes open each other's rows (a kiosk derives its key from the keychain's).
 */
export const testAtRest = createAtRest(Buffer.alloc(32, 0x5c));

/** The n-th password of a student's chain: strong enough for the policy, never a word. */
export function chainPassword(student: number, step: number): string {
  return `Vq7-Lm${student}x${step}-Rt4p`;
}

/** The identifier of the i-th synthetic student. */
export const studentId = (i: number) => `etu${String(i).padStart(5, '0')}`;

/** `count` active students, each with password chainPassword(i, 0). */
export function activeStudents(count: number): Dataset {
  const [start] = THIS_YEAR.split('-');
  return parseDataset({
    students: Array.from({ length: count }, (_, i) => ({
      studentNumber: String(30_000_000 + i),
      birthDate: '2002-05-17',
      firstName: 'Camille',
      lastName: `Essai${i}`,
      identifier: studentId(i),
      personalEmail: `camille.${i}@example.org`,
      enrollments: [
        { academicYear: THIS_YEAR, program: 'Licence 1', validatedAt: `${start}-09-02T08:15:00Z` },
      ],
      account: { status: 'active', activatedAt: `${start}-09-03T08:15:00Z`, leavingYear: null },
      password: chainPassword(i, 0),
    })),
    staff: [],
  });
}

/** An in-process simulator with its control endpoints, on a free port of 127.0.0.1. */
export async function startTestSimulator(
  dataset: Dataset,
  extra: Partial<SimulatorDeps> & { port?: number } = {},
): Promise<{ simulator: Simulator; url: string; port: number }> {
  const { port: wanted = 0, ...deps } = extra;
  const simulator = createSimulator({ dataset, clock: realClock, control: true, ...deps });
  const { url, port } = await simulator.listen(wanted);
  return { simulator, url, port };
}

/** Retries that do not make a test wait: tiny delays, same logic. */
export const QUICK_RETRY: Partial<RetryPolicy> = { baseMs: 5, capMs: 20, budgetMs: 5_000 };

/** A kiosk-side transport with the demo device's credential and its own breaker. */
export function kioskTransport(
  url: string,
  options: {
    timeoutMs?: number;
    retry?: Partial<RetryPolicy>;
    timers?: Timers;
    failureThreshold?: number;
  } = {},
) {
  const resilience = createResilience({
    clock: realClock,
    retry: options.retry ?? QUICK_RETRY,
    failureThreshold: options.failureThreshold ?? 1000,
    cooldownMs: 60_000,
  });
  const transport = createTransport({
    baseUrl: url,
    timeoutMs: options.timeoutMs ?? 2_000,
    credential: async () => ({ ...DEMO_DEVICE }),
    clock: realClock,
    logger: silentLogger,
    resilience,
    timers: options.timers ?? realTimers,
  });
  return { ...transport, resilience };
}

/** Fetches and checks the simulator's sealing key, as provisioning pins it. */
export async function fetchSealer(url: string) {
  const { call } = kioskTransport(url);
  const answer = await call({ method: 'get', path: SEALING_PATH, schema: SealingKeyResponse });
  if (!answer.ok) throw new Error(`sealing key: ${answer.error.code}`);
  return createSealer(checkSealingKey(answer.value));
}
