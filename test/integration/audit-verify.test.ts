/**
 * `npm run audit:verify` against what someone with the kiosk's disk (and not its keychain) can
 * do to the journal: real journal.db files, the real keychain (gnome-keyring), the CLI as a
 * separate process. The journal is written as the kiosk writes it (its audit key made at start,
 * the lines chained and sealed), and the last entry the API acknowledged is kept in the keychain
 * as the kiosk keeps it after an upload.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startAuditHead } from '../../src-main/app/audit-head';
import { startAuditKey } from '../../src-main/app/audit-key';
import { silentLogger } from '../../src-main/app/logger';
import { chainEntry, type AuditEntry } from '../../src-main/core/staff-audit-chain';
import { createSubjectKeys } from '../../src-main/secrets/audit-subjects';
import { createKeytarStore } from '../../src-main/secrets/keytar-store';
import { SECRET_NAMES } from '../../src-main/secrets/secret-store';
import { sha256Hex } from '../../src-main/store/audit-chain';
import { databaseFiles, openDatabase, type Db } from '../../src-main/store/database';
import { createAuditLog, type AuditLog } from '../../src-main/store/journal';
import { JOURNAL_MIGRATIONS } from '../../src-main/store/journal-migrations';
import { tempFolder } from '../support/tmp';

let folder: ReturnType<typeof tempFolder>;
let service: string;
beforeEach(() => {
  folder = tempFolder('guichet-audit-verify-');
  service = `guichet-it-audit-${process.pid}-${Date.now()}`;
  ticks = 0;
});
afterEach(async () => {
  const secrets = createKeytarStore(service);
  for (const name of Object.values(SECRET_NAMES)) await secrets.delete(name);
  folder.remove();
});

const journalPath = () => join(folder.path, 'journal.db');
const subjects = createSubjectKeys(randomBytes(32), null);
/** A second later at each call, from 09:00 at each test's start, as the kiosk's clock moves. */
let ticks = 0;
const clock = { now: () => new Date(Date.parse('2026-12-07T09:00:00Z') + 1000 * ticks++) };

/**
 * Opens the journal as the kiosk does at start (kiosk.ts): migrated, with the audit key from the
 * keychain, and the last line written kept there; `close` waits for that.
 */
async function openJournal() {
  const db = openDatabase(journalPath(), { migrations: JOURNAL_MIGRATIONS, synchronous: 'FULL' });
  const secrets = createKeytarStore(service);
  const key = await startAuditKey(secrets, db, clock, silentLogger);
  const head = await startAuditHead(secrets, db, silentLogger);
  return {
    db,
    // Subjects as the kiosk keeps them: a keyed tag (no sealing key pinned here).
    log: createAuditLog(db, clock.now, key, { subjects, onAppended: head.note }),
    async close() {
      await head.close();
      db.close();
    },
  };
}

/** Records `n` staff lines. */
function unlocks(log: AuditLog, n: number): void {
  for (let i = 0; i < n; i += 1)
    log.record({
      kind: 'staff.unlock',
      outcome: 'success',
      actor: 'agent01',
      subject: 'nmai',
      reason: 'student_at_desk',
      detail: { source: 'online', attempt: i },
    });
}

/** Six lines, the API having acknowledged up to #4 (as staff/index.ts keeps it). */
async function kioskJournal(): Promise<void> {
  const journal = await openJournal();
  unlocks(journal.log, 6);
  const hash = journal.db.prepare('SELECT hash FROM audit WHERE seq = 4').pluck().get() as string;
  await journal.close();
  await createKeytarStore(service).set(SECRET_NAMES.auditAnchor, JSON.stringify({ seq: 4, hash }));
}

/** Edits journal.db directly, as someone with the disk would. */
function onDisk(edit: (db: Db) => void): void {
  const db = openDatabase(journalPath(), { migrations: JOURNAL_MIGRATIONS, synchronous: 'FULL' });
  edit(db);
  db.close();
}

/** Redoes every public hash from `fromSeq` on with plain SHA-256: no key needed for that. */
function rechainWithPlainSha256(db: Db, fromSeq: number): void {
  const rows = db
    .prepare(
      `SELECT seq, prev_hash AS prevHash, hash, at, actor, kind AS action, subject, reason,
              chain_outcome AS outcome FROM audit ORDER BY seq`,
    )
    .all() as AuditEntry[];
  let previous: AuditEntry | null = rows[fromSeq - 2] ?? null;
  for (const row of rows.slice(fromSeq - 1)) {
    const { seq: _seq, prevHash: _prev, hash: _hash, ...draft } = row;
    const entry = chainEntry(previous, draft, sha256Hex);
    db.prepare('UPDATE audit SET prev_hash = ?, hash = ? WHERE seq = ?').run(
      entry.prevHash,
      entry.hash,
      entry.seq,
    );
    previous = entry;
  }
}

/** Runs `npm run audit:verify`'s entry point on the folder, with this test's keychain. */
function verify(env: Record<string, string> = {}) {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'src-main/app/audit-verify-cli.ts', '--data-dir', folder.path],
    {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, GUICHET_KEYCHAIN_SERVICE: service, ...env },
    },
  );
  return { status: run.status, out: run.stdout + run.stderr };
}

