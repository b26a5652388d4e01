/**
 * A kiosk upgraded from a build that kept accounts in clear in its journal (audit subjects,
 * the outbox's account and path): its first start seals them and scrubs the journal, so the
 * identifier is nowhere in journal.db or its WAL while it runs; the chain still holds, the
 * waiting write is still sent for its account, and the audit screen shows the account's tag.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { parseAuditKey } from '../../src-main/secrets/audit-key';
import { createKeytarStore } from '../../src-main/secrets/keytar-store';
import { SECRET_NAMES } from '../../src-main/secrets/secret-store';
import { createAuditChainStore } from '../../src-main/store/audit-chain';
import { openDatabase } from '../../src-main/store/database';
import { JOURNAL_MIGRATIONS } from '../../src-main/store/journal-migrations';
import { startJourneyKiosk, type JourneyKiosk } from '../support/journey-kiosk';
import { legacyAuditLine } from '../support/legacy-journal';
import { tempFolder } from '../support/tmp';

const folder = tempFolder('guichet-it-upgrade-');
let current: JourneyKiosk | null = null;
afterEach(async () => {
  await current?.close();
  folder.remove();
});

/** A journal at version 5 with a staff line and a queued unlock about `identifier`, in clear. */
function olderJournal(dataDir: string, identifier: string) {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = openDatabase(join(dataDir, 'journal.db'), {
    migrations: JOURNAL_MIGRATIONS.slice(0, 5),
    synchronous: 'FULL',
  });
  const draft = { at: new Date().toISOString(), actor: 'agent01', reason: 'account_locked' };
  legacyAuditLine(
    db,
    { ...draft, action: 'staff.unlock', subject: identifier, outcome: 'queued' },
    JSON.stringify({ reference: 'K7QM-3XWA' }),
  );
  db.prepare(
    `INSERT INTO outbox (reference, account, kind, method, path, payload_json, idempotency_key,
                         state, next_attempt_at, created_at)
     VALUES ('K7QM-3XWA', ?, 'staff.unlock', 'post', ?, ?, 'key-upgrade-0123456789',
             'dead', 1, 1)`,
  ).run(
    identifier,
    `/v1/staff/accounts/${identifier}/unlock`,
    JSON.stringify({ verification: { document: 'passport' }, reason: 'account_locked' }),
  );
  db.close();
}

function onDisk(dataDir: string, text: string): string[] {
  return ['journal.db', 'journal.db-wal'].filter((file) => {
    try {
      return readFileSync(join(dataDir, file)).includes(Buffer.from(text));
    } catch {
      return false; // no WAL
    }
  });
}

describe('a journal with accounts in clear, at the first start of this build', () => {
  it('is sealed and scrubbed; the chain holds and the account is still found', async () => {
    const dataDir = folder.file('data');
    olderJournal(dataDir, 'sodegaard');
    expect(onDisk(dataDir, 'sodegaard')).not.toEqual([]);

    current = await startJourneyKiosk(folder);
    expect(onDisk(dataDir, 'sodegaard')).toEqual([]);
    const { kiosk } = current;
    const signIn = await kiosk.dispatch('staff.signIn', { staffId: 'super01', pin: '917364' });
    expect(signIn.ok).toBe(true);
    // The dead letter still names its account at the desk (read back from its sealed copy).
    const dead = await kiosk.dispatch('staff.deadLetters', {});
    expect(dead).toMatchObject({ ok: true, value: [{ identifier: 'sodegaard' }] });
    const audit = await kiosk.dispatch('staff.audit', {});
    if (!audit.ok) throw new Error(audit.error.code);
    const view = audit.value as {
      verdict: { ok: boolean };
      entries: { action: string; subject: string | null; subjectTag: string | null }[];
    };
    expect(view.verdict.ok).toBe(true);
    expect(view.entries[0]).toMatchObject({
      action: 'staff.unlock',
      subject: null,
      subjectTag: expect.stringMatching(/^[0-9a-f]{8}$/),
    });
    // The account's lines are found by its tag: the student page's kiosk entries include it.
    await kiosk.dispatch('staff.student', { identifier: 'sodegaard' });
    const named = await kiosk.dispatch('staff.audit', {});
    if (!named.ok) throw new Error(named.error.code);
    expect((named.value as typeof view).entries[0]).toMatchObject({
      action: 'staff.unlock',
      subject: 'sodegaard',
      subjectTag: view.entries[0]!.subjectTag,
    });
    const db = new Database(join(dataDir, 'journal.db'), { readonly: true });
    expect(
      db.prepare('SELECT count(*) FROM outbox WHERE account_sealed IS NULL').pluck().get(),
    ).toBe(0);
    db.close();
    expect(onDisk(dataDir, 'sodegaard')).toEqual([]);
  });

  it(
    'never seals in a line edited on disk: the start leaves it, and audit:verify still names it',
    {
      timeout: 90_000,
    },
    async () => {
      const dataDir = folder.file('data');
      current = await startJourneyKiosk(folder);
      const { service } = current;
      await current.close();
      current = null;
      // The previous build's lines: chained and sealed with the kiosk's audit key, the account in
      // clear. Then, the kiosk off, someone with the disk changes the middle one's reason.
      const secrets = createKeytarStore(service);
      const auditKey = parseAuditKey((await secrets.get(SECRET_NAMES.auditKey))!)!;
      const db = openDatabase(join(dataDir, 'journal.db'), {
        migrations: JOURNAL_MIGRATIONS,
        synchronous: 'FULL',
      });
      const chain = createAuditChainStore(db, auditKey);
      const draft = {
        at: new Date().toISOString(),
        actor: 'agent01',
        action: 'staff.unlock',
        subject: 'sodegaard',
        reason: 'account_locked',
        outcome: 'success' as const,
      };
      const [, edited] = [chain.append(draft), chain.append(draft), chain.append(draft)];
      db.prepare("UPDATE audit SET reason = 'student_at_desk' WHERE seq = ?").run(edited!.seq);
      db.close();

      current = await startJourneyKiosk(folder, { keychainService: service });
      await current.close();
      current = null;
      // Only the edited line keeps the account in clear: the others were sealed.
      const after = new Database(join(dataDir, 'journal.db'), { readonly: true });
      const clear = after
        .prepare("SELECT seq, reason FROM audit WHERE subject = 'sodegaard'")
        .all() as { seq: number; reason: string }[];
      after.close();
      expect(clear).toEqual([{ seq: edited!.seq, reason: 'student_at_desk' }]);
      const run = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'src-main/app/audit-verify-cli.ts', '--data-dir', dataDir],
        {
          encoding: 'utf8',
          timeout: 60_000,
          env: { ...process.env, GUICHET_KEYCHAIN_SERVICE: service },
        },
      );
      expect(run.stdout).toContain(`chain BROKEN at entry #${edited!.seq}`);
      expect(run.status).toBe(1);
    },
  );
});
