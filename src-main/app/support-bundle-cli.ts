/**
 * `npm run support-bundle [-- --data-dir <dir>]`: writes the same support bundle as the
 * supervisor's screen (staff/support-bundle.ts) from the data folder, for a kiosk that does not
 * start or whose screen is out of reach. Reads the journal and the cache read-only (never a row
 * is copied: counts, the audit chain's head and verdict), the logs' tails, the configuration
 * without secrets; asks the keychain only whether it answers. The API is not called: the
 * connectivity it reports is "unknown". Exit codes: 0 written, 2 no journal.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { createKeytarStore, probeKeychain } from '../secrets/keytar-store';
import { loadPinnedSealingKey } from '../secrets/sealing';
import { SECRET_NAMES } from '../secrets/secret-store';
import { auditHead, verifyAuditJournal } from '../store/audit-chain';
import { loadConfig } from './config';
import { APP_ROOT } from './paths';
import { loadProfile } from './profile';
import { bundleConfiguration, freeDiskBytes, writeSupportBundle } from './staff/support-bundle';

function readOnly(path: string): Database.Database | null {
  return existsSync(path) ? new Database(path, { readonly: true, fileMustExist: true }) : null;
}

function count(db: Database.Database | null, sql: string): number {
  try {
    return db ? (db.prepare(sql).pluck().get() as number) : 0;
  } catch {
    return 0; // an older schema, or a damaged cache: the bundle still gets written
  }
}

/** Whether the keychain answers and holds this kiosk's keys; never reads a secret out. */
async function keychain(service: string): Promise<{ reachable: boolean; pinned: boolean }> {
  if ((await probeKeychain(service)) !== null) return { reachable: false, pinned: false };
  const secrets = createKeytarStore(service);
  try {
    const reachable = (await secrets.get(SECRET_NAMES.lookupKey)) !== null;
    return { reachable, pinned: (await loadPinnedSealingKey(secrets)) !== null };
  } catch {
    return { reachable: false, pinned: false };
  }
}

function appVersion(): string {
  try {
    const text = readFileSync(join(APP_ROOT, 'package.json'), 'utf8');
    return (JSON.parse(text) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { 'data-dir': { type: 'string' } }, strict: true });
  const config = loadConfig(process.env, values['data-dir'] ? { dataDir: values['data-dir'] } : {});
  const journal = readOnly(join(config.dataDir, 'journal.db'));
  if (!journal) {
    process.stderr.write(`support-bundle: no journal in ${config.dataDir}\n`);
    return 2;
  }
  const cache = readOnly(join(config.dataDir, 'cache.db'));
  try {
    const keys = await keychain(config.keychainService);
    const written = writeSupportBundle({
      dataDir: config.dataDir,
      now: new Date(),
      diagnostics: {
        connectivity: 'unknown',
        connectivitySince: null,
        lastLatencyMs: null,
        lastSyncAt: null,
        cursorAgeSeconds: null,
        cachedRecords: count(cache, 'SELECT count(*) FROM directory'),
        outbox: {
          pending: count(journal, "SELECT count(*) FROM outbox WHERE state = 'pending'"),
          dead: count(journal, "SELECT count(*) FROM outbox WHERE state = 'dead'"),
        },
        auditRefused: count(
          journal,
          "SELECT count(*) FROM outbox WHERE state = 'dead' AND kind = 'audit.upload'",
        ),
        keychainReachable: keys.reachable,
        sealingKeyPinned: keys.pinned,
        versions: { app: appVersion(), node: process.versions.node, electron: null },
        freeDiskBytes: freeDiskBytes(config.dataDir),
      },
      configuration: bundleConfiguration(
        config,
        loadProfile(config.profilePath).id,
        keys.reachable ? 'keychain' : 'unreachable',
      ),
      chainHead: auditHead(journal),
      // The public hash chain only: the seals need the audit key, which this tool never reads
      // out of the keychain (npm run audit:verify checks them).
      verdict: verifyAuditJournal(journal, null),
    });
    process.stdout.write(
      `support-bundle: ${join(config.dataDir, 'support', written.fileName)} (${written.bytes} bytes)\n`,
    );
    return 0;
  } finally {
    journal.close();
    cache?.close();
  }
}

process.exitCode = await main();
