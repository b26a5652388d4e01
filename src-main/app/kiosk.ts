import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApiClient } from '../api/client';
import { KioskTokenRequest } from '../api/wire';
import { createIdentify } from '../core/identify';
import type { Clock, Logger } from '../core/ports';
import { createDispatch, type Dispatch } from '../ipc/dispatch';
import type { KioskInfo } from '../ipc/contract';
import { createHandlers } from '../ipc/handlers';
import { staffPrecheck } from '../ipc/staff-handlers';
import { startStaffMode } from './staff';
import { createKeytarStore, probeKeychain } from '../secrets/keytar-store';
import {
  createLookupKeys,
  createRecordKeys,
  deriveJournalKey,
  loadOrCreateLookupKey,
} from '../secrets/lookup-keys';
import { createMemoryStore } from '../secrets/memory-store';
import { createRecordVault } from '../secrets/record-vault';
import { SECRET_NAMES, type SecretStore } from '../secrets/secret-store';
import { openDatabase } from '../store/database';
import { createDirectoryCache } from '../store/directory-cache';
import { openCacheDatabase } from '../store/directory-open';
import { ensurePrivateDir } from '../store/private-files';
import type { AppError, Result } from '../core/result';
import { createDirectorySync } from '../sync/directory-sync';
import type { SyncReport } from '../sync/engine';
import { createSubjectKeys } from '../secrets/audit-subjects';
import { createAuditLog } from '../store/journal';
import { JOURNAL_MIGRATIONS } from '../store/journal-migrations';
import type { KioskConfig } from './config';
import { createLogger, logDirOf } from './logger';
import { APP_ROOT } from './paths';
import { loadProfile } from './profile';
import { startDemoSimulator, type DemoSimulator } from './demo';
import { createJourneyServices } from './journey-services';
import { createKioskLimits } from './limits';
import type { LimitResets } from '../core/limit-resets';
import { startOffline } from './offline';
import { clearTextCount, protectLegacyJournal } from './private-journal';
import { bundleConfiguration, freeDiskBytes } from './staff/support-bundle';
import { AUDIT_UPLOAD_KIND } from './staff/audit-upload';
import { heartbeatDeadLetters, startHeartbeats } from './heartbeat';
import { createDeadLetterNotices } from './dead-letter-notice';
import { createAuditChainStore } from '../store/audit-chain';
import { startAuditHead } from './audit-head';
import { startAuditKey } from './audit-key';
import { withOutbox } from '../outbox/account-writes';
import { createAtRest } from '../outbox/at-rest';
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
  /**
   * Hands the audit lines not uploaded yet to the outbox, in batches, now (it also runs at start,
   * every minute and when the API comes back); resolves with how many lines.
   */
  uploadAudit(): Promise<number>;
  /** Sends a heartbeat now (they also go every minute); false when it was not sent. */
  beatNow(): Promise<boolean>;
  /**
   * Lifts the kiosk-wide delay and one student's lock (for staff mode, issue 7; no screen yet).
   */
  limits: LimitResets;
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

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Reads the device credential from the keychain; a live kiosk must have been provisioned. */
async function readCredential(secrets: SecretStore, name: string): Promise<KioskTokenRequest> {
  const stored = await secrets.get(name);
  const parsed = stored === null ? null : KioskTokenRequest.safeParse(safeJson(stored));
  if (!parsed?.success)
    throw new Error(
      `Device credential ${stored === null ? 'missing from' : 'unreadable in'} the keychain: ` +
        'run `npm run provision` first.',
    );
  return parsed.data;
}

/**
 * Composition root: opens the two SQLite files, the keychain and the API client (starting the
 * built-in simulator in demo mode), and wires the use cases behind the IPC contract.
 */
