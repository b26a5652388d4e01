import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { legacyAuditLine } from '../../test/support/legacy-journal';
import { tempFolder } from '../../test/support/tmp';
import type { Logger } from '../core/ports';
import { createAtRest, sealLegacyRows } from '../outbox/at-rest';
import { parseAuditKey } from '../secrets/audit-key';
import { createSubjectKeys } from '../secrets/audit-subjects';
import { createMemoryStore } from '../secrets/memory-store';
import { SECRET_NAMES, type SecretStore } from '../secrets/secret-store';
import { openAuditSubject, generateSealingKey } from '../simulator/sealing-key';
import { createAuditChainStore } from '../store/audit-chain';
import { openDatabase, type Db } from '../store/database';
import { JOURNAL_MIGRATIONS } from '../store/journal-migrations';
import { parseAuditHead, startAuditHead } from './audit-head';
import { startAuditKey } from './audit-key';
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

/** A line as an older build wrote it: chained, its subject as given, no seal. */
function line(db: Db, subject: string | null, detailJson = '{}') {
  const at = '2026-11-25T10:00:00Z';
  const draft = { at, actor: 'agent01', action: 'staff.unlock', subject, reason: null };
  return legacyAuditLine(db, { ...draft, outcome: 'success' }, detailJson);
}

/** The kiosk's start on a journal: its audit key (made now: the lines there are sealed), its head. */
async function start(db: Db, secrets: SecretStore) {
  const clock = { now: () => new Date('2026-12-01T08:00:00Z') };
  const auditKey = await startAuditKey(secrets, db, clock, silentLogger);
  const auditHead = await startAuditHead(secrets, db, silentLogger);
  return { auditKey, auditHead };
}

const kept = async (secrets: SecretStore, name: string) => parseAuditHead(await secrets.get(name));

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
  it('is sealed and scrubbed; the chain is linked again, sealed again, and what the keychain keeps of it moves with it', async () => {
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
    // The start: the audit key is made (the lines there sealed) and the head kept; the outbox
    // seals its rows, then the audit subjects; then the scrub.
    const { auditKey, auditHead } = await start(db, secrets);
    expect(auditKey.sealedThrough).toBe(3);
    expect(clearTextCount(db)).toBe(3);
    sealLegacyRows(db, createAtRest(randomBytes(32)));
    await protectLegacyJournal({
      db,
      subjects,
      auditKey,
      auditHead,
      secrets,
      logger: silentLogger,
    });
    await auditHead.close();
    expect(clearTextCount(db)).toBe(0);

    // Every seal holds under the kiosk's key: the rewritten lines were sealed again.
    const chain = createAuditChainStore(db, auditKey);
    expect(chain.verify()).toMatchObject({ ok: true, count: 3 });
    expect(chain.notUploaded(10)).toMatchObject({ blockedAt: null });
    const lines = chain.byTag(subjects.tag('nmai-clear-01'));
    expect(lines.map((l) => l.seq)).toEqual([1, 2]);
    expect(await openAuditSubject(sealing, lines[0]!.subject)).toBe('nmai-clear-01');
    // A reference is no account: kept as it was (linked again after the lines before it).
    const last = chain.byEventId(reference.eventId)!;
    expect(last.subject).toBe('K7QM-3XWA');
    expect(last.hash).not.toBe(reference.hash);
    // The acknowledged anchor, the last entry written and the key's mark follow the chain.
    expect(await kept(secrets, SECRET_NAMES.auditAnchor)).toEqual({
      seq: anchored.seq,
      hash: lines[1]!.hash,
    });
    expect(lines[1]!.hash).not.toBe(anchored.hash);
    expect(await kept(secrets, SECRET_NAMES.auditHead)).toEqual({ seq: 3, hash: last.hash });
    const key = parseAuditKey((await secrets.get(SECRET_NAMES.auditKey))!)!;
    expect(key).toMatchObject({ sealedThrough: 3, sealedHash: last.hash });
    expect(key.key.equals(auditKey.key)).toBe(true);
    // While the kiosk runs (the journal open, its WAL in use), and after.
    expect(onDisk('nmai-clear-01')).toEqual([]);
    db.close();
    expect(onDisk('nmai-clear-01')).toEqual([]);
  });

  it('never seals in an edit: a line whose seal does not hold is left as it is and logged, and the chain still shows it', async () => {
    const secrets = createMemoryStore();
    const db = open();
    line(db, 'nmai-clear-01');
    line(db, 'nmai-clear-02');
    line(db, 'nmai-clear-03');
    const { auditKey, auditHead } = await start(db, secrets);
    // The anchor names line 1 as it never was: it is not moved onto the rewritten line.
    const wrongAnchor = { seq: 1, hash: 'f'.repeat(64) };
    await secrets.set(SECRET_NAMES.auditAnchor, JSON.stringify(wrongAnchor));
    // After the key was made, someone with the disk changes line 2's reason.
    db.prepare("UPDATE audit SET reason = 'rien à signaler' WHERE seq = 2").run();
    const edited = db.prepare('SELECT * FROM audit WHERE seq = 2').get();
    expect(createAuditChainStore(db, auditKey).verify()).toMatchObject({ ok: false, brokenAt: 2 });

    const errors: unknown[][] = [];
    const logger: Logger = { ...silentLogger, error: (...args: unknown[]) => errors.push(args) };
    const subjects = createSubjectKeys(randomBytes(32), null);
    await protectLegacyJournal({ db, subjects, auditKey, auditHead, secrets, logger });
    await auditHead.close();

    // Line 2 is exactly as the edit left it (its seal was not redone over the edit)...
    expect(db.prepare('SELECT * FROM audit WHERE seq = 2').get()).toEqual(edited);
    expect(errors).toEqual([
      [
        'audit: entries whose seal does not hold were left as they are',
        expect.objectContaining({ seqs: [2], count: 1 }),
      ],
    ]);
    // ...so the chain is still broken there, and nothing from there on is uploaded; the lines
    // whose seal held were rewritten and sealed again (line 1 holds).
    const chain = createAuditChainStore(db, auditKey);
    expect(chain.verify()).toMatchObject({ ok: false, brokenAt: 2 });
    expect(chain.notUploaded(10)).toMatchObject({ blockedAt: 2 });
    expect(chain.byTag(subjects.tag('nmai-clear-01')).map((l) => l.seq)).toEqual([1]);
    expect(chain.byTag(subjects.tag('nmai-clear-03')).map((l) => l.seq)).toEqual([3]);
    expect(await kept(secrets, SECRET_NAMES.auditAnchor)).toEqual(wrongAnchor);
    db.close();
  });

  it('leaves a journal with nothing in clear as it is', async () => {
    const secrets = createMemoryStore();
    const db = open();
    const subjects = createSubjectKeys(randomBytes(32), null);
    const { auditKey, auditHead } = await start(db, secrets);
    const log = createAuditChainStore(db, auditKey);
    const stored = log.append({
      at: '2026-11-25T10:00:00Z',
      actor: 'agent01',
      action: 'staff.unlock',
      subject: subjects.protect('nmai'),
      reason: null,
      outcome: 'success',
    });
    expect(clearTextCount(db)).toBe(0);
    await protectLegacyJournal({
      db,
      subjects,
      auditKey,
      auditHead,
      secrets,
      logger: silentLogger,
    });
    expect(log.byEventId(stored.eventId)?.hash).toBe(stored.hash);
    expect(log.verify()).toMatchObject({ ok: true, count: 1 });
    db.close();
  });
});
