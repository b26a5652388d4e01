import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempFolder } from '../../test/support/tmp';
import { createAuditChainStore } from './audit-chain';
import { openDatabase, schemaVersion } from './database';
import { createAuditLog } from './journal';
import { JOURNAL_MIGRATIONS } from './journal-migrations';

let folder: ReturnType<typeof tempFolder>;
beforeEach(() => (folder = tempFolder('guichet-audit-chain-')));
afterEach(() => folder.remove());

const open = (path: string, upTo = JOURNAL_MIGRATIONS.length) =>
  openDatabase(path, { migrations: JOURNAL_MIGRATIONS.slice(0, upTo), synchronous: 'FULL' });

/** Runs `npm run audit:verify`'s entry point on a data folder. */
function verifyCli(dataDir: string) {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'src-main/app/audit-verify-cli.ts', '--data-dir', dataDir],
    { encoding: 'utf8', timeout: 60_000 },
  );
  return { status: run.status, out: run.stdout + run.stderr };
}

describe('journal migration 5: the audit log becomes a hash chain', () => {
  it('chains the lines of a journal at version 4 in order, and new lines chain on', () => {
    const path = join(folder.path, 'journal.db');
    const v4 = open(path, 4);
    const insert = v4.prepare(
      'INSERT INTO audit (at, kind, outcome, detail_json) VALUES (?, ?, ?, ?)',
    );
    insert.run(
      '2026-11-25T10:00:00.000Z',
      'identify',
      'failure',
      '{"code":"identification_failed"}',
    );
    insert.run(
      '2026-11-25T10:01:00.000Z',
      'password_change',
      'queued',
      '{"reference":"AB12-CD34"}',
    );
    insert.run(
      '2026-11-25T10:02:00.000Z',
      'outbox.password.change',
      'applied',
      '{"reference":"AB12-CD34"}',
    );
    v4.close();

    const db = open(path);
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(5);
    const chain = createAuditChainStore(db);
    expect(chain.verify()).toMatchObject({ ok: true, count: 3 });
    const lines = chain.latest(10);
    expect(lines.map((l) => [l.seq, l.action, l.actor, l.outcome, l.subject])).toEqual([
      [1, 'identify', 'student', 'refused', null],
      [2, 'password_change', 'student', 'queued', 'AB12-CD34'],
      [3, 'outbox.password.change', 'kiosk', 'applied', 'AB12-CD34'],
    ]);
    // Older readers still find their columns.
    const legacy = db.prepare("SELECT outcome FROM audit WHERE kind = 'identify'").pluck().get();
    expect(legacy).toBe('failure');

    createAuditLog(db, () => new Date('2026-11-25T10:03:00Z')).record({
      kind: 'identify',
      outcome: 'success',
    });
    expect(chain.verify()).toMatchObject({ ok: true, count: 4 });
    expect(chain.latest(1)[0]!.prevHash).toBe(lines[2]!.hash);
    db.close();
  });

  it('audit:verify passes an intact journal and names the first edited entry', () => {
    const dataDir = folder.path;
    const db = open(join(dataDir, 'journal.db'));
    const log = createAuditLog(db, () => new Date('2026-11-25T10:00:00Z'));
    for (let i = 0; i < 5; i += 1) log.record({ kind: 'identify', outcome: 'success' });
    db.close();
    const intact = verifyCli(dataDir);
    expect(intact.out).toContain('chain intact, 5 entries');
    expect(intact.status).toBe(0);

    // What someone with the disk would do: rewrite one line's outcome in place.
    const edit = open(join(dataDir, 'journal.db'));
    edit.prepare("UPDATE audit SET chain_outcome = 'refused' WHERE seq = 3").run();
    edit.close();
    const broken = verifyCli(dataDir);
    expect(broken.out).toContain('BROKEN at entry #3');
    expect(broken.status).toBe(1);
  }, 60_000); // two process starts (tsx): slow on a busy machine; the bound stops a hang
});
