/**
 * A demo kiosk that can be put back to its start without a new process, so that end-to-end tests
 * share one web host per worker and trainers can start each session afresh:
 *   POST /_simulator/reset {}   on the built-in simulator, beside its mailbox and clock controls
 * It exists only in demo mode with the test controls on (GUICHET_SIMULATOR_CONTROLS=1): it takes
 * no credential and deletes the kiosk's data. A JSON body is required, as for the clock, so that
 * a web page cannot send it without a CORS preflight (which the simulator never grants).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Clock, Logger } from '../core/ports';
import type { Dispatch } from '../ipc/dispatch';
import type { KioskEvent } from '../ipc/contract';
import { DatasetError } from '../simulator/dataset';
import { apiError, json } from '../simulator/http';
import { defineRoute } from '../simulator/router';
import type { KioskConfig } from './config';
import { startDemoSimulator, type DemoSimulator } from './demo';
import { DATA_FILES, chooseSecrets, startKiosk, type Kiosk, type KioskDeps } from './kiosk';
import { createLogger } from './logger';
import { loadProfile } from './profile';
import { SECRET_NAMES } from '../secrets/secret-store';

export const RESET_CONTROL_PATH = '/_simulator/reset';

export interface ResettableKiosk extends Kiosk {
  /**
   * Stops the kiosk, deletes its cache and journal (lockout counters, audit, outbox) with what
   * the keychain keeps of that audit log, puts the simulator back to its start (dataset loaded
   * again, clock back, no codes, tokens, e-mails) and starts the kiosk again on it. Resets run
   * one after the other.
   */
  reset(): Promise<void>;
}

/** The SQLite files and their companions (write-ahead log, shared memory, rollback journal). */
function deleteKioskData(dataDir: string): void {
  for (const file of Object.values(DATA_FILES)) {
    for (const suffix of ['', '-wal', '-shm', '-journal']) {
      rmSync(join(dataDir, file + suffix), { force: true });
    }
  }
}

/** The keychain's entries about one journal's audit log (its key, last entry, acknowledged one). */
const AUDIT_SECRETS = [SECRET_NAMES.auditKey, SECRET_NAMES.auditHead, SECRET_NAMES.auditAnchor];

/** Starts a demo kiosk with the reset control; refuses a live kiosk or one without controls. */
export async function startResettableDemoKiosk(
  config: KioskConfig,
  deps: Omit<KioskDeps, 'demo'> = {},
): Promise<ResettableKiosk> {
  if (config.apiUrl !== null || !config.simulatorControls) {
    throw new Error('The reset control exists only in demo mode with the simulator controls on.');
  }
  const logger: Logger = deps.logger ?? createLogger();
  const clock: Clock = deps.clock ?? { now: () => new Date() };
  const secrets = deps.secrets ?? (await chooseSecrets(config, logger));

  let resets: Promise<unknown> = Promise.resolve();
  const resetRoute = defineRoute({
    method: 'POST',
    path: RESET_CONTROL_PATH,
    auth: 'none',
    body: z.object({}).strict(),
    handle: async () => {
      try {
        await reset();
        return json({ reset: true });
      } catch (error) {
        const code = error instanceof DatasetError ? 'invalid_request' : 'internal';
        return apiError(error instanceof DatasetError ? 400 : 500, code, (error as Error).message);
      }
    },
  });
  const demo: DemoSimulator = await startDemoSimulator(
    config,
    secrets,
    clock,
    logger,
    loadProfile(config.profilePath),
    [resetRoute],
  );
  const start = () => startKiosk(config, { logger, clock, secrets, demo });

  // The web host holds these for its whole life; they reach whichever kiosk is current.
  const listeners = new Set<(event: KioskEvent) => void>();
  const follow = (kiosk: Kiosk) =>
    kiosk.subscribe((event) => listeners.forEach((listener) => listener(event)));
  let current = await start();
  follow(current);

  // Calls already made are answered by the kiosk they reached before it stops.
  const inFlight = new Set<Promise<unknown>>();

  function reset(): Promise<void> {
    const run = resets.then(async () => {
      // Loaded before anything stops: a dataset file that no longer parses changes nothing.
      const dataset = demo.loadDataset();
      await Promise.allSettled([...inFlight]);
      // Stopped before the simulator is reset, so no queued write of before reaches the new one.
      await current.close();
      deleteKioskData(config.dataDir);
      // What the keychain keeps of the deleted journal's audit log: the new one starts afresh.
      for (const name of AUDIT_SECRETS) await secrets.delete(name);
      demo.reset(dataset);
      current = await start();
      follow(current);
      logger.info('kiosk: demo reset');
    });
    resets = run.catch(() => {});
    return run;
  }

  const dispatch: Dispatch = async (channel, input) => {
    await resets; // a call made during a reset is answered by the new kiosk
    const call = current.dispatch(channel, input);
    inFlight.add(call);
    try {
      return await call;
    } finally {
      inFlight.delete(call);
    }
  };

  return {
    dispatch,
    get info() {
      return current.info;
    },
    logger,
    demoSimulatorUrl: demo.url,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    syncNow: () => current.syncNow(),
    uploadAudit: () => current.uploadAudit(),
    beatNow: () => current.beatNow(),
    // Always the running kiosk's: a reset starts a new one on fresh counters.
    get limits() {
      return current.limits;
    },
    reset,
    async close() {
      await resets;
      await current.close();
      await demo.close();
    },
  };
}
