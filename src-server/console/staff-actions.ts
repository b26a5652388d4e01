/**
 * Staff actions across the fleet, for the console: the account events a staff member caused
 * (account_events with an actor: who, what, which account, why, with the agent's note) and the
 * entries of every kiosk's audit chain as the service verified them (who, what, which account,
 * where, with what outcome), filterable, newest first, and as CSV.
 */
import { isoSeconds } from '../../src-main/simulator/time';
import type { Pool } from '../postgres/database';
import { unavailableOnOutage } from '../postgres/outage';

export interface StaffActionFilter {
  kiosk?: string;
  staffId?: string;
  account?: string;
  action?: string;
  from?: Date;
  to?: Date;
}

export interface StaffAction {
  at: string;
  /** account_event: the service's record of the account; kiosk_audit: a kiosk's audit chain. */
  source: 'account_event' | 'kiosk_audit';
  staffId: string;
  action: string;
  /**
   * The account, as stored. TODO(sealed subjects): a kiosk's audit subject is sealed to the
   * API's key (@tag:JWE): open it with openAuditSubject(sealingKey, subject) from
   * src-main/simulator/sealing-key.ts before showing or filtering it.
   */
  account: string | null;
  reason: string | null;
  note: string | null;
  detail: string | null;
  /** The kiosk, for audit entries; the account events do not record it. */
  kiosk: string | null;
  outcome: string | null;
}

/** Most rows one page (or one export) holds. */
export const STAFF_ACTIONS_MAX = 10_000;

export async function staffActions(
  pool: Pool,
  filter: StaffActionFilter,
  limit: number,
): Promise<StaffAction[]> {
  const { rows } = await unavailableOnOutage(pool).query<{
    at: Date;
    source: StaffAction['source'];
    staff_id: string;
    action: string;
    account: string | null;
    reason: string | null;
    note: string | null;
    detail: string | null;
    kiosk: string | null;
    outcome: string | null;
  }>(
    `SELECT * FROM (
       SELECT at, 'account_event' AS source, actor AS staff_id, kind AS action,
              identifier AS account, reason, note, detail, NULL::text AS kiosk,
              NULL::text AS outcome
         FROM account_events WHERE actor IS NOT NULL
       UNION ALL
       SELECT (body->>'at')::timestamptz, 'kiosk_audit', body->>'actor', body->>'action',
              body->>'subject', body->>'reason', NULL, NULL, device_id, body->>'outcome'
         FROM audit_entries) a
      WHERE ($1::text IS NULL OR kiosk = $1) AND ($2::text IS NULL OR staff_id = $2)
        AND ($3::text IS NULL OR account = $3) AND ($4::text IS NULL OR action = $4)
        AND ($5::timestamptz IS NULL OR at >= $5) AND ($6::timestamptz IS NULL OR at < $6)
      ORDER BY at DESC, source, kiosk LIMIT $7`,
    [
      filter.kiosk ?? null,
      filter.staffId ?? null,
      filter.account ?? null,
      filter.action ?? null,
      filter.from ?? null,
      filter.to ?? null,
      Math.min(limit, STAFF_ACTIONS_MAX),
    ],
  );
  return rows.map((r) => ({
    at: isoSeconds(r.at),
    source: r.source,
    staffId: r.staff_id,
    action: r.action,
    account: r.account,
    reason: r.reason,
    note: r.note,
    detail: r.detail,
    kiosk: r.kiosk,
    outcome: r.outcome,
  }));
}

const CSV_COLUMNS = [
  ['at', 'at'],
  ['source', 'source'],
  ['staff', 'staffId'],
  ['action', 'action'],
  ['account', 'account'],
  ['reason', 'reason'],
  ['note', 'note'],
  ['detail', 'detail'],
  ['kiosk', 'kiosk'],
  ['outcome', 'outcome'],
] as const satisfies readonly (readonly [string, keyof StaffAction])[];

/**
 * One CSV cell: always quoted (quotes doubled), and a cell a spreadsheet would read as a formula
 * (starting with = + - @, a tab or a carriage return) prefixed with an apostrophe.
 */
export function csvCell(value: string | null): string {
  const text = value ?? '';
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replaceAll('"', '""')}"`;
}

/** The actions as CSV (RFC 4180, CRLF), with a header line and a UTF-8 byte-order mark. */
export function staffActionsCsv(actions: readonly StaffAction[]): string {
  const lines = [
    CSV_COLUMNS.map(([header]) => csvCell(header)).join(','),
    ...actions.map((a) => CSV_COLUMNS.map(([, key]) => csvCell(a[key])).join(',')),
  ];
  // The mark makes spreadsheets read the accents of French names as UTF-8.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
