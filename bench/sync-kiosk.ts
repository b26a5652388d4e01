/**
 * The kiosk side of the sync benchmark, bundled by bench/sync.ts with esbuild the way the main
 * process is (scripts/build-main.mjs) and run under plain Node, so that its memory is the main
 * process's, not a TypeScript loader's. `node sync-kiosk.js --url <simulator> --count <n> …`
 * (`--full-only`: the two full syncs only, against any API); prints its figures, then one JSON
 * object on the last line.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createApiClient } from '../src-main/api/client';
import {
  DIRECTORY_PAGE_LIMIT,
  DIRECTORY_PATHS,
  DirectoryPage,
} from '../src-main/api/wire-directory';
import { silentLogger } from '../src-main/app/logger';
import { err, ok } from '../src-main/core/result';
import { createKeytarStore, probeKeychain } from '../src-main/secrets/keytar-store';
import { createRecordKeys, loadOrCreateLookupKey } from '../src-main/secrets/lookup-keys';
import { createRecordVault } from '../src-main/secrets/record-vault';
import { SECRET_NAMES } from '../src-main/secrets/secret-store';
import { DIRECTORY_CONTROL_PATHS } from '../src-main/simulator/directory-controls';
import { createDirectoryCache } from '../src-main/store/directory-cache';
import { openCacheDatabase } from '../src-main/store/directory-open';
import { createDirectorySyncStore } from '../src-main/store/directory-sync-store';
import { createSyncEngine, type SyncDeps } from '../src-main/sync/engine';
import { tempFolder } from '../test/support/tmp';
import { BENCH_DEVICE, benchStudents } from './sync-data';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    count: { type: 'string' },
    seed: { type: 'string' },
    year: { type: 'string' },
    'page-size': { type: 'string' },
    // Full syncs only (bench/server.ts, against an API without the simulator's controls).
    'full-only': { type: 'boolean', default: false },
  },
});
const url = values.url!;
const COUNT = Number(values.count);
const SEED = values.seed!;
const YEAR = Number(values.year);
const clock = { now: () => new Date() };
const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;
const say = (line: string) => process.stdout.write(`${line}\n`);

async function hmacKey(service: string): Promise<Buffer> {
  // The real keychain when one answers (npm run bench runs under with-keyring.sh).
  if ((await probeKeychain(service)) !== null) return randomBytes(32);
  return loadOrCreateLookupKey(createKeytarStore(service));
}

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await run();
  return { value, ms: performance.now() - started };
}

function engineOn(cachePath: string, fetchPage: SyncDeps['fetchPage'], key: Buffer) {
  const { db } = openCacheDatabase(cachePath, silentLogger);
  const engine = createSyncEngine({
    fetchPage,
    store: createDirectorySyncStore(db, clock.now),
    keys: createRecordKeys(key),
    clock,
    logger: silentLogger,
    ...(values['page-size'] ? { pageSize: Number(values['page-size']) } : {}),
  });
  return { db, engine };
}

/** The pages of a full sync as the API sends them, fetched once for the limit runs. */
async function fetchAllPages(): Promise<string[]> {
  const answer = await fetch(url + '/v1/kiosk/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(BENCH_DEVICE),
  });
  const { accessToken } = (await answer.json()) as { accessToken: string };
  const texts: string[] = [];
  for (let cursor: string | null = null, more = true; more;) {
    const query = new URLSearchParams({ limit: String(DIRECTORY_PAGE_LIMIT.max) });
    if (cursor) query.set('cursor', cursor);
    const response = await fetch(`${url}${DIRECTORY_PATHS.changes}?${query}`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    const text = await response.text();
    texts.push(text);
    const page = JSON.parse(text) as { nextCursor: string; hasMore: boolean };
    [cursor, more] = [page.nextCursor, page.hasMore];
  }
  return texts;
}

/** A full sync into a fresh cache file; records per second. */
async function fullSync(path: string, fetchPage: SyncDeps['fetchPage'], key: Buffer) {
  const side = engineOn(path, fetchPage, key);
  const run = await timed(() => side.engine.run());
  if (!run.value.ok) throw new Error(`full sync failed: ${run.value.error.code}`);
  return {
    ...side,
    records: run.value.value.records,
    rate: run.value.value.records / (run.ms / 1000),
  };
}

