/**
 * The student's history as an agent reads it: one line per thing that happened, in words. Main
 * merges what the central API reports with what this kiosk knows (its queued writes, its audit
 * lines of staff actions); several of those tell the same action (an online unlock is the API's
 * `account_unlocked`, the kiosk's audit line and its outbox row, queued then sent). Here each
 * action keeps its most telling line, and page views stay in the audit log.
 */
import type { TimelineEntry, TimelineKind } from '../../../src-main/core/staff-timeline';
import { LOCK_REASONS, type LockReason } from '../../../src-main/core/staff-view';
import type { I18n, PlainKey } from '../../i18n/i18n.svelte';
import { TIMELINE_LABELS } from './staff-format';
import {
  actName,
  auditReasonName,
  lockReasonName,
  operationName,
  refusalName,
} from './staff-words';

/** How far a kiosk's clock and the API's may differ, for "the same action", in ms. */
const SKEW_MS = 120_000;

/** Kiosk audit actions that the API also records, with who and why: its line is the one kept. */
const REPORTED_BY_API: Record<string, (e: TimelineEntry) => boolean> = {
  unlock: (e) => e.kind === 'account_unlocked',
  resend_activation: (e) => e.kind === 'activation_email_sent',
  reveal_email: (e) => e.kind === 'staff_action' && e.detail === 'personal_email_revealed',
  handoff_activation: (e) => e.kind === 'staff_action' && e.detail === 'grant_activation',
  handoff_password_reset: (e) => e.kind === 'staff_action' && e.detail === 'grant_password_reset',
};

/** Kiosk audit actions that are not events of the account: the audit log keeps them. */
const AUDIT_ONLY = new Set(['view_student']);

/** The outbox row an entry of `kiosk:outbox:<id>:<step>` belongs to, and the step. */
function outboxStep(entry: TimelineEntry): { row: string; step: string } | null {
  const match = /^kiosk:outbox:(.+):(queued|applied|dead)$/.exec(entry.id);
  return match === null ? null : { row: match[1]!, step: match[2]! };
}

/**
 * The lines to show, in the order given: page views dropped; a queued write shows once (waiting,
 * or refused), and not at all once sent, since the API's own line then says it happened; a staff
 * action the API reported with its author shows as the API's line only.
 */
export function agentLines(entries: readonly TimelineEntry[]): TimelineEntry[] {
  const settled = new Set<string>();
  for (const entry of entries) {
    const step = outboxStep(entry);
    if (step !== null && step.step !== 'queued') settled.add(step.row);
  }
  const apiLines = entries.filter((e) => e.source === 'api');
  const reported = (entry: TimelineEntry) => {
    const same = entry.detail === undefined ? undefined : REPORTED_BY_API[entry.detail];
    if (same === undefined) return false;
    const at = Date.parse(entry.at);
    return apiLines.some(
      (e) => same(e) && e.actor === entry.actor && Date.parse(e.at) >= at - SKEW_MS,
    );
  };
  return entries.filter((entry) => {
    const step = outboxStep(entry);
    if (step !== null) {
      if (step.step === 'applied') return false;
      if (step.step === 'queued') return !settled.has(step.row);
      return true;
    }
    if (entry.source === 'kiosk' && entry.kind === 'staff_action') {
      if (entry.detail !== undefined && AUDIT_ONLY.has(entry.detail)) return false;
      return !reported(entry);
    }
    return true;
  });
}

/** The kinds the student does themselves: "who" says so when no agent is named. */
const BY_STUDENT = new Set<TimelineKind>([
  'activated',
  'charter_accepted',
  'password_changed',
  'password_reset',
  'mail_redirection_changed',
]);

const PROOFS: Partial<Record<string, PlainKey>> = {
  email_code: 'staff.timeline.proof.email_code',
  staff_grant: 'staff.timeline.proof.staff_grant',
  corrected_address: 'staff.timeline.correctedAddress',
};

/** One line in words: what happened (and how), who did it, and why. */
export interface LineWords {
  what: string;
  who: string;
  why: string;
}

/** What one timeline entry says, in staff words; no code shows as it came. */
export function lineWords(entry: TimelineEntry, i18n: I18n): LineWords {
  const label = i18n.t(TIMELINE_LABELS[entry.kind]);
  const detail = entry.detail;
  const also = (words: string | null | undefined) => (words ? `${label} — ${words}` : label);
  let what: string;
  switch (entry.kind) {
    case 'staff_action':
      what = (detail !== undefined && actName(detail, i18n)) || label;
      break;
    case 'account_locked':
      what = also(
        detail !== undefined && (LOCK_REASONS as readonly string[]).includes(detail)
          ? lockReasonName(detail as LockReason, i18n)
          : null,
      );
      break;
    case 'operation_queued':
      // Sent, it has no line of its own (agentLines): a queued line is one still waiting.
      what = also(operationName(detail ?? '', i18n));
      break;
    case 'operation_dead_lettered':
      what = also(detail === undefined ? null : refusalName(detail, i18n));
      break;
    default: {
      const proof = detail === undefined ? undefined : PROOFS[detail];
      what = also(proof === undefined ? null : i18n.t(proof));
    }
  }
  const student = entry.source === 'api' && BY_STUDENT.has(entry.kind);
  return {
    what,
    who: entry.actor ?? (student ? i18n.t('staff.timeline.byStudent') : ''),
    why: entry.reason === undefined ? '' : auditReasonName(entry.reason, i18n),
  };
}
