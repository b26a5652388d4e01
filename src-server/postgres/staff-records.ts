/**
 * What staff read back, in PostgreSQL so that every instance sees the same: each account's
 * events (who did what and why), and the audit entries kiosks upload. The checks are the
 * simulator's (src-main/simulator/account-events.ts, audit-store.ts): one contract.
 */
import type { AccountEventWire, AuditEventWire } from '../../src-main/api/wire-staff';
import type { Clock } from '../../src-main/core/ports';
import { timelineOf, MAX_EVENTS_PER_ACCOUNT } from '../../src-main/simulator/account-events';
import { continueChain, EMPTY_HEAD } from '../../src-main/simulator/audit-store';
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
  note: string | null;
  detail: AccountEventWire['detail'] | null;
}

const toWire = (row: EventRow): AccountEventWire => ({
  id: `ev-${row.id}`,
  at: isoSeconds(row.at),
  kind: row.kind,
  ...(row.actor === null ? {} : { actor: row.actor }),
  ...(row.reason === null ? {} : { reason: row.reason }),
  ...(row.note === null ? {} : { note: row.note }),
  ...(row.detail === null ? {} : { detail: row.detail }),
});

const EVENT_COLUMNS = 'id::text, at, kind, actor, reason, note, detail';

/** Account events over `pool` (migrated). */
export function createPostgresEvents(pool: Pool, clock: Clock): AccountEvents {
  const db = unavailableOnOutage(pool);
  return {
    async record(identifier, kind, fields = {}) {
      await db.query(
        `INSERT INTO account_events (identifier, at, kind, actor, reason, note, detail, device_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          identifier,
          clock.now(),
          kind,
          fields.actor ?? null,
          fields.reason ?? null,
          fields.note ?? null,
          fields.detail ?? null,
          fields.device ?? null,
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

/** The uploaded audit entries over `pool` (migrated), each kiosk's chain checked on upload. */
export function createPostgresAudit(
  pool: Pool,
  /** The account a line's subject names (the sealed identifier opened), or null. */
  accountOf: (subject: string | null) => Promise<string | null> = () => Promise.resolve(null),
): AuditLog {
  const db = unavailableOnOutage(pool);

  return {
    async upload(deviceId, events, at) {
      // Opened before the kiosk's lock is taken: the lock is held for the chain's check only.
      const accounts = new Map(
        await Promise.all(
          events.map(
            async (e) => [e.eventId, await accountOf(e.subject).catch(() => null)] as const,
          ),
        ),
      );
      return db.transaction(async (client) => {
        // One batch of a kiosk at a time, whichever instance: its head moves in turns.
        await client.query("SELECT pg_advisory_xact_lock(hashtextextended('audit:' || $1, 0))", [
          deviceId,
        ]);
        const heads = await client.query<{ seq: number; hash: string; verified_at: Date }>(
          'SELECT seq, hash, verified_at FROM audit_heads WHERE device_id = $1',
          [deviceId],
        );
        const row = heads.rows[0];
        const head = row ? { seq: row.seq, hash: row.hash, at: row.verified_at } : EMPTY_HEAD;
        const { rows } = await client.query<{ body: AuditEventWire }>(
          `SELECT body FROM audit_entries
            WHERE device_id = $1 AND (seq = ANY($2::int[]) OR event_id = ANY($3::text[]))`,
          [deviceId, events.map((e) => e.seq), events.map((e) => e.eventId)],
        );
        const bySeq = new Map(rows.map((r) => [r.body.seq, r.body]));
        const byId = new Map(rows.map((r) => [r.body.eventId, r.body]));
        const checked = continueChain(head, events, {
          bySeq: (seq) => bySeq.get(seq),
          byEventId: (id) => byId.get(id),
        });
        if (!checked.ok) {
          // Kept for the help-desk console's kiosk page (the 422 answers the kiosk only); the
          // transaction commits with the refusal, nothing of the batch is stored.
          await client.query(
            `INSERT INTO audit_refusals (device_id, at, code, seq, entries)
             VALUES ($1, $2, $3, $4, $5)`,
            [deviceId, at, checked.code, checked.seq, events.length],
          );
          return checked;
        }
        for (const event of checked.fresh) {
          await client.query(
            `INSERT INTO audit_entries (device_id, event_id, seq, body, account)
             VALUES ($1, $2, $3, $4, $5)`,
            [
              deviceId,
              event.eventId,
              event.seq,
              JSON.stringify(event),
              accounts.get(event.eventId) ?? null,
            ],
          );
        }
        if (checked.fresh.length > 0)
          await client.query(
            `INSERT INTO audit_heads (device_id, seq, hash, verified_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (device_id) DO UPDATE
               SET seq = EXCLUDED.seq, hash = EXCLUDED.hash, verified_at = EXCLUDED.verified_at`,
            [deviceId, checked.head.seq, checked.head.hash, at],
          );
        return {
          ok: true,
          accepted: checked.fresh.length,
          duplicates: checked.duplicates,
        } as const;
      });
    },
    async list(deviceId, afterSeq, limit) {
      const { rows } = await db.query<{ body: AuditEventWire }>(
        `SELECT body FROM audit_entries WHERE device_id = $1 AND seq > $2
          ORDER BY seq LIMIT $3`,
        [deviceId, afterSeq, limit + 1],
      );
      const heads = await db.query<{ seq: number; verified_at: Date }>(
        'SELECT seq, verified_at FROM audit_heads WHERE device_id = $1',
        [deviceId],
      );
      const head = heads.rows[0];
      return {
        events: rows.slice(0, limit).map((r) => r.body),
        hasMore: rows.length > limit,
        verified: head ? { seq: head.seq, at: isoSeconds(head.verified_at) } : null,
      };
    },
  };
}
