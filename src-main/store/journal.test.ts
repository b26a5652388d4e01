import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testAuditKey } from '../../test/support/audit-key';
import { tempFolder } from '../../test/support/tmp';
import { createSubjectKeys } from '../secrets/audit-subjects';
import { createAuditChainStore } from './audit-chain';
import { openDatabase, type Db } from './database';
import { createAuditLog } from './journal';
import { JOURNAL_MIGRATIONS } from './journal-migrations';

let folder: ReturnType<typeof tempFolder>;
let db: Db;
beforeEach(() => {
  folder = tempFolder('guichet-journal-');
  db = openDatabase(join(folder.path, 'journal.db'), {
    migrations: JOURNAL_MIGRATIONS,
    synchronous: 'FULL',
  });
});
afterEach(() => {
  db.close();
  folder.remove();
});

const now = () => new Date('2026-11-25T10:00:00Z');
const unlock = (subject: string) => ({
  kind: 'staff.unlock',
  outcome: 'success' as const,
  actor: 'agent01',
  subject,
});

describe('the audit log names an account only by its tag and sealed', () => {
  it('stores no identifier, and finds an account’s lines by its tag', () => {
    const keys = createSubjectKeys(randomBytes(32), null);
    const auditKey = testAuditKey();
    const log = createAuditLog(db, now, auditKey, { subjects: keys });
    log.record(unlock('nmai'));
    log.record(unlock('sodegaard'));
    log.record(unlock('nmai'));
    const raw = db.prepare('SELECT subject FROM audit ORDER BY seq').pluck().all() as string[];
    expect(raw.join(' ')).not.toMatch(/nmai|sodegaard/);
    const chain = createAuditChainStore(db, auditKey);
    expect(chain.byTag(keys.tag('nmai')).map((l) => l.seq)).toEqual([1, 3]);
    expect(chain.verify()).toMatchObject({ ok: true, count: 3 });
  });

  it('refuses a line about an account when it has no keys to protect it', () => {
    const log = createAuditLog(db, now, testAuditKey());
    expect(() => log.record(unlock('nmai'))).toThrow(/subject keys/);
    expect(db.prepare('SELECT count(*) FROM audit').pluck().get()).toBe(0);
  });
});