export async function startKiosk(config: KioskConfig, deps: KioskDeps = {}): Promise<Kiosk> {
  // Without one given, the kiosk logs to the console and to files under its data folder.
  const ownLogger = deps.logger ? null : createLogger({ file: { dir: logDirOf(config.dataDir) } });
  const logger = deps.logger ?? ownLogger!;
  const clock = deps.clock ?? systemClock;
  const profile = loadProfile(config.profilePath);
  const secrets = deps.secrets ?? (await chooseSecrets(config, logger));
  // Checked now, not at the first student: an unprovisioned kiosk must not say it is ready.
  if (config.apiUrl !== null) await readCredential(secrets, SECRET_NAMES.deviceCredential);

  const ownDemo = config.apiUrl === null && !deps.demo;
  const demo =
    config.apiUrl === null
      ? (deps.demo ?? (await startDemoSimulator(config, secrets, clock, logger, profile)))
      : null;
  const apiUrl = demo?.url ?? config.apiUrl!;
  const credentialName = demo ? demo.credentialName : SECRET_NAMES.deviceCredential;

  // 0700, and its files 0600, even when an older install or a wide umask left them open.
  ensurePrivateDir(config.dataDir);
  // Rebuilt from a full sync when it fails quick_check: it is disposable, the journal is not.
  const cacheDb = openCacheDatabase(join(config.dataDir, DATA_FILES.cache), logger).db;
  const journalDb = openDatabase(join(config.dataDir, DATA_FILES.journal), {
    migrations: JOURNAL_MIGRATIONS,
    synchronous: 'FULL',
    secureDelete: true,
    logger,
  });
  // Made at first start and kept in the keychain: seals every audit line (store/audit-chain.ts).
  const auditKey = await startAuditKey(secrets, journalDb, clock, logger);
  const auditHead = await startAuditHead(secrets, journalDb, logger);
  // The outbox's lines name no account (their reference only): this log refuses one. The kiosk's
  // own log below seals account subjects, with the API's key that startOffline pins.
  const outboxAudit = createAuditLog(journalDb, () => clock.now(), auditKey, {
    onAppended: auditHead.note,
  });

  const apiOptions = {
    baseUrl: apiUrl,
    timeoutMs: config.apiTimeoutMs,
    credential: () => readCredential(secrets, credentialName),
    clock,
    logger,
  };
  const lookupKey = await loadOrCreateLookupKey(secrets);
  // What an older build kept in clear is sealed at start (the outbox's rows in startOffline,
  // the audit subjects below), then the journal is scrubbed of the old text.
  const clearBefore = clearTextCount(journalDb);
  // Breaker, connectivity, sealing key and outbox (offline.ts); the client shares the breaker.
  const offline = await startOffline({
    ...apiOptions,
    journal: journalDb,
    secrets,
    audit: outboxAudit,
    atRest: createAtRest(deriveJournalKey(lookupKey)),
    deadLetterRetentionDays: profile.outbox.deadLetterRetentionDays,
    demo: !!demo,
    recoveryProbeMs: config.recoveryProbeMs,
  });
  const api = createApiClient({ ...apiOptions, resilience: offline.resilience });
  const accounts = withOutbox(api, offline.outbox);
  const limits = createKioskLimits({ journal: journalDb, lookupKey, profile, clock });
  const stopWatchingReplay = limits.watchReplay(offline.outbox);
  const journey = createJourneyServices({
    accounts,
    profile,
    clock,
    limits: limits.journey,
    grants: api.staff,
  });
  const recordKeys = createRecordKeys(lookupKey);
  const cache = createDirectoryCache(cacheDb, createRecordVault(recordKeys));
  const identify = createIdentify({
    directory: api,
    cache,
    keys: createLookupKeys(lookupKey),
    lockout: limits.identification,
    clock,
    profile,
    journeys: journey.journeys,
  });
  const info: KioskInfo = { profile, mode: demo ? 'demo' : 'live', version: appVersion() };
  const subjects = createSubjectKeys(lookupKey, offline.sealingKey);
  if (clearBefore > 0)
    await protectLegacyJournal({ db: journalDb, subjects, auditKey, auditHead, secrets, logger });
  const audit = createAuditLog(journalDb, () => clock.now(), auditKey, {
    subjects,
    onAppended: auditHead.note,
  });
  const sync = createDirectorySync({
    api,
    cacheDb,
    keys: recordKeys,
    profile,
    clock,
    logger,
  });
  const staff = startStaffMode({
    journal: journalDb,
    lookupKey,
    auditKey,
    subjects,
    secrets,
    api: api.staff,
    audit,
    clock,
    logger,
    profile,
    cache,
    resets: limits.resets,
    journeys: journey.journeys,
    outbox: offline.outbox,
    status: offline.status,
    ops: {
      dataDir: config.dataDir,
      syncNow: () => sync.syncNow(),
      // The schedule's runs count as much as the ones staff ask for.
      lastSyncAt: () => sync.status().lastSuccessAt?.toISOString() ?? null,
      lastLatencyMs: offline.resilience.lastLatencyMs,
      cachedRecords: () =>
        cacheDb.prepare('SELECT count(*) FROM directory').pluck().get() as number,
      keychainReachable: async () => {
        try {
          return (await secrets.get(SECRET_NAMES.lookupKey)) !== null;
        } catch {
          return false;
        }
      },
      versions: {
        app: info.version,
        node: process.versions.node,
        electron: process.versions.electron ?? null,
      },
      configuration: bundleConfiguration(config, profile.id, secrets.kind),
    },
  });
  // The audit chain goes up as soon as the API answers again.
  const stopUploadOnReconnect = offline.subscribe((event) => {
    if (event.name === 'connectivity' && event.payload.state === 'online') void staff.uploadAudit();
  });
  void staff.uploadAudit();
  const startedAt = clock.now().toISOString();
  const chainStore = createAuditChainStore(journalDb, auditKey);
  const heartbeats = startHeartbeats({
    logger,
    everyMs: config.heartbeatSeconds * 1000,
    send: (beat) => api.sendHeartbeat(beat),
    async collect() {
      const now = clock.now();
      const status = offline.status();
      const store = offline.outbox.store;
      const anchor = await secrets.get(SECRET_NAMES.auditAnchor).catch(() => null);
      const acknowledged = anchor ? Number((JSON.parse(anchor) as { seq?: unknown }).seq) : NaN;
      return {
        sentAt: now.toISOString(),
        version: info.version,
        profile: profile.id,
        mode: demo ? 'demo' : status.connectivity.state === 'online' ? 'online' : 'offline',
        startedAt,
        lastSyncAt: sync.status().lastSuccessAt?.toISOString() ?? null,
        outbox: store.pendingByKind().slice(0, 32),
        deadLetters: status.outbox.dead,
        recentDeadLetters: heartbeatDeadLetters(store.deadLetters(), subjects.tag),
        audit: {
          head: chainStore.latest(1)[0]?.seq ?? 0,
          acknowledged: Number.isInteger(acknowledged) ? acknowledged : null,
          refused: store.deadLetters().filter((row) => row.kind === AUDIT_UPLOAD_KIND).length,
        },
        // The kiosk-wide delay: asked for a subject that never failed, only the kiosk's counts.
        slowDownSeconds: limits.identification.retryAfter('', now),
        freeDiskBytes: freeDiskBytes(config.dataDir),
      };
    },
  });
  const handlers = createHandlers({
    info,
    identify,
    audit,
    journey,
    status: offline.status,
    staff: staff.handlers,
    noticeFor: createDeadLetterNotices({
      outbox: offline.outbox.store,
      chain: chainStore,
      subjectTag: subjects.tag,
      audit,
    }),
  });
  sync.start();
  logger.info('kiosk: started', { mode: info.mode, secrets: secrets.kind });

  return {
    dispatch: createDispatch(handlers, logger, (channel) =>
      staffPrecheck(staff.handlers.holder, channel),
    ),
    info,
    logger,
    demoSimulatorUrl: demo?.url ?? null,
    limits: limits.resets,
    subscribe: offline.subscribe,
    syncNow: () => sync.syncNow(),
    uploadAudit: () => staff.uploadAudit(),
    beatNow: () => heartbeats.beatNow(),
    async close() {
      await heartbeats.stop();
      await sync.stop();
      stopUploadOnReconnect();
      await staff.close();
      stopWatchingReplay();
      await offline.close();
      await auditHead.close();
      cacheDb.close();
      journalDb.close();
      if (ownDemo) await demo?.close();
      await ownLogger?.close();
    },
  };
}
