import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempFolder } from '../../test/support/tmp';
import { createAtRest, sealLegacyRows } from '../outbox/at-rest';
import { createSubjectKeys } from '../secrets/audit-subjects';
import { createMemoryStore } from '../secrets/memory-store';
import { SECRET_NAMES } from '../secrets/secret-store';
import { openAuditSubject, generateSealingKey } from '../simulator/sealing-key';
import { appendChained, createAuditChainStore } from '../store/audit-chain';
import { openDatabase, type Db } from '../store/database';
import { JOURNAL_MIGRATIONS } from '../store/journal-migrations';
import { silentLogger } from './logger';
import { clearTextCount, protectLegacyJournal } from './private-journal';

// A journal an older build wrote (audit subjects and the outbox's account in clear), upgraded
// by a start of this one: nothing of the account stays on disk, the chain holds, its anchor
// follows, and the kiosk still finds the account's lines.

let folder: ReturnType<typeof tempFolder>;
beforeEach(() => (folder = tempFolder('guichet-private-journal-')));
afterEach(() => folder.remove());

const open = (migrations = JOURNAL_MIGRATIONS) =>
  openDatabase(join(folder.path, 'journal.db'), {
    migrations,
    synchronous: 'FULL',
    secureDelete: true,
  });

function line(db: Db, subject: string | null, detailJson = '{}') {
  const at = '2026-11-25T10:00:00Z';
  const draft = { at, actor: 'agent01', action: 'staff.unlock', subject, reason: null };
  return appendChained(db, { ...draft, outcome: 'success' }, { outcome: 'success', detailJson });
}

/** Every place the identifier could be found on disk. */
function onDisk(text: string): string[] {
  return ['journal.db', 'journal.db-wal'].filter((file) => {
    try {
      return readFileSync(join(folder.path, file)).includes(Buffer.from(text));
    } catch {
      return false; // no WAL left
    }
  });
}

describe('an older journal with accounts in clear, at start', () => {
  it('is sealed and scrubbed; the chain is linked again and its anchor moves with it', async () => {
    const older = open(JOURNAL_MIGRATIONS.slice(0, 5));
    line(older, 'nmai-clear-01');
    const anchored = line(older, 'nmai-clear-01');
    const reference = line(older, 'K7QM-3XWA', JSON.stringify({ reference: 'K7QM-3XWA' }));
    older
      .prepare(
        `INSERT INTO outbox (reference, account, kind, method, path, payload_json,
                             idempotency_key, state, next_attempt_at, created_at)
         VALUES ('K7QM-3XWA', 'nmai-clear-01', 'staff.unlock', 'post',
                 '/v1/staff/accounts/nmai-clear-01/unlock', '{}', 'key-0123456789', 'pending', 1, 1)`,
      )
      .run();
    older.close();
    expect(onDisk('nmai-clear-01')).not.toEqual([]);

    const secrets = createMemoryStore();
    await secrets.set(
      SECRET_NAMES.auditAnchor,
      JSON.stringify({ seq: anchored.seq, hash: anchored.hash }),
    );
    const sealing = generateSealingKey();
    const subjects = createSubjectKeys(randomBytes(32), {
      kid: sealing.kid,
      jwk: sealing.describe().jwk,
    });
    const db = open();
    expect(clearTextCount(db)).toBe(3);
    // The start: the outbox seals its rows, then the audit subjects; then the scrub.
    sealLegacyRows(db, createAtRest(randomBytes(32)));
    await protectLegacyJournal(db, subjects, secrets, silentLogger);
    expect(clearTextCount(db)).toBe(0);

    const chain = createAuditChainStore(db);
    expect(chain.verify()).toMatchObject({ ok: true, count: 3 });
    const lines = chain.byTag(subjects.tag('nmai-clear-01'));
    expect(lines.map((l) => l.seq)).toEqual([1, 2]);
    expect(await openAuditSubject(sealing, lines[0]!.subject)).toBe('nmai-clear-01');
    // A reference is no account: kept as it was.
    expect(chain.byEventId(reference.eventId)?.subject).toBe('K7QM-3XWA');
    expect(JSON.parse((await secrets.get(SECRET_NAMES.auditAnchor))!)).toEqual({
      seq: anchored.seq,
      hash: lines[1]!.hash,
    });
    expect(lines[1]!.hash).not.toBe(anchored.hash);
    // While the kiosk runs (the journal open, its WAL in use), and after.
    expect(onDisk('nmai-clear-01')).toEqual([]);
    db.close();
    expect(onDisk('nmai-clear-01')).toEqual([]);
  });

  it('leaves a journal with nothing in clear as it is', async () => {
    const db = open();
    const subjects = createSubjectKeys(randomBytes(32), null);
    const kept = line(db, subjects.protect('nmai'));
    expect(clearTextCount(db)).toBe(0);
    await protectLegacyJournal(db, subjects, createMemoryStore(), silentLogger);
    expect(createAuditChainStore(db).byEventId(kept.eventId)?.hash).toBe(kept.hash);
    db.close();
  });
});
