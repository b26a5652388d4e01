import { createHmac } from 'node:crypto';
/**
 * Staff sign-in over a real journal (SQLite file, migrations): PIN tries limited per staff
 * identifier and per kiosk (persisted: a restart forgets nothing), offline sign-in only for an
 * agent seen online within the window and only with their PIN, and the role the API last gave.
 * The API is a small in-memory stand-in for the one port sign-in uses (openSession).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StaffSignIn } from '../../api/staff-client';
import { createLockout } from '../../core/lockout';
import { err, ok, type AppError, type Result } from '../../core/result';
import type { StaffRole } from '../../core/staff-roles';
import { openDatabase } from '../../store/database';
import { createAuditLog } from '../../store/journal';
import { JOURNAL_MIGRATIONS } from '../../store/journal-migrations';
import { createLockoutStore } from '../../store/lockout-store';
import { createStaffVerifierStore } from '../../store/staff-verifier-store';
import { createStaffSignIn } from './sign-in';
import { testAuditKey } from '../../../test/support/audit-key';

let dir: string;
let now: number;
/** The API: up or down, and who it knows (a PIN and a role each). */
let apiUp: boolean;
let known: Map<string, { pin: string; role: StaffRole }>;
let apiCalls: number;
/** Seconds the API makes this kiosk wait for every PIN (its own limit); 0 for none. */
let apiWait: number;
beforeEach(() => {
  apiWait = 0;
  dir = mkdtempSync(join(tmpdir(), 'guichet-staff-sign-in-'));
  now = Date.parse('2026-11-25T10:00:00Z');
  apiUp = true;
  apiCalls = 0;
  known = new Map([
    ['agent01', { pin: '482913', role: 'agent' }],
    ['super01', { pin: '917364', role: 'supervisor' }],
  ]);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A kiosk's sign-in over its journal file; a second call is the same kiosk after a restart. */
function kiosk(offlineSignInDays = 7) {
  const db = openDatabase(join(dir, 'journal.db'), {
    migrations: JOURNAL_MIGRATIONS,
    synchronous: 'FULL',
  });
  const clock = { now: () => new Date(now) };
  const signIn = createStaffSignIn({
    api: {
      async openSession(staffId, pin): Promise<Result<StaffSignIn>> {
        apiCalls += 1;
        if (!apiUp) return err<AppError>({ code: 'network' });
        if (apiWait > 0) return err<AppError>({ code: 'rate_limited', retryAfterSeconds: apiWait });
        const member = known.get(staffId);
        if (!member || member.pin !== pin) return err<AppError>({ code: 'staff_pin_invalid' });
        return ok({
          token: `t-${staffId}`,
          expiresIn: 900,
          staffId,
          displayName: staffId,
          role: member.role,
        });
      },
    },
    limiter: createLockout(createLockoutStore(db, 'staff')),
    // Keyed as main keys it (index.ts), with a test key.
    staffKey: (id) => createHmac('sha256', 'test-lookup-key').update(id).digest('base64url'),
    verifiers: createStaffVerifierStore(db),
    verifierKey: Buffer.alloc(32, 7),
    clock,
    offlineSignInDays,
    audit: createAuditLog(db, clock.now, testAuditKey()),
  });
  return { signIn, db };
}
const codeOf = (r: Result<unknown>) => (r.ok ? 'ok' : r.error.code);

describe('staff sign-in limits', () => {
  it('locks one staff identifier after 5 wrong PINs, even with the right one, across a restart', async () => {
    const first = kiosk();
    for (let i = 0; i < 5; i += 1)
      expect(codeOf(await first.signIn('agent01', '000000'))).toBe('staff_pin_invalid');
    first.db.close();
    const again = kiosk();
    const locked = await again.signIn('agent01', '482913');
    expect(locked).toEqual({ ok: false, error: { code: 'locked_out', retryAfterSeconds: 60 } });
    // Another agent is not held up by it; the lock ends with its time.
    expect(codeOf(await again.signIn('super01', '917364'))).toBe('ok');
    now += 61_000;
    expect(codeOf(await again.signIn('agent01', '482913'))).toBe('ok');
  });

  it('lets no burst of parallel tries overtake the limit', async () => {
    const { signIn } = kiosk();
    const codes = await Promise.all(
      Array.from({ length: 100 }, () => signIn('agent01', '000000')).map(async (r) =>
        codeOf(await r),
      ),
    );
    expect(codes.filter((c) => c === 'staff_pin_invalid')).toHaveLength(5);
    expect(apiCalls).toBe(5);
  });

  it('passes on the API’s wait without counting it: the right PIN works when the API says', async () => {
    const { signIn } = kiosk();
    apiWait = 30;
    for (let i = 0; i < 10; i += 1)
      expect(await signIn('agent01', '000000')).toEqual({
        ok: false,
        error: { code: 'rate_limited', retryAfterSeconds: 30 },
      });
    apiWait = 0;
    now += 30_000;
    expect(codeOf(await signIn('agent01', '482913'))).toBe('ok');
  });

  it('slows the kiosk down after 20 wrong PINs whoever they were for', async () => {
    const { signIn } = kiosk();
    for (let i = 0; i < 20; i += 1)
      expect(codeOf(await signIn(`made-up-${i}`, '000000'))).toBe('staff_pin_invalid');
    const slowed = await signIn('agent01', '482913');
    expect(slowed).toMatchObject({ ok: false, error: { code: 'locked_out' } });
    expect(apiCalls).toBe(20);
  });
});

describe('offline staff sign-in', () => {
  it('only an agent seen online within the window, with their PIN, in the role the API gave', async () => {
    const { signIn } = kiosk(7);
    expect(await signIn('super01', '917364')).toMatchObject({
      ok: true,
      value: { role: 'supervisor', offline: false, token: 't-super01' },
    });
    // The API demotes them; the next online sign-in is what offline sign-in remembers.
    known.set('super01', { pin: '917364', role: 'agent' });
    now += 3600_000;
    expect((await signIn('super01', '917364')).ok).toBe(true);
    apiUp = false;
    expect(await signIn('super01', '917364')).toEqual({
      ok: true,
      value: {
        staffId: 'super01',
        displayName: 'super01',
        role: 'agent',
        offline: true,
        token: null,
      },
    });
    expect(codeOf(await signIn('super01', '111111'))).toBe('staff_pin_invalid');
    // Never seen online here: answered as a wrong PIN, so nobody learns who signed in here.
    expect(codeOf(await signIn('agent01', '482913'))).toBe('staff_pin_invalid');
    now += 7 * 24 * 3600_000 + 1;
    expect(codeOf(await signIn('super01', '917364'))).toBe('staff_pin_invalid');
  });

  it('keeps no PIN on disk', async () => {
    const { signIn, db } = kiosk();
    await signIn('agent01', '482913');
    const rows = JSON.stringify(db.prepare('SELECT * FROM staff_verifier').all());
    expect(rows).toContain('"role":"agent"');
    expect(rows).not.toContain('482913');
  });

  it('records no identifier a refused sign-in typed: a PIN typed there stays off the disk', async () => {
    const { signIn, db } = kiosk();
    // The agent typed their PIN in the identifier field, then their identifier and a wrong PIN.
    expect(codeOf(await signIn('482913', '482913'))).toBe('staff_pin_invalid');
    expect(codeOf(await signIn('agent01', '111111'))).toBe('staff_pin_invalid');
    const audit = db.prepare('SELECT actor, subject, reason, detail_json FROM audit').all();
    expect(JSON.stringify(audit)).not.toContain('482913');
    expect(JSON.stringify(audit)).not.toContain('agent01');
    expect(audit).toEqual([
      expect.objectContaining({ actor: 'unknown', reason: 'staff_pin_invalid' }),
      expect.objectContaining({ actor: 'unknown', reason: 'staff_pin_invalid' }),
    ]);
    // The two tags differ: an investigator with the keychain key can tell the attempts apart.
    const tags = audit.map((row) => JSON.parse((row as { detail_json: string }).detail_json));
    expect(tags[0].staffTag).not.toBe(tags[1].staffTag);
  });
});
