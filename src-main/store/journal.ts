import type { Db } from './database';

/** One line of the audit trail. `detail` must never hold a password, birth date or student number. */
export interface AuditEvent {
  kind: string;
  outcome: 'success' | 'failure';
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
