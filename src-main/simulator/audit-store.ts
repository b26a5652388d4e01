/**
 * Audit events the kiosks upload (POST /v1/audit/events), kept per kiosk. Each entry's hash is
 * checked against its content the way the kiosk chains them (core/staff-audit-chain.ts), so an
 * entry edited before upload is refused; a repeated eventId is a duplicate when identical and a
 * conflict otherwise.
 */
import { createHash } from 'node:crypto';
import type { AuditEventWire } from '../api/wire-staff';
import { chainEntry, GENESIS_HASH, type AuditEntry } from '../core/staff-audit-chain';

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

export type AuditUploadOutcome =
  | { ok: true; accepted: number; duplicates: number }
  | { ok: false; code: 'audit_hash_mismatch' | 'audit_event_conflict'; seq: number };

export interface AuditStore {
  /** Stores a batch from one kiosk, all or nothing. */
  upload(deviceId: string, events: readonly AuditEventWire[]): AuditUploadOutcome;
  /** One kiosk's events by seq, from after `afterSeq`. */
  list(
    deviceId: string,
    afterSeq: number,
    limit: number,
  ): { events: AuditEventWire[]; hasMore: boolean };
}

/** Creates an empty store. */
export function createAuditStore(): AuditStore {
  const byDevice = new Map<string, Map<string, AuditEventWire>>();
  const same = (a: AuditEventWire, b: AuditEventWire) => JSON.stringify(a) === JSON.stringify(b);

  return {
    upload(deviceId, events) {
      const stored = byDevice.get(deviceId) ?? new Map<string, AuditEventWire>();
      const batch = new Map<string, AuditEventWire>();
      let duplicates = 0;
      for (const event of events) {
        if (!auditHashHolds(event))
          return { ok: false, code: 'audit_hash_mismatch', seq: event.seq };
        const earlier = stored.get(event.eventId) ?? batch.get(event.eventId);
        if (earlier && !same(earlier, event)) {
          return { ok: false, code: 'audit_event_conflict', seq: event.seq };
        }
        if (earlier) duplicates += 1;
        else batch.set(event.eventId, { ...event });
      }
      for (const [id, event] of batch) stored.set(id, event);
      byDevice.set(deviceId, stored);
      return { ok: true, accepted: batch.size, duplicates };
    },
    list(deviceId, afterSeq, limit) {
      const all = [...(byDevice.get(deviceId)?.values() ?? [])]
        .filter((e) => e.seq > afterSeq)
        .sort((a, b) => a.seq - b.seq);
      return { events: all.slice(0, limit), hasMore: all.length > limit };
    },
  };
}
