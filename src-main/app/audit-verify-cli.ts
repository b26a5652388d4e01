/**
 * `npm run audit:verify [-- --data-dir <dir>]`: checks the journal's hash-chained audit log end
 * to end and names the first entry that does not hold. Read-only: it never migrates or writes.
 * Exit codes: 0 intact, 1 broken, 2 no journal or an older one.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { createAuditChainStore } from '../store/audit-chain';
import { schemaVersion } from '../store/database';
import { loadConfig } from './config';

function main(): number {
  const { values } = parseArgs({ options: { 'data-dir': { type: 'string' } }, strict: true });
  const dataDir = values['data-dir'] ?? loadConfig(process.env).dataDir;
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
      process.stdout.write(`audit: chain intact, ${verdict.count} entries, head ${verdict.head}\n`);
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

process.exitCode = main();
