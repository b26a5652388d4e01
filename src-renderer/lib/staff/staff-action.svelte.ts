/**
 * One staff action being prepared: which one, why (closed list), an optional note, and, for the
 * actions that need it, the identity document checked in person (type only, never its number).
 * The form refuses locally what main would refuse, so the agent corrects before anything is sent.
 */
import {
  IDENTITY_DOCUMENTS,
  STAFF_REASONS,
  type IdentityDocument,
  type StaffReason,
} from '../../../src-main/core/staff-view';

export type StaffActionKind =
  | 'reveal'
  | 'resend'
  | 'unlock'
  | 'clearLockout'
  | 'clearBudget'
  | 'handOffActivation'
  | 'handOffReset'
  | 'retryDeadLetter'
  | 'discardDeadLetter';

/** Actions that act for the student in person: the agent must have checked an identity document. */
const NEEDS_DOCUMENT: ReadonlySet<StaffActionKind> = new Set([
  'reveal',
  'unlock',
  'handOffActivation',
  'handOffReset',
]);

export type ActionProblem = 'reason' | 'document' | 'email';

export { IDENTITY_DOCUMENTS, STAFF_REASONS };

export class StaffActionForm {
  reason = $state<StaffReason | ''>('');
  note = $state('');
  document = $state<IdentityDocument | ''>('');
  /** Resend only: a corrected personal address, allowed after an in-person check. */
  correctedEmail = $state('');
  problem = $state<ActionProblem | null>(null);

  readonly kind: StaffActionKind;
  /** The dead letter concerned, for retry/discard. */
  readonly target: number | null;

  constructor(kind: StaffActionKind, target: number | null = null) {
    this.kind = kind;
    this.target = target;
  }

  get needsDocument(): boolean {
    return NEEDS_DOCUMENT.has(this.kind) || (this.kind === 'resend' && this.correctedEmail !== '');
  }

  get offersDocument(): boolean {
    return NEEDS_DOCUMENT.has(this.kind) || this.kind === 'resend';
  }

  /** Null when the form may be sent; else the first thing to correct. */
  check(): ActionProblem | null {
    this.problem = null;
    if (this.reason === '') this.problem = 'reason';
    else if (this.needsDocument && this.document === '') this.problem = 'document';
    else if (this.correctedEmail !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(this.correctedEmail))
      this.problem = 'email';
    return this.problem;
  }

  /** The common part of every action's input. */
  base(): { reason: StaffReason; note?: string } {
    const note = this.note.trim();
    return { reason: this.reason as StaffReason, ...(note === '' ? {} : { note }) };
  }

  verification(): { document: IdentityDocument } | undefined {
    return this.document === '' ? undefined : { document: this.document };
  }
}
