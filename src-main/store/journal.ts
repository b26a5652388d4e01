import { MAX_SUBJECT_LENGTH } from '../core/audit-subject';
import type { AuditDraft } from '../core/staff-audit-chain';
import type { AuditKey } from '../secrets/audit-key';
import type { SubjectKeys } from '../secrets/audit-subjects';
import { createAuditChainStore, type StoredAuditEntry } from './audit-chain';
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
  /** Who: a staff identifier; defaults to `kiosk` for the outbox's lines, `student` otherwise. */
  actor?: string;
  /**
   * What about: an account identifier, stored keyed and sealed (core/audit-subject.ts); defaults
   * to the detail's outbox reference, kept as it is.
   */
  subject?: string;
  /** Why (a staff action's reason and note); defaults to the detail, compacted. */
  reason?: string;
}

const CHAIN_OUTCOME: Record<AuditOutcome, AuditDraft['outcome']> = {
  success: 'success',
  failure: 'refused',
  queued: 'queued',
  applied: 'applied',
  dead_lettered: 'dead_lettered',
};

/** The chained fields of a line (migration 5 chains the older lines the same way). */
export function auditDraftOf(event: AuditEvent, at: string): AuditDraft {
  const detail = event.detail ?? {};
  const reference = typeof detail.reference === 'string' ? detail.reference : null;
  const compact = Object.keys(detail).length > 0 ? JSON.stringify(detail) : null;
  return {
    at,
    actor: event.actor ?? (event.kind.startsWith('outbox.') ? 'kiosk' : 'student'),
    action: event.kind.slice(0, 64),
    subject: (event.subject ?? reference)?.slice(0, MAX_SUBJECT_LENGTH) ?? null,
    reason: (event.reason ?? compact)?.slice(0, 600) ?? null,
    outcome: CHAIN_OUTCOME[event.outcome],
  };
}

/**
 * Appends audit events to the journal, each chained to the one before and sealed with the
 * keychain's audit key (audit-chain.ts). An account subject is never stored in clear: without
 * `subjects`, a line naming one is refused.
 */
export function createAuditLog(
  db: Db,
  now: () => Date,
  auditKey: AuditKey,
  options: {
    /** Protects an account subject (a keyed tag and the identifier sealed to the API). */
    subjects?: Pick<SubjectKeys, 'protect'>;
    /** Told of each line once it is written (the kiosk keeps the head in its keychain). */
    onAppended?: (entry: StoredAuditEntry) => void;
  } = {},
) {
  const { subjects, onAppended } = options;
  const chain = createAuditChainStore(db, auditKey);
  const subjectOf = (identifier: string | undefined) => {
    if (identifier === undefined) return undefined;
    if (!subjects) throw new Error('audit: an account subject needs the subject keys');
    return subjects.protect(identifier);
  };
  return {
    record(event: AuditEvent): void {
      const subject = subjectOf(event.subject);
      const stored = { ...event, ...(subject !== undefined && { subject }) };
      const entry = chain.append(auditDraftOf(stored, now().toISOString()), {
        outcome: event.outcome,
        detailJson: JSON.stringify(event.detail ?? {}),
      });
      onAppended?.(entry);
    },
    count(kind: string): number {
      return (
        db.prepare('SELECT count(*) AS n FROM audit WHERE kind = ?').get(kind) as { n: number }
      ).n;
    },
  };
}
export type AuditLog = ReturnType<typeof createAuditLog>;
