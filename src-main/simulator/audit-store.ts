/**
 * Audit events the kiosks upload (POST /v1/audit/events), kept per kiosk. Each entry's hash is
 * checked against its content the way the kiosk chains them (core/staff-audit-chain.ts), and
 * each upload must continue the chain stored for that kiosk: no gap, no second chain, no
 * repeated or skipped sequence, the previous link the stored head's. An entry sent again is a
 * duplicate when identical and a refusal otherwise. The simulator and the server share the
 * check (continueChain).
 */
import { createHash } from 'node:crypto';
import type { AuditEventWire } from '../api/wire-staff';
import { chainEntry, GENESIS_HASH, type AuditEntry } from '../core/staff-audit-chain';
import { isoSeconds } from './time';

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Whether the entry's hash is the hash of its content and link, as the kiosk computes it. */
export function auditHashHolds(event: AuditEventWire): boolean {
  if (event.seq === 1 && event.prevHash !== GENESIS_HASH) return false;
  // chainEntry only reads the previous entry's seq and hash.
  const previous =
    event.seq === 1 ? null : ({ seq: event.seq - 1, hash: event.prevHash } as AuditEntry);
  const { at, actor, action, subject, reason, outcome } = event;
  const rebuilt = chainEntry(previous, { at, actor, action, subject, reason, outcome }, sha256Hex);
  return rebuilt.hash === event.hash;
}

/** Why a batch does not continue the stored chain of its kiosk. */
export type AuditRefusal =
  /** An entry's hash is not the hash of its content and link. */
  | 'audit_hash_mismatch'
  /** An eventId already stored with other content. */
  | 'audit_event_conflict'
  /** A sequence number already stored with another entry: a second chain. */
  | 'audit_chain_fork'
  /** Entries missing between the stored head and the batch. */
  | 'audit_chain_gap'
  /** The previous link is not the stored head's hash. */
  | 'audit_chain_link'
  /** Sequence numbers repeated or out of order within the batch. */
  | 'audit_chain_order';

export type AuditUploadOutcome =
  | { ok: true; accepted: number; duplicates: number }
  | { ok: false; code: AuditRefusal; seq: number };

/** The last entry a kiosk's stored chain ends with, and when it was accepted. */
export interface ChainHead {
  seq: number;
  hash: string;
  at: Date | null;
}

export const EMPTY_HEAD: ChainHead = { seq: 0, hash: GENESIS_HASH, at: null };

/** What the store already holds of a kiosk's chain, for the entries of one batch. */
export interface StoredEntries {
  bySeq(seq: number): AuditEventWire | undefined;
  byEventId(eventId: string): AuditEventWire | undefined;
}

const sameEntry = (a: AuditEventWire, b: AuditEventWire) => {
  const canonical = (e: AuditEventWire) =>
    JSON.stringify(Object.entries(e).sort(([x], [y]) => x.localeCompare(y)));
  return canonical(a) === canonical(b);
};

/**
 * Checks that a batch continues the stored chain: every entry holds, entries already stored
 * come back identical (a batch sent again), and the new ones follow the head one by one, each
 * linked to the one before. All or nothing: the new entries and head, or the first refusal.
 */
export function continueChain(
  head: ChainHead,
  events: readonly AuditEventWire[],
  stored: StoredEntries,
):
  | { ok: true; fresh: AuditEventWire[]; duplicates: number; head: Omit<ChainHead, 'at'> }
  | { ok: false; code: AuditRefusal; seq: number } {
  let last = { seq: head.seq, hash: head.hash };
  let previousSeq = 0;
  const fresh: AuditEventWire[] = [];
  let duplicates = 0;
  for (const event of events) {
    const refuse = (code: AuditRefusal) => ({ ok: false as const, code, seq: event.seq });
    if (event.seq <= previousSeq) return refuse('audit_chain_order');
    previousSeq = event.seq;
    if (!auditHashHolds(event)) return refuse('audit_hash_mismatch');
    const sameId = stored.byEventId(event.eventId);
    if (sameId && !sameEntry(sameId, event)) return refuse('audit_event_conflict');
    const atSeq = stored.bySeq(event.seq);
    if (atSeq) {
      if (!sameEntry(atSeq, event)) return refuse('audit_chain_fork');
      duplicates += 1;
      continue;
    }
    if (event.seq !== last.seq + 1) return refuse('audit_chain_gap');
    if (event.prevHash !== last.hash) return refuse('audit_chain_link');
    fresh.push({ ...event });
    last = { seq: event.seq, hash: event.hash };
  }
  return { ok: true, fresh, duplicates, head: last };
}

export interface AuditStore {
  /** Stores a batch from one kiosk if it continues that kiosk's chain, all or nothing. */
  upload(deviceId: string, events: readonly AuditEventWire[], at: Date): AuditUploadOutcome;
  /** One kiosk's events by seq, from after `afterSeq`, and how far its chain is verified. */
  list(
    deviceId: string,
    afterSeq: number,
    limit: number,
  ): { events: AuditEventWire[]; hasMore: boolean; verified: VerifiedHead | null };
}

/** How far the service verified a kiosk's chain: entry `seq`, accepted at `at` (ISO). */
export interface VerifiedHead {
  seq: number;
  at: string;
}

/** Creates an empty store. */
export function createAuditStore(): AuditStore {
  const byDevice = new Map<
    string,
    { bySeq: Map<number, AuditEventWire>; byId: Map<string, AuditEventWire>; head: ChainHead }
  >();

  return {
    upload(deviceId, events, at) {
      const chain = byDevice.get(deviceId) ?? {
        bySeq: new Map<number, AuditEventWire>(),
        byId: new Map<string, AuditEventWire>(),
        head: EMPTY_HEAD,
      };
      const checked = continueChain(chain.head, events, {
        bySeq: (seq) => chain.bySeq.get(seq),
        byEventId: (id) => chain.byId.get(id),
      });
      if (!checked.ok) return checked;
      for (const event of checked.fresh) {
        chain.bySeq.set(event.seq, event);
        chain.byId.set(event.eventId, event);
      }
      if (checked.fresh.length > 0) chain.head = { ...checked.head, at };
      byDevice.set(deviceId, chain);
      return { ok: true, accepted: checked.fresh.length, duplicates: checked.duplicates };
    },
    list(deviceId, afterSeq, limit) {
      const chain = byDevice.get(deviceId);
      const all = [...(chain?.bySeq.values() ?? [])]
        .filter((e) => e.seq > afterSeq)
        .sort((a, b) => a.seq - b.seq);
      const head = chain?.head;
      return {
        events: all.slice(0, limit),
        hasMore: all.length > limit,
        verified: head?.at ? { seq: head.seq, at: isoSeconds(head.at) } : null,
      };
    },
  };
}
