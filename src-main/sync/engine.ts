/**
 * The directory sync engine: keeps the kiosk's private cache in step with the central API's
 * change feed. A delta applies each page and its cursor in one transaction. Without a cursor,
 * or when the API answers that the cursor expired (410), it rebuilds the cache from a full sync
 * into a shadow table and swaps it in atomically. It touches the cache only, never the journal.
 */
import type { DirectoryChangeWire, DirectoryPage } from '../api/wire-directory';
import { DIRECTORY_PAGE_LIMIT } from '../api/wire-directory';
import { normaliseStudentNumber } from '../core/identity-input';
import type { Clock, Logger } from '../core/ports';
import { err, ok, type AppError, type Result } from '../core/result';
import type { RecordKeys } from '../secrets/lookup-keys';
import { createRecordVault, type RecordVault } from '../secrets/record-vault';
import type { CacheChange, DirectorySyncStore } from '../store/directory-sync-store';

/** What the engine works with, all passed in. */
export interface SyncDeps {
  /** One page of the feed (the API client's `directoryChanges`, through the transport). */
  fetchPage(cursor: string | null, limit: number): Promise<Result<DirectoryPage, AppError>>;
  store: DirectorySyncStore;
  keys: RecordKeys;
  clock: Clock;
  logger: Logger;
  /** Changes per page; the API's maximum by default. */
  pageSize?: number;
}

/** What one run did. */
export interface SyncReport {
  kind: 'delta' | 'full';
  /** True when a delta found its cursor expired and a full sync replaced the cache. */
  afterExpiry: boolean;
  pages: number;
  records: number;
  tombstones: number;
  /** False when `stop` interrupted the run at a page boundary. */
  complete: boolean;
}

/** The engine: one run at a time. */
export interface SyncEngine {
  /** Syncs now; a call while a run is in progress gets that run's outcome. */
  run(): Promise<Result<SyncReport, AppError>>;
  /** Lets the current page finish, then ends the run; resolves when it has. */
  stop(): Promise<void>;
}

/** A full sync that meets 410 again starts over at most this many times. */
const MAX_FULL_RESTARTS = 2;

/**
 * Hashes what identification needs and seals the record under its student's own key: no number,
 * date, name, identifier or programme leaves this function in clear.
 */
export function toCacheChanges(
  changes: readonly DirectoryChangeWire[],
  keys: RecordKeys,
  vault: RecordVault = createRecordVault(keys),
) {
  const out: CacheChange[] = new Array(changes.length);
  for (let i = 0; i < changes.length; i += 1) {
    const c = changes[i] as DirectoryChangeWire;
    if (c.kind === 'tombstone') {
      out[i] = { removed: c.recordId };
      continue;
    }
    const number = normaliseStudentNumber(c.studentNumber);
    const { lookupKey, sealed } = vault.seal(number, c.birthDate, c.student);
    out[i] = { lookupKey, recordId: c.recordId, staffKey: keys.staffLookup(number), sealed };
  }
  return out;
}

type PageOutcome = 'done' | 'stopped' | 'expired' | AppError;

/** Creates the engine over its collaborators. */
export function createSyncEngine(deps: SyncDeps): SyncEngine {
  const limit = deps.pageSize ?? DIRECTORY_PAGE_LIMIT.max;
  const vault = createRecordVault(deps.keys);
  let running: Promise<Result<SyncReport, AppError>> | null = null;
  let stopping = false;
  // A page asked for ahead may be left unread when a run stops: it must never reject unheard.
  const fetchPage = (cursor: string | null) =>
    deps.fetchPage(cursor, limit).catch(() => err<AppError>({ code: 'internal' }));

  /**
   * Reads pages from `cursor` until the end, applying each with `apply`. The next page is asked
   * for before this one is written, so the API and the disk work at the same time.
   */
  async function pages(
    cursor: string | null,
    apply: (changes: CacheChange[], nextCursor: string) => void,
    report: SyncReport,
  ): Promise<PageOutcome> {
    let pending = fetchPage(cursor);
    for (;;) {
      const answer = await pending;
      if (!answer.ok) return answer.error.code === 'conflict' ? 'expired' : answer.error;
      const page = answer.value;
      const more = page.hasMore && !stopping;
      if (more) pending = fetchPage(page.nextCursor);
      apply(toCacheChanges(page.changes, deps.keys, vault), page.nextCursor);
      report.pages += 1;
      for (const c of page.changes) {
        if (c.kind === 'record') report.records += 1;
        else report.tombstones += 1;
      }
      if (!page.hasMore) return 'done';
      if (stopping) return 'stopped';
    }
  }

  async function full(resume: { cursor: string | null } | null, report: SyncReport) {
    report.kind = 'full';
    if (!resume) deps.store.startShadow();
    let cursor = resume?.cursor ?? null;
    for (let restarts = 0; ; restarts += 1) {
      const outcome = await pages(cursor, deps.store.applyShadow, report);
      if (outcome === 'done') {
        deps.store.swapShadow();
        return ok(report);
      }
      if (outcome === 'stopped') return ok({ ...report, complete: false });
      if (outcome !== 'expired') return err(outcome);
      if (restarts >= MAX_FULL_RESTARTS) return err<AppError>({ code: 'conflict' });
      deps.logger.warn('sync: cursor expired during a full sync; starting it over');
      deps.store.startShadow();
      cursor = null;
    }
  }

  async function once(): Promise<Result<SyncReport, AppError>> {
    const started = deps.clock.now().getTime();
    const report: SyncReport = {
      kind: 'delta',
      afterExpiry: false,
      pages: 0,
      records: 0,
      tombstones: 0,
      complete: true,
    };
    const state = deps.store.state();
    let result: Result<SyncReport, AppError>;
    if (state.shadow || state.cursor === null) {
      result = await full(state.shadow, report);
    } else {
      const outcome = await pages(state.cursor, deps.store.applyDelta, report);
      if (outcome === 'expired') {
        deps.logger.warn('sync: cursor expired; rebuilding the cache from a full sync');
        report.afterExpiry = true;
        result = await full(null, report);
      } else if (outcome === 'done') result = ok(report);
      else if (outcome === 'stopped') result = ok({ ...report, complete: false });
      else result = err(outcome);
    }
    const ms = deps.clock.now().getTime() - started;
    if (result.ok) deps.logger.info('sync: done', { ...result.value, ms });
    else deps.logger.warn('sync: failed', { code: result.error.code, pages: report.pages, ms });
    return result;
  }

  return {
    run() {
      if (running) return running;
      stopping = false;
      running = once()
        .catch((error: unknown) => {
          deps.logger.error('sync: crashed', { error: (error as Error).message });
          return err<AppError>({ code: 'internal' });
        })
        .finally(() => {
          running = null;
        });
      return running;
    },
    async stop() {
      stopping = true;
      await running;
    },
  };
}
