/**
 * What staff read back, in PostgreSQL so that every instance sees the same: each account's
 * events (who did what and why), and the audit entries kiosks upload. The checks are the
 * simulator's (src-main/simulator/account-events.ts, audit-store.ts): one contract.
 */
import type { AccountEventWire, AuditEventWire } from '../../src-main/api/wire-staff';
import type { Clock } from '../../src-main/core/ports';
import { timelineOf, MAX_EVENTS_PER_ACCOUNT } from '../../src-main/simulator/account-events';
import { auditHashHolds } from '../../src-main/simulator/audit-store';
import type { AccountEvents, AuditLog } from '../../src-main/simulator/backends';
import { isoSeconds } from '../../src-main/simulator/time';
import type { Pool } from './database';
import { unavailableOnOutage } from './outage';

interface EventRow {
  id: string;
  at: Date;
  kind: AccountEventWire['kind'];
  actor: string | null;
  reason: AccountEventWire['reason'] | null;
  detail: AccountEventWire['detail'] | null;
}

const toWire = (row: EventRow): AccountEventWire => ({
  id: `ev-${row.id}`,
  at: isoSeconds(row.at),
  kind: row.kind,
  ...(row.actor === null ? {} : { actor: row.actor }),
  ...(row.reason === null ? {} : { reason: row.reason }),
  ...(row.detail === null ? {} : { detail: row.detail }),
});

const EVENT_COLUMNS = 'id::text, at, kind, actor, reason, detail';

/** Account events over `pool` (migrated). */
export function createPostgresEvents(pool: Pool, clock: Clock): AccountEvents {
  const db = unavailableOnOutage(pool);
  return {
    async record(identifier, kind, fields = {}) {
      await db.query(
        `INSERT INTO account_events (identifier, at, kind, actor, reason, detail)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          identifier,
          clock.now(),
          kind,
          fields.actor ?? null,
          fields.reason ?? null,
          fields.detail ?? null,
        ],
      );
    },
    async list(account) {
      const { rows } = await db.query<EventRow>(
        `SELECT * FROM (SELECT ${EVENT_COLUMNS} FROM account_events WHERE identifier = $1
                          ORDER BY id DESC LIMIT $2) latest ORDER BY id::bigint`,
        [account.identifier, MAX_EVENTS_PER_ACCOUNT],
      );
      return timelineOf(account, rows.map(toWire));
    },
    async latest(identifier, kind) {
      const { rows } = await db.query<EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM account_events WHERE identifier = $1 AND kind = $2
          ORDER BY id DESC LIMIT 1`,
        [identifier, kind],
      );
      return rows[0] ? toWire(rows[0]) : null;
    },
  };
}

/** The uploaded audit entries over `pool` (migrated). */
export function createPostgresAudit(pool: Pool): AuditLog {
  const db = unavailableOnOutage(pool);
  // jsonb keeps its own key order: compare the entries, not their spelling.
  const canonical = (event: AuditEventWire) =>
    JSON.stringify(Object.entries(event).sort(([a], [b]) => a.localeCompare(b)));
  const same = (a: AuditEventWire, b: AuditEventWire) => canonical(a) === canonical(b);

  return {
    async upload(deviceId, events) {
      return db.transaction(async (client) => {
        // One batch of a kiosk at a time: two instances cannot both store one eventId.
        await client.query("SELECT pg_advisory_xact_lock(hashtextextended('audit:' || $1, 0))", [
          deviceId,
        ]);
        const { rows } = await client.query<{ body: AuditEventWire }>(
          'SELECT body FROM audit_entries WHERE device_id = $1 AND event_id = ANY($2)',
          [deviceId, events.map((e) => e.eventId)],
        );
        const stored = new Map(rows.map((r) => [r.body.eventId, r.body]));
        const batch = new Map<string, AuditEventWire>();
        let duplicates = 0;
        for (const event of events) {
          if (!auditHashHolds(event))
            return { ok: false, code: 'audit_hash_mismatch', seq: event.seq } as const;
          const earlier = stored.get(event.eventId) ?? batch.get(event.eventId);
          if (earlier && !same(earlier, event))
            return { ok: false, code: 'audit_event_conflict', seq: event.seq } as const;
          if (earlier) duplicates += 1;
          else batch.set(event.eventId, { ...event });
        }
        for (const event of batch.values()) {
          await client.query(
            'INSERT INTO audit_entries (device_id, event_id, seq, body) VALUES ($1, $2, $3, $4)',
            [deviceId, event.eventId, event.seq, JSON.stringify(event)],
          );
        }
        return { ok: true, accepted: batch.size, duplicates } as const;
      });
    },
    async list(deviceId, afterSeq, limit) {
      const { rows } = await db.query<{ body: AuditEventWire }>(
        `SELECT body FROM audit_entries WHERE device_id = $1 AND seq > $2
          ORDER BY seq, event_id LIMIT $3`,
        [deviceId, afterSeq, limit + 1],
      );
      return { events: rows.slice(0, limit).map((r) => r.body), hasMore: rows.length > limit };
    },
  };
}
