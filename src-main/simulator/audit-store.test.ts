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

const AT = new Date('2026-11-25T10:30:00Z');

describe('the audit store', () => {
  it('keeps a batch once per kiosk, lists it by seq, and says how far it is verified', () => {
    const store = createAuditStore();
    const events = chain(3);
    expect(store.list('k1', 0, 10).verified).toBeNull();
    expect(store.upload('k1', events, AT)).toEqual({ ok: true, accepted: 3, duplicates: 0 });
    expect(store.upload('k1', events, AT)).toEqual({ ok: true, accepted: 0, duplicates: 3 });
    expect(store.list('k1', 0, 10).events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(store.list('k1', 1, 1)).toMatchObject({
      hasMore: true,
      verified: { seq: 3, at: '2026-11-25T10:30:00Z' },
    });
    expect(store.list('k2', 0, 10).events).toEqual([]);
  });

  it('takes a batch that repeats stored entries and continues after them', () => {
    const store = createAuditStore();
    const events = chain(5);
    store.upload('k1', events.slice(0, 3), AT);
    expect(store.upload('k1', events.slice(1), AT)).toEqual({
      ok: true,
      accepted: 2,
      duplicates: 2,
    });
  });

  it('refuses a whole batch when one entry does not hold, or reuses an eventId', () => {
    const store = createAuditStore();
    const events = chain(3);
    const edited = events.map((e) => (e.seq === 2 ? { ...e, subject: 'zlefevre' } : e));
    expect(store.upload('k1', edited, AT)).toEqual({
      ok: false,
      code: 'audit_hash_mismatch',
      seq: 2,
    });
    expect(store.list('k1', 0, 10).events).toEqual([]);
    store.upload('k1', events, AT);
    const reused = chain(1, 'staff.lookup').map((e) => ({
      ...e,
      eventId: events[0]?.eventId ?? '',
    }));
    expect(store.upload('k1', reused, AT)).toEqual({
      ok: false,
      code: 'audit_event_conflict',
      seq: 1,
    });
  });

  it('refuses what does not continue the stored chain: gap, fork, order, wrong link', () => {
    const store = createAuditStore();
    const events = chain(6);
    store.upload('k1', events.slice(0, 2), AT);
    // Entry 3 missing: 4 and 5 do not follow the stored head (2).
    expect(store.upload('k1', events.slice(3, 5), AT)).toEqual({
      ok: false,
      code: 'audit_chain_gap',
      seq: 4,
    });
    // A second chain, each entry valid on its own: seq 2 is stored with other content.
    const other = chain(3, 'staff.lookup');
    expect(store.upload('k1', other.slice(1), AT)).toEqual({
      ok: false,
      code: 'audit_chain_fork',
      seq: 2,
    });
    // Its third entry alone: the right seq, but linked to the other chain's second.
    expect(store.upload('k1', other.slice(2), AT)).toEqual({
      ok: false,
      code: 'audit_chain_link',
      seq: 3,
    });
    // Out of order, or repeated, within one batch.
    const [third, fourth] = [events[2]!, events[3]!];
    expect(store.upload('k1', [third, fourth, third], AT)).toEqual({
      ok: false,
      code: 'audit_chain_order',
      seq: 3,
    });
    expect(store.upload('k1', [third, third], AT)).toEqual({
      ok: false,
      code: 'audit_chain_order',
      seq: 3,
    });
    // A first upload at seq 500, each entry valid: nothing before it.
    expect(createAuditStore().upload('k9', events.slice(4), AT)).toMatchObject({
      ok: false,
      code: 'audit_chain_gap',
    });
    // None of the refusals stored anything: the chain goes on from entry 3.
    expect(store.upload('k1', events.slice(2), AT)).toEqual({
      ok: true,
      accepted: 4,
      duplicates: 0,
    });
  });
});
