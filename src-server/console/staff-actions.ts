/**
 * Staff actions across the fleet, for the console: the account events a staff member caused
 * (account_events with an actor: who, what, which account, why, with the agent's note) and the
 * entries of every kiosk's audit chain as the service verified them (who, what, which account,
 * where, with what outcome), filterable, newest first, and as CSV.
 */
import {
  parseSubject,
  SUBJECT_TAG_LENGTH,
  SUBJECT_TAG_SHOWN,
} from '../../src-main/core/audit-subject';
import type { StaffAction } from '../../src-main/core/console-view';
import { isoSeconds } from '../../src-main/simulator/time';

export type { StaffAction };
import type { Pool } from '../postgres/database';
import { unavailableOnOutage } from '../postgres/outage';

export interface StaffActionFilter {
  kiosk?: string;
  staffId?: string;
  /** An identifier, or the tag a kiosk's staff screens show (8 to 16 hex characters). */
  account?: string;
  action?: string;
  from?: Date;
  to?: Date;
}

/** A protected subject in SQL (core/audit-subject.ts): its tag, then maybe its sealed part. */
const SEALED = `^@[0-9a-f]{${SUBJECT_TAG_LENGTH}}(:|$)`;

/** Most rows one page (or one export) holds. */
export const STAFF_ACTIONS_MAX = 10_000;

/**
 * The actions matching `filter`, newest first. `open` opens a sealed subject the service could
 * not open when it stored the line (lines from before it kept the account, or a key rotated in
 * since): only the rows returned are opened.
 */
export async function staffActions(
  pool: Pool,
  filter: StaffActionFilter,
  limit: number,
  open: (subject: string) => Promise<string | null> = () => Promise.resolve(null),
): Promise<StaffAction[]> {
  const { rows } = await unavailableOnOutage(pool).query<{
    at: Date;
    source: StaffAction['source'];
    staff_id: string;
    action: string;
    account: string | null;
    subject: string | null;
    reason: string | null;
    note: string | null;
    detail: string | null;
    kiosk: string | null;
    outcome: string | null;
  }>(
    `SELECT * FROM (
       SELECT at, 'account_event' AS source, actor AS staff_id, kind AS action,
              identifier AS account, NULL::text AS subject, reason, note, detail,
              device_id AS kiosk, NULL::text AS outcome
         FROM account_events WHERE actor IS NOT NULL
       UNION ALL
       SELECT (body->>'at')::timestamptz, 'kiosk_audit', body->>'actor', body->>'action',
              -- The account opened on upload; a subject that is no sealed account as it is.
              COALESCE(account, CASE WHEN body->>'subject' ~ '${SEALED}' THEN NULL
                                     ELSE body->>'subject' END),
              body->>'subject', body->>'reason', NULL, NULL, device_id, body->>'outcome'
         FROM audit_entries) a
      WHERE ($1::text IS NULL OR kiosk = $1) AND ($2::text IS NULL OR staff_id = $2)
        AND ($3::text IS NULL OR account = $3 OR ($3 ~ '^[0-9a-f]{8,16}$' AND subject LIKE '@' || $3 || '%')) AND ($4::text IS NULL OR action = $4)
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
  return Promise.all(
    rows.map(async (r) => {
      const sealed = r.subject === null ? null : parseSubject(r.subject);
      const account =
        r.account ?? (sealed === null ? null : await open(r.subject!).catch(() => null));
      return row(r, account, sealed ? sealed.tag.slice(0, SUBJECT_TAG_SHOWN) : null);
    }),
  );
}

function row(
  r: {
    at: Date;
    source: StaffAction['source'];
    staff_id: string;
    action: string;
    reason: string | null;
    note: string | null;
    detail: string | null;
    kiosk: string | null;
    outcome: string | null;
  },
  account: string | null,
  accountTag: string | null,
): StaffAction {
  return {
    at: isoSeconds(r.at),
    source: r.source,
    staffId: r.staff_id,
    action: r.action,
    account,
    accountTag,
    reason: r.reason,
    note: r.note,
    detail: r.detail,
    kiosk: r.kiosk,
    outcome: r.outcome,
  };
}

const CSV_COLUMNS = [
  ['at', 'at'],
  ['source', 'source'],
  ['staff', 'staffId'],
  ['action', 'action'],
  ['account', 'account'],
  ['account tag', 'accountTag'],
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