async function main() {
  const folder = tempFolder('guichet-bench-sync-');
  const service = `guichet-bench-${process.pid}`;
  try {
    const key = await hmacKey(service);
    const api = createApiClient({
      baseUrl: url,
      timeoutMs: 30_000,
      credential: async () => BENCH_DEVICE,
      clock,
      logger: silentLogger,
    });

    // Full sync over HTTP; the memory of the kiosk side is taken right after the first.
    const live = await fullSync(join(folder.path, 'cache.db'), api.directoryChanges, key);
    const rss = process.resourceUsage().maxRSS * 1024;
    say(`full sync: ${live.records} records at ${Math.round(live.rate)}/s`);
    say(`kiosk side peak RSS: ${mb(rss)} MB`);

    if (values['full-only']) {
      live.db.close();
      // The best of two, as below: other work on the machine only slows a run.
      const again = await fullSync(join(folder.path, 'again.db'), api.directoryChanges, key);
      again.db.close();
      say(`full sync, second run: ${Math.round(again.rate)}/s`);
      const best = Math.round(Math.max(live.rate, again.rate));
      say(JSON.stringify({ sync_records: live.records, sync_full_records_per_s: best }));
      return;
    }

    // Offline identification's lookup, for students picked at random.
    const students = benchStudents(COUNT, SEED, YEAR);
    const keys = createRecordKeys(key);
    const cache = createDirectoryCache(live.db, createRecordVault(keys));
    const times: number[] = [];
    for (let i = 0; i < 20_000; i += 1) {
      const s = students[Math.floor(Math.random() * students.length)]!;
      const started = performance.now();
      const found = cache.find({ studentNumber: s.studentNumber, birthDate: s.birthDate });
      times.push(performance.now() - started);
      if (found?.identifier !== s.identifier) throw new Error('lookup missed a synced student');
    }
    times.sort((a, b) => a - b);
    const p99 = times[Math.floor(times.length * 0.99)]!;
    say(`lookup: p50 ${times[times.length >> 1]!.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms`);

    // Deltas of 1000 changes; the median of five, since one can meet a busy disk.
    const deltas: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      await fetch(url + DIRECTORY_CONTROL_PATHS.touch, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ count: 1000 }),
      });
      const delta = await timed(() => live.engine.run());
      if (!delta.value.ok || delta.value.value.records !== 1000) throw new Error('delta failed');
      deltas.push(delta.ms);
    }
    deltas.sort((a, b) => a - b);
    const deltaMs = deltas[2]!;
    say(`delta: 1000 records in ${Math.round(deltaMs)} ms (median of 5)`);
    live.db.close();

    // Throughputs are the best of two runs each: other work on the machine only slows a run.
    const again = await fullSync(join(folder.path, 'again.db'), api.directoryChanges, key);
    again.db.close();
    const fullRate = Math.max(live.rate, again.rate);
    say(`full sync, second run: ${Math.round(again.rate)}/s`);

    // The limit: the same pages, fetched beforehand, through the engine without the network.
    const texts = await fetchAllPages();
    const limitRates: number[] = [];
    for (const name of ['limit-1.db', 'limit-2.db']) {
      let next = 0;
      const fromMemory: SyncDeps['fetchPage'] = async () => {
        const parsed = DirectoryPage.safeParse(JSON.parse(texts[next++] ?? 'null'));
        return parsed.success ? ok(parsed.data) : err({ code: 'malformed_response' as const });
      };
      const limit = await fullSync(join(folder.path, name), fromMemory, key);
      limit.db.close();
      limitRates.push(limit.rate);
    }
    const limitRate = Math.max(...limitRates);
    say(`limit (parse + hash + insert): ${limitRates.map(Math.round).join('/s, ')}/s`);

    const figures = {
      sync_records: live.records,
      sync_full_records_per_s: Math.round(fullRate),
      sync_limit_records_per_s: Math.round(limitRate),
      sync_vs_limit_ratio: Math.round((fullRate / limitRate) * 100) / 100,
      delta_1000_ms: Math.round(deltaMs),
      lookup_p99_ms: Math.round(p99 * 1000) / 1000,
      main_rss_mb_100k: mb(rss),
    };
    say(JSON.stringify(figures));
  } finally {
    await createKeytarStore(service)
      .delete(SECRET_NAMES.lookupKey)
      .catch(() => false);
    folder.remove();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
