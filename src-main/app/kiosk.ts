import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApiClient } from '../api/client';
import { KioskTokenRequest } from '../api/wire';
import { createIdentify } from '../core/identify';
import type { Clock, Logger } from '../core/ports';
import { createDispatch, type Dispatch } from '../ipc/dispatch';
import type { KioskInfo } from '../ipc/contract';
import { createHandlers } from '../ipc/handlers';
import { createKeytarStore, probeKeychain } from '../secrets/keytar-store';
import { createLookupKeys, createRecordKeys, loadOrCreateLookupKey } from '../secrets/lookup-keys';
import { createMemoryStore } from '../secrets/memory-store';
import { SECRET_NAMES, type SecretStore } from '../secrets/secret-store';
import { openDatabase } from '../store/database';
import { createDirectoryCache } from '../store/directory-cache';
import { openCacheDatabase } from '../store/directory-open';
import { createLockoutStore } from '../store/lockout-store';
import { createLockout } from '../core/lockout';
import type { AppError, Result } from '../core/result';
import { createDirectorySync } from '../sync/directory-sync';
import type { SyncReport } from '../sync/engine';
import { createAuditLog } from '../store/journal';
import { JOURNAL_MIGRATIONS } from '../store/journal-migrations';
import type { KioskConfig } from './config';
import { createLogger } from './logger';
import { APP_ROOT } from './paths';
import { loadProfile } from './profile';
import { startDemoSimulator, type DemoSimulator } from './demo';
import { createJourneyServices } from './journey-services';
import { startOffline } from './offline';
import { withOutbox } from '../outbox/account-writes';
import type { KioskEvent } from '../ipc/contract';

/** A running kiosk back end: what the Electron shell and the web host both serve. */
export interface Kiosk {
  dispatch: Dispatch;
  info: KioskInfo;
  logger: Logger;
  /** Events for the renderer (connectivity, outbox); returns the unsubscribe function. */
  subscribe(listener: (event: KioskEvent) => void): () => void;
  /** Syncs the directory cache now (it also runs at start and on the profile's schedule). */
  syncNow(): Promise<Result<SyncReport, AppError>>;
  /** Demo mode: the built-in simulator's URL (its test controls, if turned on); null when live. */
  demoSimulatorUrl: string | null;
  close(): Promise<void>;
}

export interface KioskDeps {
  /** Defaults to the OS keychain (keytar). */
  secrets?: SecretStore;
  logger?: Logger;
  clock?: Clock;
  /** Demo mode: a built-in simulator that outlives this kiosk (see demo-reset.ts). */
  demo?: DemoSimulator;
}

const systemClock: Clock = { now: () => new Date() };

/** The kiosk's two SQLite files in its data folder: the disposable cache, the precious journal. */
export const DATA_FILES = { cache: 'cache.db', journal: 'journal.db' } as const;

function appVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(APP_ROOT, 'package.json'), 'utf8')) as { version: string })
      .version;
  } catch {
    return '0.0.0';
  }
}

/** The OS keychain, or in demo mode memory when no keychain answers. */
export async function chooseSecrets(config: KioskConfig, logger: Logger): Promise<SecretStore> {
  const problem = await probeKeychain(config.keychainService);
  if (!problem) return createKeytarStore(config.keychainService);
  if (config.apiUrl === null) {
    logger.warn('secrets: no keychain answers; demo mode keeps its secrets in memory only', {
      problem,
    });
    return createMemoryStore();
  }
  throw new Error(
    `The OS keychain is not available (${problem}); a live kiosk cannot start without it.`,
  );
}

/** Reads the device credential from the keychain; a live kiosk must have been provisioned. */
async function readCredential(secrets: SecretStore, name: string): Promise<KioskTokenRequest> {
  const stored = await secrets.get(name);
  if (!stored)
    throw new Error('Device credential missing from the keychain: run `npm run provision` first.');
  return KioskTokenRequest.parse(JSON.parse(stored));
}

/**
 * Composition root: opens the two SQLite files, the keychain and the API client (starting the
 * built-in simulator in demo mode), and wires the use cases behind the IPC contract.
 */
export async function startKiosk(config: KioskConfig, deps: KioskDeps = {}): Promise<Kiosk> {
  const logger = deps.logger ?? createLogger();
  const clock = deps.clock ?? systemClock;
  const profile = loadProfile(config.profilePath);
  const secrets = deps.secrets ?? (await chooseSecrets(config, logger));

  const ownDemo = config.apiUrl === null && !deps.demo;
  const demo =
    config.apiUrl === null
      ? (deps.demo ?? (await startDemoSimulator(config, secrets, clock, logger, profile)))
      : null;
  const apiUrl = demo?.url ?? config.apiUrl!;
  const credentialName = demo ? demo.credentialName : SECRET_NAMES.deviceCredential;

  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  // Rebuilt from a full sync when it fails quick_check: it is disposable, the journal is not.
  const cacheDb = openCacheDatabase(join(config.dataDir, DATA_FILES.cache), logger).db;
  const journalDb = openDatabase(join(config.dataDir, DATA_FILES.journal), {
    migrations: JOURNAL_MIGRATIONS,
    synchronous: 'FULL',
    logger,
  });

  const apiOptions = {
    baseUrl: apiUrl,
    timeoutMs: config.apiTimeoutMs,
    credential: () => readCredential(secrets, credentialName),
    clock,
    logger,
  };
  // Breaker, connectivity, sealing key and outbox (offline.ts); the client shares the breaker.
  const offline = await startOffline({ ...apiOptions, journal: journalDb, secrets, demo: !!demo });
  const api = createApiClient({ ...apiOptions, resilience: offline.resilience });
  const accounts = withOutbox(api, offline.outbox);
  const journey = createJourneyServices({ accounts, profile, clock });
  const lookupKey = await loadOrCreateLookupKey(secrets);
  const identify = createIdentify({
    directory: api,
    cache: createDirectoryCache(cacheDb),
    keys: createLookupKeys(lookupKey),
    lockout: createLockout(createLockoutStore(journalDb)),
    clock,
    profile,
    journeys: journey.journeys,
  });
  const info: KioskInfo = { profile, mode: demo ? 'demo' : 'live', version: appVersion() };
  const handlers = createHandlers({
    info,
    identify,
    audit: createAuditLog(journalDb, () => clock.now()),
    journey,
    status: offline.status,
  });
  const sync = createDirectorySync({
    api,
    cacheDb,
    keys: createRecordKeys(lookupKey),
    profile,
    clock,
    logger,
  });
  sync.start();
  logger.info('kiosk: started', { mode: info.mode, secrets: secrets.kind });

  return {
    dispatch: createDispatch(handlers, logger),
    info,
    logger,
    demoSimulatorUrl: demo?.url ?? null,
    subscribe: offline.subscribe,
    syncNow: () => sync.syncNow(),
    async close() {
      await sync.stop();
      await offline.close();
      cacheDb.close();
      journalDb.close();
      if (ownDemo) await demo?.close();
    },
  };
}
