import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chainEntry, type AuditEntry } from '../core/staff-audit-chain';
import { testAuditKey } from '../../test/support/audit-key';
import { tempFolder } from '../../test/support/tmp';
import type { AuditKey } from '../secrets/audit-key';
import {
  createAuditChainStore,
  sealBeforeKeying,
  sha256Hex,
  verifyAuditJournal,
} from './audit-chain';
import { openDatabase, schemaVersion, type Db } from './database';
import { createAuditLog } from './journal';
import { JOURNAL_MIGRATIONS } from './journal-migrations';

let folder: ReturnType<typeof tempFolder>;
beforeEach(() => (folder = tempFolder('guichet-audit-chain-')));
afterEach(() => folder.remove());

const open = (path: string, upTo = JOURNAL_MIGRATIONS.length) =>
  openDatabase(path, { migrations: JOURNAL_MIGRATIONS.slice(0, upTo), synchronous: 'FULL' });

/** A journal at version 4 with three lines, as an older kiosk wrote them. */
function journalAtVersion4(path: string): void {
  const v4 = open(path, 4);
  const insert = v4.prepare(
    'INSERT INTO audit (at, kind, outcome, detail_json) VALUES (?, ?, ?, ?)',
  );
  insert.run('2026-11-25T10:00:00.000Z', 'identify', 'failure', '{"code":"identification_failed"}');
  insert.run('2026-11-25T10:01:00.000Z', 'password_change', 'queued', '{"reference":"AB12-CD34"}');
  insert.run(
    '2026-11-25T10:02:00.000Z',
    'outbox.password.change',
    'applied',
    '{"reference":"AB12-CD34"}',
  );
  v4.close();
}

/** A current journal with `n` lines written by the kiosk's audit log under `key`. */
function sealedJournal(key: AuditKey, n = 5): Db {
  const db = open(join(folder.path, 'journal.db'));
  const log = createAuditLog(db, () => new Date('2026-11-25T10:00:00Z'), key);
  for (let i = 0; i < n; i += 1)
    log.record({ kind: 'identify', outcome: 'success', detail: { source: 'online', i } });
  return db;
}

/** What someone with the disk and no key can do: redo every public hash from `fromSeq` on. */
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

describe('journal migration 5: the audit log becomes a hash chain', () => {
  it('chains the lines of a journal at version 4 in order, and new lines chain on', () => {
    const path = join(folder.path, 'journal.db');
    journalAtVersion4(path);
    const v5 = open(path, 5);
    expect(schemaVersion(v5)).toBe(5);
    expect(verifyAuditJournal(v5, null)).toMatchObject({ ok: true, count: 3 });
    v5.close();

    const db = open(path);
    const key = { ...testAuditKey(), sealedThrough: 3 };
    sealBeforeKeying(db, key);
    const chain = createAuditChainStore(db, key);
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

    createAuditLog(db, () => new Date('2026-11-25T10:03:00Z'), key).record({
      kind: 'identify',
      outcome: 'success',
    });
    expect(chain.verify()).toMatchObject({ ok: true, count: 4 });
    expect(chain.latest(1)[0]!.prevHash).toBe(lines[2]!.hash);
    db.close();
  });
});

describe('journal migration 6: every audit line is sealed with the keychain key', () => {
  it('leaves the earlier lines unsealed until the key is made, then seals exactly those', () => {
    const path = join(folder.path, 'journal.db');
    journalAtVersion4(path);
    open(path, 5).close();
    const db = open(path);
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(6);
    const key = { ...testAuditKey(), sealedThrough: 3 };
    // Before the kiosk made its key, nothing proves these lines: they are named as unsealed.
    expect(verifyAuditJournal(db, key.key)).toEqual({ ok: false, brokenAt: 1, why: 'unsealed' });
    expect(sealBeforeKeying(db, key)).toBe(3);
    expect(verifyAuditJournal(db, key.key)).toMatchObject({ ok: true, count: 3 });
    // Once made, sealing again touches nothing: a line stripped of its seal later stays named.
    db.prepare('UPDATE audit SET mac = NULL WHERE seq = 2').run();
    expect(sealBeforeKeying(db, { ...key, sealedThrough: 0 })).toBe(0);
    expect(verifyAuditJournal(db, key.key)).toEqual({ ok: false, brokenAt: 2, why: 'unsealed' });
    db.close();
  });

  it('names the line when any one of its columns is edited, each column in turn', () => {
    const key = testAuditKey();
    const db = sealedJournal(key);
    createAuditChainStore(db, key).markUploaded(1, 2, Date.parse('2026-11-25T10:05:00Z'));
    expect(verifyAuditJournal(db, key.key)).toMatchObject({ ok: true, count: 5 });
    const columns = db.prepare("SELECT name, type FROM pragma_table_info('audit')").all() as {
      name: string;
      type: string;
    }[];
    // Every column there is, those a later migration adds included.
    expect(columns.map((c) => c.name)).toEqual(
      expect.arrayContaining(['id', 'outcome', 'detail_json', 'event_id', 'uploaded_at', 'mac']),
    );
    for (const { name, type } of columns) {
      const current = db.prepare(`SELECT "${name}" FROM audit WHERE seq = 2`).pluck().get();
      const changed =
        type === 'INTEGER'
          ? Number(current ?? 0) + 1000
          : current === null
            ? 'x'
            : `${String(current).slice(0, -1)}${String(current).endsWith('0') ? '1' : '0'}`;
      db.exec('SAVEPOINT edit');
      db.prepare(`UPDATE audit SET "${name}" = ? WHERE seq = 2`).run(changed);
      const verdict = verifyAuditJournal(db, key.key);
      db.exec('ROLLBACK TO edit; RELEASE edit');
      // Moving line 2 elsewhere in the order shows at the line that now comes where it was.
      expect({ name, verdict }).toMatchObject({
        name,
        verdict: { ok: false, brokenAt: name === 'seq' ? 3 : 2 },
      });
    }
    expect(verifyAuditJournal(db, key.key)).toMatchObject({ ok: true, count: 5 });
    db.close();
  });

  it('names the edited line when the chain after it is redone with plain SHA-256', () => {
    const key = testAuditKey();
    const db = sealedJournal(key);
    db.prepare("UPDATE audit SET subject = 'someone-else' WHERE seq = 3").run();
    rechainWithPlainSha256(db, 3);
    // The public chain holds again: only the key shows the rewrite.
    expect(verifyAuditJournal(db, null)).toMatchObject({ ok: true, count: 5 });
    expect(verifyAuditJournal(db, key.key)).toEqual({ ok: false, brokenAt: 3, why: 'seal' });
    db.close();
  });

  it('hands the upload no line edited on disk, nor any after it', () => {
    const key = testAuditKey();
    const db = sealedJournal(key);
    db.prepare(`UPDATE audit SET detail_json = '{"source":"offline"}' WHERE seq = 3`).run();
    const { lines, blockedAt } = createAuditChainStore(db, key).notUploaded(10);
    expect(lines.map((l) => l.seq)).toEqual([1, 2]);
    expect(blockedAt).toBe(3);
    db.close();
  });

  it('never seals in an edit when it marks lines uploaded', () => {
    const key = testAuditKey();
    const db = sealedJournal(key);
    db.prepare(`UPDATE audit SET detail_json = '{"source":"offline"}' WHERE seq = 2`).run();
    const chain = createAuditChainStore(db, key);
    expect(chain.markUploaded(1, 3, Date.parse('2026-11-25T10:05:00Z'))).toBe(2);
    expect(chain.verify()).toEqual({ ok: false, brokenAt: 2, why: 'seal' });
    db.close();
  });
});
