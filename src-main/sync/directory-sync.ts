/** Puts the directory sync together for a kiosk: engine over the cache, on the profile's schedule. */
import type { ApiClient } from '../api/client';
import type { Clock, Logger } from '../core/ports';
import type { InstitutionProfile } from '../core/profile';
import type { RecordKeys } from '../secrets/lookup-keys';
import type { Db } from '../store/database';
import { createDirectorySyncStore } from '../store/directory-sync-store';
import { createSyncEngine } from './engine';
import { createSyncScheduler, type SyncScheduler, type Timers } from './scheduler';

/** What the kiosk hands to its directory sync. */
export interface DirectorySyncDeps {
  api: Pick<ApiClient, 'directoryChanges'>;
  cacheDb: Db;
  keys: RecordKeys;
  profile: Pick<InstitutionProfile, 'sync'>;
  clock: Clock;
  logger: Logger;
  timers?: Timers;
}

/** The kiosk's sync: call `start()` once the kiosk is up, `stop()` before closing the cache. */
export function createDirectorySync(deps: DirectorySyncDeps): SyncScheduler {
  const engine = createSyncEngine({
    fetchPage: (cursor, limit) => deps.api.directoryChanges(cursor, limit),
    store: createDirectorySyncStore(deps.cacheDb, () => deps.clock.now()),
    keys: deps.keys,
    clock: deps.clock,
    logger: deps.logger,
  });
  return createSyncScheduler({
    engine,
    intervalSeconds: deps.profile.sync.intervalSeconds,
    clock: deps.clock,
    ...(deps.timers ? { timers: deps.timers } : {}),
  });
}
