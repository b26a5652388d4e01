/**
 * The audit chain goes up to the central API through the outbox, end to end: a live kiosk (real
 * journal, real keychain) against the simulator over HTTP. Lines are recorded in the journal,
 * handed to the outbox in batches while the API is down (queued, sealed), applied in order when
 * it is back, and the simulator holds every line once with the chain intact; then one line
 * edited in journal.db makes `npm run audit:verify` fail, naming it.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chainEntry } from '../../src-main/core/staff-audit-chain';
import { silentLogger } from '../../src-main/app/logger';
import { createSubjectKeys } from '../../src-main/secrets/audit-subjects';
import { createKeytarStore } from '../../src-main/secrets/keytar-store';
import { SECRET_NAMES } from '../../src-main/secrets/secret-store';
import { parseAuditKey } from '../../src-main/secrets/audit-key';
import { openDatabase } from '../../src-main/store/database';
import { createAuditLog } from '../../src-main/store/journal';
import { JOURNAL_MIGRATIONS } from '../../src-main/store/journal-migrations';
import { auditHashHolds } from '../../src-main/simulator/audit-store';
import { useJourneyKiosk } from '../support/journey-kiosk';

const setup = useJourneyKiosk();
const DEVICE = 'kiosk-it-journeys';
const journalPath = () => join(setup.folder.path, 'data', 'journal.db');

/** Records `n` lines in the kiosk's journal, through the journal's own audit log and key. */
async function record(n: number) {
  const db = openDatabase(journalPath(), {
    migrations: JOURNAL_MIGRATIONS,
    synchronous: 'FULL',
    logger: silentLogger,
  });
  const kept = await createKeytarStore(setup.current.service).get(SECRET_NAMES.auditKey);
  const audit = createAuditLog(db, () => new Date(), parseAuditKey(kept!)!, {
    subjects: createSubjectKeys(randomBytes(32), null),
  });
  for (let i = 0; i < n; i += 1)
    audit.record({
      kind: 'staff.view_student',
      outcome: 'success',
      actor: 'agent01',
      subject: 'nmai',
    });
  db.close();
}
const auditQueue = () => {
  const db = new Database(journalPath(), { readonly: true });
  const rows = db
    .prepare("SELECT state, payload_json FROM outbox WHERE kind = 'audit.upload' ORDER BY id")
    .all() as { state: string; payload_json: string }[];
  const lines = db.prepare('SELECT count(*) FROM audit').pluck().get() as number;
  db.close();
  return { rows, lines };
};

