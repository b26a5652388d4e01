/**
 * The student concerned by a dead letter (an operation queued offline that the API refused
 * later) is told at their next identification, once per dead letter: a short notice on the
 * result screen sends them to the help desk, where staff see the reason. That they were told is
 * an audit line naming the letters' references, so the notice is not shown again, survives a
 * restart and is part of the chained record. The notice says nothing of what was refused: the
 * screen is in a public place.
 */
import type { StudentNotice } from '../core/student';
import type { OutboxStore } from '../outbox/store';
import type { AuditChainStore } from '../store/audit-chain';
import type { AuditLog } from '../store/journal';

/** The audit action that records a student was told of their dead letters. */
export const DEAD_LETTER_TOLD = 'student.dead_letter_notice';

export interface DeadLetterNoticeDeps {
  outbox: Pick<OutboxStore, 'byAccount'>;
  chain: Pick<AuditChainStore, 'byTag'>;
  /** The keyed tag the chain finds an account's lines by. */
  subjectTag(identifier: string): string;
  audit: AuditLog;
}

/** For an identified account: the notice to show now, or null; records that it was shown. */
export function createDeadLetterNotices(deps: DeadLetterNoticeDeps) {
  return (identifier: string): StudentNotice | null => {
    const dead = deps.outbox.byAccount(identifier).filter((row) => row.state === 'dead');
    if (dead.length === 0) return null;
    const told = new Set(
      deps.chain
        .byTag(deps.subjectTag(identifier))
        .filter((entry) => entry.action === DEAD_LETTER_TOLD)
        .flatMap((entry) => (entry.reason ?? '').split(' ')),
    );
    const news = dead.filter((row) => !told.has(row.reference));
    if (news.length === 0) return null;
    deps.audit.record({
      kind: DEAD_LETTER_TOLD,
      outcome: 'success',
      actor: 'kiosk',
      subject: identifier,
      reason: news.map((row) => row.reference).join(' '),
    });
    return { kind: 'operation_refused', count: news.length };
  };
}
