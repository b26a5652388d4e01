import type { Db } from './database';

/**
 * How a request ended: done or refused at once; or accepted into the outbox offline ("queued",
 * with its reference) and later "applied" by the API or "dead_lettered" with the API's reason,
 * each a line of its own with the same reference.
 */
export type AuditOutcome = 'success' | 'failure' | 'queued' | 'applied' | 'dead_lettered';

/** One line of the audit trail. `detail` must never hold a password, birth date or student number. */
export interface AuditEvent {
  kind: string;
  outcome: AuditOutcome;
  detail?: Record<string, string | number | boolean>;
}

/** Appends audit events to the journal. */
export function createAuditLog(db: Db, now: () => Date) {
  const insert = db.prepare(
    'INSERT INTO audit (at, kind, outcome, detail_json) VALUES (?, ?, ?, ?)',
  );
  return {
    record(event: AuditEvent): void {
      insert.run(
        now().toISOString(),
        event.kind,
        event.outcome,
        JSON.stringify(event.detail ?? {}),
      );
    },
    count(kind: string): number {
      return (
        db.prepare('SELECT count(*) AS n FROM audit WHERE kind = ?').get(kind) as { n: number }
      ).n;
    },
  };
}
export type AuditLog = ReturnType<typeof createAuditLog>;
