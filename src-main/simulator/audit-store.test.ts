import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AuditEventWire } from '../api/wire-staff';
import { chainEntry, type AuditEntry } from '../core/staff-audit-chain';
import { auditHashHolds, createAuditStore } from './audit-store';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

function chain(count: number, action = 'staff.unlock_account'): AuditEventWire[] {
  const out: AuditEventWire[] = [];
  let previous: AuditEntry | null = null;
  for (let i = 0; i < count; i += 1) {
    const draft = {
      at: `2026-11-25T10:0${i}:00.000Z`,
      actor: 'agent01',
      action,
      subject: 'sodegaard',
      reason: 'account_locked',
      outcome: 'success' as const,
    };
    const entry: AuditEntry = chainEntry(previous, draft, digest);
    out.push({ ...entry, eventId: randomUUID() });
    previous = entry;
  }
  return out;
}

describe('audit hashes', () => {
  it('hold for entries chained by the kiosk, and not for an edited one', () => {
    const [first, second] = chain(2);
    expect(first && auditHashHolds(first)).toBe(true);
    expect(second && auditHashHolds(second)).toBe(true);
    expect(second && auditHashHolds({ ...second, outcome: 'refused' })).toBe(false);
    expect(first && auditHashHolds({ ...first, prevHash: second?.hash ?? '' })).toBe(false);
  });
});

describe('the audit store', () => {
  it('keeps a batch once per kiosk and lists it by seq', () => {
    const store = createAuditStore();
    const events = chain(3);
    expect(store.upload('k1', [...events].reverse())).toEqual({
      ok: true,
      accepted: 3,
      duplicates: 0,
    });
    expect(store.upload('k1', events)).toEqual({ ok: true, accepted: 0, duplicates: 3 });
    expect(store.list('k1', 0, 10).events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(store.list('k1', 1, 1)).toMatchObject({ hasMore: true });
    expect(store.list('k2', 0, 10).events).toEqual([]);
  });

  it('refuses a whole batch when one entry does not hold, or reuses an eventId', () => {
    const store = createAuditStore();
    const events = chain(3);
    const edited = events.map((e) => (e.seq === 2 ? { ...e, subject: 'zlefevre' } : e));
    expect(store.upload('k1', edited)).toEqual({
      ok: false,
      code: 'audit_hash_mismatch',
      seq: 2,
    });
    expect(store.list('k1', 0, 10).events).toEqual([]);
    store.upload('k1', events);
    const reused = chain(1, 'staff.lookup').map((e) => ({
      ...e,
      eventId: events[0]?.eventId ?? '',
    }));
    expect(store.upload('k1', reused)).toEqual({ ok: false, code: 'audit_event_conflict', seq: 1 });
  });
});