describe('audit upload through the outbox', () => {
  it('queues batches while the API is down, applies them in order, and the API holds the chain intact', async () => {
    const { kiosk, simulator } = setup.current;
    simulator.faults.set({ down: true });
    await record(450);
    const handed = await kiosk.uploadAudit();
    const queued = auditQueue();
    expect(handed).toBe(queued.lines);
    // Batches of at most 200 lines (fewer when that would be too big a body), all waiting,
    // their bodies sealed in the journal.
    expect(queued.rows.length).toBeGreaterThanOrEqual(Math.ceil(queued.lines / 200));
    expect(new Set(queued.rows.map((r) => r.state))).toEqual(new Set(['pending']));
    for (const row of queued.rows) expect(row.payload_json).not.toContain('agent01');
    expect(simulator.state.audit.list(DEVICE, 0, 1000).events).toEqual([]);

    simulator.faults.set({ down: false });
    await expect
      .poll(() => auditQueue().rows.map((r) => r.state), { timeout: 30_000 })
      .toEqual(queued.rows.map(() => 'sent'));
    const held = simulator.state.audit.list(DEVICE, 0, 1000).events;
    expect(held.map((e) => e.seq)).toEqual(Array.from({ length: queued.lines }, (_, i) => i + 1));
    held.forEach((event, i) => {
      expect(auditHashHolds(event)).toBe(true);
      if (i > 0) expect(event.prevHash).toBe(held[i - 1]!.hash);
    });
    // Nothing new to upload, and no audit line about the upload itself (it would never end).
    expect(await kiosk.uploadAudit()).toBe(0);
    expect(auditQueue().lines).toBe(queued.lines);

    // One line edited on disk: the verifier names it.
    await setup.current.close();
    const db = new Database(journalPath());
    db.prepare("UPDATE audit SET subject = 'someone-else' WHERE seq = 120").run();
    db.close();
    const verify = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'src-main/app/audit-verify-cli.ts',
        '--data-dir',
        join(setup.folder.path, 'data'),
      ],
      { encoding: 'utf8' },
    );
    expect(verify.status).toBe(1);
    expect(verify.stdout).toContain('BROKEN at entry #120');
  }, 120_000);

  it('shows a supervisor how far the API verified the chain, and a refused upload as an alarm', async () => {
    const { kiosk, simulator } = setup.current;
    await record(3);
    await kiosk.uploadAudit();
    await expect
      .poll(() => simulator.state.audit.list(DEVICE, 0, 10).events.length)
      .toBeGreaterThanOrEqual(3);
    const held = simulator.state.audit.list(DEVICE, 0, 1000).events.length;
    await setup.call('staff.signIn', { staffId: 'super01', pin: '917364' });
    const view = await setup.call<{ central: { seq: number; at: string } | null }>(
      'staff.audit',
      {},
    );
    expect(view.central).toEqual({ seq: held, at: expect.any(String) });

    // Someone with the device credential stores another entry at the API where the kiosk's
    // next one goes: the kiosk's next batch no longer continues the stored chain.
    const [entry] = simulator.state.audit.list(DEVICE, held - 1, 1).events;
    const forged = chainEntry(
      { ...entry!, seq: held, hash: entry!.hash } as never,
      {
        at: new Date().toISOString(),
        actor: 'agent01',
        action: 'staff.view_student',
        subject: 'zz',
        reason: null,
        outcome: 'success',
      },
      (text) => createHash('sha256').update(text, 'utf8').digest('hex'),
    );
    const stored = await setup.current.direct(
      'POST',
      '/v1/audit/events',
      { events: [{ ...forged, eventId: randomUUID() }] },
      { 'idempotency-key': randomUUID() },
    );
    expect(stored.status).toBe(202);
    await record(2);
    await kiosk.uploadAudit();
    await expect
      .poll(
        async () =>
          (await setup.call<{ auditRefused: number }>('staff.diagnostics', {})).auditRefused,
        { timeout: 30_000 },
      )
      .toBe(1);
    expect(auditQueue().rows.at(-1)?.state).toBe('dead');
  });

  it('never uploads a line edited on disk, nor any after it', async () => {
    const { kiosk, simulator } = setup.current;
    await kiosk.uploadAudit();
    await record(3);
    // Edited and re-chained on disk, as someone without the key would: its seal no longer holds.
    const db = new Database(journalPath());
    const head = db.prepare('SELECT max(seq) FROM audit').pluck().get() as number;
    db.prepare("UPDATE audit SET subject = 'someone-else' WHERE seq = ?").run(head - 1);
    const edited = db.prepare('SELECT * FROM audit WHERE seq >= ? ORDER BY seq').all(head - 1) as {
      seq: number;
      prev_hash: string;
      at: string;
      actor: string;
      kind: string;
      subject: string | null;
      reason: string | null;
      chain_outcome: 'success';
    }[];
    let prevHash = edited[0]!.prev_hash;
    for (const row of edited) {
      const entry = chainEntry(
        { seq: row.seq - 1, hash: prevHash } as never,
        {
          at: row.at,
          actor: row.actor,
          action: row.kind,
          subject: row.subject,
          reason: row.reason,
          outcome: row.chain_outcome,
        },
        (text) => createHash('sha256').update(text, 'utf8').digest('hex'),
      );
      db.prepare('UPDATE audit SET prev_hash = ?, hash = ? WHERE seq = ?').run(
        entry.prevHash,
        entry.hash,
        row.seq,
      );
      prevHash = entry.hash;
    }
    db.close();

    expect(await kiosk.uploadAudit()).toBe(1);
    await expect
      .poll(() => simulator.state.audit.list(DEVICE, 0, 1000).events.at(-1)?.seq, {
        timeout: 30_000,
      })
      .toBe(head - 2);
    const held = simulator.state.audit.list(DEVICE, 0, 1000).events;
    expect(held.some((e) => e.subject === 'someone-else')).toBe(false);
  });

  it('audit:verify sees a journal cut before the entry the API acknowledged', async () => {
    const { kiosk, service } = setup.current;
    await record(5);
    await kiosk.uploadAudit();
    const anchor = () => createKeytarStore(service).get(SECRET_NAMES.auditAnchor);
    await expect.poll(anchor).not.toBeNull();
    const { seq } = JSON.parse((await anchor())!) as { seq: number };
    expect(seq).toBeGreaterThanOrEqual(5);
    await setup.current.close();
    const verify = () =>
      spawnSync(
        process.execPath,
        [
          '--import',
          'tsx',
          'src-main/app/audit-verify-cli.ts',
          '--data-dir',
          join(setup.folder.path, 'data'),
        ],
        { encoding: 'utf8', env: { ...process.env, GUICHET_KEYCHAIN_SERVICE: service } },
      );
    const intact = verify();
    expect(intact.status).toBe(0);
    expect(intact.stdout).toContain(`the API acknowledged up to entry #${seq}`);
    // The kiosk made its audit key at start and sealed every line it wrote.
    expect(intact.stdout).toContain('every seal holds');
    // The tail deleted: what is left is a valid chain, but it stops short of the anchor.
    const cut = (where: string) => {
      const db = new Database(journalPath());
      db.prepare(`DELETE FROM audit WHERE ${where}`).run();
      db.close();
    };
    cut('seq > 2');
    expect(verify()).toMatchObject({ status: 1, stdout: expect.stringContaining('deleted') });
    cut('1 = 1');
    expect(verify()).toMatchObject({ status: 1, stdout: expect.stringContaining('deleted') });
  });
});