// Each test starts the CLI (tsx) once or twice: slow on a busy machine; the bound stops a hang.
describe('audit:verify', { timeout: 90_000 }, () => {
  it('passes an intact journal: chain, seals and the acknowledged entry', async () => {
    await kioskJournal();
    const run = verify();
    expect(run.out).toContain('chain intact, 6 entries');
    expect(run.out).toContain('every seal holds');
    expect(run.out).toContain('the API acknowledged up to entry #4');
    expect(run.out).toContain('the keychain holds the last entry the kiosk wrote, #6');
    expect(run.status).toBe(0);
  });

  it('sees the tail deleted', async () => {
    await kioskJournal();
    onDisk((db) => db.prepare('DELETE FROM audit WHERE seq > 2').run());
    const run = verify();
    expect(run.out).toContain(
      'the journal ends at entry #2, but the API acknowledged entries up to #4',
    );
    expect(run.status).toBe(1);
  });

  it('sees the entries written since the last acknowledged one deleted, even after a restart', async () => {
    await kioskJournal();
    onDisk((db) => db.prepare('DELETE FROM audit WHERE seq > 4').run());
    const cut = verify();
    expect(cut.out).toContain('the journal ends at entry #4, but the kiosk wrote entries up to #6');
    expect(cut.status).toBe(1);

    // The kiosk starts again on the cut journal and writes on: the cut still shows.
    const journal = await openJournal();
    unlocks(journal.log, 3);
    await journal.close();
    const after = verify();
    expect(after.out).toContain(
      'chain BROKEN at entry #6: it is not the entry the kiosk wrote (the chain was rewritten)',
    );
    expect(after.status).toBe(1);
  });

  it('sees every entry deleted, and the journal itself deleted', async () => {
    await kioskJournal();
    onDisk((db) => db.prepare('DELETE FROM audit').run());
    const emptied = verify();
    expect(emptied.out).toContain(
      'the journal has no entries, but the API acknowledged entries up to #4',
    );
    expect(emptied.status).toBe(1);

    for (const file of databaseFiles(journalPath())) rmSync(file, { force: true });
    const gone = verify();
    expect(gone.out).toContain('there is no journal');
    expect(gone.out).toContain('the kiosk wrote entries up to #6: the journal was deleted');
    expect(gone.status).toBe(1);
  });

  for (const [column, value] of [
    ['detail_json', '{"source":"offline","attempt":2}'],
    ['outcome', 'failure'],
    ['event_id', '00000000-0000-4000-8000-000000000000'],
  ] as const) {
    it(`names the entry whose ${column} was edited (a column outside the hash)`, async () => {
      await kioskJournal();
      onDisk((db) => db.prepare(`UPDATE audit SET ${column} = ? WHERE seq = 3`).run(value));
      const run = verify();
      expect(run.out).toContain(
        "chain BROKEN at entry #3: it was changed, or the chain rewritten from there, by someone without the kiosk's audit key",
      );
      expect(run.status).toBe(1);
    });
  }

  it('names the edited entry when the chain after it was redone with plain SHA-256', async () => {
    await kioskJournal();
    // After the acknowledged entry, so that the anchor alone cannot see it.
    onDisk((db) => {
      db.prepare(
        "UPDATE audit SET actor = 'agent02', subject = 'someone-else' WHERE seq = 5",
      ).run();
      rechainWithPlainSha256(db, 5);
    });
    const run = verify();
    expect(run.out).toContain('chain BROKEN at entry #5');
    expect(run.out).toContain("without the kiosk's audit key");
    expect(run.status).toBe(1);
  });

  it('names an entry whose seal was removed', async () => {
    await kioskJournal();
    onDisk((db) => db.prepare('UPDATE audit SET mac = NULL WHERE seq = 6').run());
    const run = verify();
    expect(run.out).toContain('chain BROKEN at entry #6: it has no seal');
    expect(run.status).toBe(1);
  });

  it('says the entries are not proven when the audit key is missing or the keychain is away', async () => {
    await kioskJournal();
    await createKeytarStore(service).delete(SECRET_NAMES.auditKey);
    const missing = verify();
    expect(missing.out).toContain('NOT PROVEN: the audit key is missing from the keychain');
    expect(missing.status).toBe(1);

    const away = verify({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' });
    expect(away.out).toContain('the keychain did not answer');
    expect(away.out).toContain('NOT checked');
    expect(away.status).toBe(3);
  });

  it('seals the entries of an older journal when the key is made, and says so', async () => {
    const older = openDatabase(journalPath(), {
      migrations: JOURNAL_MIGRATIONS.slice(0, 4),
      synchronous: 'FULL',
    });
    older
      .prepare('INSERT INTO audit (at, kind, outcome, detail_json) VALUES (?, ?, ?, ?)')
      .run('2026-11-25T10:00:00.000Z', 'identify', 'failure', '{"code":"identification_failed"}');
    older.close();
    // Version 5 chained it; the next start migrates to 6, makes the key and seals it.
    const v5 = openDatabase(journalPath(), {
      migrations: JOURNAL_MIGRATIONS.slice(0, 5),
      synchronous: 'FULL',
    });
    v5.close();
    const journal = await openJournal();
    journal.log.record({ kind: 'identify', outcome: 'success' });
    await journal.close();
    const run = verify();
    expect(run.out).toContain('chain intact, 2 entries');
    expect(run.out).toContain(
      'entry #1 was written before the audit key existed and sealed when it was made (2026-12-07T09:00:00.000Z)',
    );
    expect(run.status).toBe(0);
  });
});
