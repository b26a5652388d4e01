/**
 * `npm run audit:verify [-- --data-dir <dir>]`: checks the journal's hash-chained audit log end
 * to end and names the first entry that does not hold; then checks it against the last entry
 * the API acknowledged, which the kiosk keeps in its keychain (off the disk): a journal cut
 * before it (its tail or everything deleted) or different there (the chain rewritten) is broken.
 * Read-only: it never migrates or writes. Exit codes: 0 intact, 1 broken, 2 no journal or an
 * older one.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { createAuditChainStore } from '../store/audit-chain';
import { schemaVersion } from '../store/database';
import { createKeytarStore } from '../secrets/keytar-store';
import { SECRET_NAMES } from '../secrets/secret-store';
import { loadConfig } from './config';

/** The acknowledged head from the keychain; null when none was kept or the keychain is away. */
async function anchor(
  service: string,
): Promise<{ seq: number; hash: string } | 'unreachable' | null> {
  try {
    const text = await createKeytarStore(service).get(SECRET_NAMES.auditAnchor);
    if (text === null) return null;
    const parsed = JSON.parse(text) as { seq?: unknown; hash?: unknown };
    return typeof parsed.seq === 'number' && typeof parsed.hash === 'string'
      ? { seq: parsed.seq, hash: parsed.hash }
      : null;
  } catch {
    return 'unreachable';
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { 'data-dir': { type: 'string' } }, strict: true });
  const config = loadConfig(process.env);
  const dataDir = values['data-dir'] ?? config.dataDir;
  const path = join(dataDir, 'journal.db');
  if (!existsSync(path)) {
    process.stderr.write(`audit: no journal at ${path}\n`);
    return 2;
  }
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    if (schemaVersion(db) < 5) {
      process.stderr.write('audit: this journal predates the audit chain; start the kiosk once\n');
      return 2;
    }
    const verdict = createAuditChainStore(db).verify();
    if (verdict.ok) {
      const acknowledged = await anchor(config.keychainService);
      if (acknowledged === 'unreachable') {
        process.stdout.write(
          `audit: chain intact, ${verdict.count} entries, head ${verdict.head}; ` +
            'the keychain did not answer: its tail is NOT checked against what the API acknowledged\n',
        );
        return 0;
      }
      if (acknowledged !== null) {
        const row = db.prepare('SELECT hash FROM audit WHERE seq = ?').get(acknowledged.seq) as
          { hash: string } | undefined;
        if (!row) {
          process.stdout.write(
            `audit: chain BROKEN: it ends at entry #${verdict.count}, before entry #${acknowledged.seq} ` +
              'the API acknowledged (entries were deleted from its end)\n',
          );
          return 1;
        }
        if (row.hash !== acknowledged.hash) {
          process.stdout.write(
            `audit: chain BROKEN at entry #${acknowledged.seq}: not the entry the API acknowledged ` +
              '(the chain was rewritten)\n',
          );
          return 1;
        }
      }
      process.stdout.write(
        `audit: chain intact, ${verdict.count} entries, head ${verdict.head}` +
          (acknowledged ? `; the API acknowledged up to entry #${acknowledged.seq}\n` : '\n'),
      );
      return 0;
    }
    process.stdout.write(
      `audit: chain BROKEN at entry #${verdict.brokenAt} (${verdict.why}); ` +
        'every entry from there on is unproven\n',
    );
    return 1;
  } finally {
    db.close();
  }
}

process.exitCode = await main();
