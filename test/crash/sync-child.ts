/**
 * The process the crash tests kill: syncs the cache at `--cache` from the simulator at `--url`
 * with the real API client, the HMAC key from the keychain service `--service`, and pages of
 * `--page-size`. It says on stdout when it is ready and after each committed step, so that the
 * parent can pick a moment to SIGKILL it.
 */
import { parseArgs } from 'node:util';
import { createApiClient } from '../../src-main/api/client';
import { silentLogger } from '../../src-main/app/logger';
import { createKeytarStore } from '../../src-main/secrets/keytar-store';
import { createRecordKeys, loadOrCreateLookupKey } from '../../src-main/secrets/lookup-keys';
import { openCacheDatabase } from '../../src-main/store/directory-open';
import { createDirectorySyncStore } from '../../src-main/store/directory-sync-store';
import { createSyncEngine } from '../../src-main/sync/engine';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    cache: { type: 'string' },
    service: { type: 'string' },
    'page-size': { type: 'string', default: '50' },
    device: { type: 'string' },
  },
});
const say = (line: string) => process.stdout.write(`${line}\n`);
const clock = { now: () => new Date() };

async function main() {
  const key = await loadOrCreateLookupKey(createKeytarStore(values.service!));
  const { db } = openCacheDatabase(values.cache!, silentLogger);
  const store = createDirectorySyncStore(db, clock.now);
  let steps = 0;
  const step = <A extends unknown[]>(name: string, apply: (...args: A) => void) => {
    return (...args: A) => {
      apply(...args);
      steps += 1;
      say(`${name} ${steps}`);
    };
  };
  const api = createApiClient({
    baseUrl: values.url!,
    timeoutMs: 10_000,
    credential: async () => JSON.parse(values.device!) as { deviceId: string; secret: string },
    clock,
    logger: silentLogger,
  });
  const engine = createSyncEngine({
    fetchPage: api.directoryChanges,
    store: {
      ...store,
      applyDelta: step('delta', store.applyDelta),
      applyShadow: step('shadow', store.applyShadow),
      swapShadow: step('swap', store.swapShadow),
    },
    keys: createRecordKeys(key),
    clock,
    logger: silentLogger,
    pageSize: Number(values['page-size']),
  });
  say('ready');
  const result = await engine.run();
  db.close();
  say(`done ${JSON.stringify(result)}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
