/**
 * The codes main keeps (audit actions and outcomes, outbox kinds, event details, refusal reasons)
 * in staff words, for the timeline and the audit log. A code with no words yet shows as a generic
 * line where one exists ("Action d'un agent"), and as it came only in the supervisors' audit log,
 * so nothing is lost there.
 */
import { ERROR_CODES, type ErrorCode } from '../../../src-main/core/result';
import {
  IDENTITY_DOCUMENTS,
  STAFF_REASONS,
  type LockReason,
} from '../../../src-main/core/staff-view';
import type { I18n, PlainKey } from '../../i18n/i18n.svelte';
import { LOCK_REASON_LABELS, staffErrorMessage } from './staff-messages';

/** What an agent did (the kiosk's audit action without `staff.`, or the API's event detail). */
const ACTS: Record<string, PlainKey> = {
  sign_in: 'staff.act.sign_in',
  view_student: 'staff.act.view_student',
  reveal_email: 'staff.act.reveal_email',
  personal_email_revealed: 'staff.act.reveal_email',
  resend_activation: 'staff.act.resend_activation',
  unlock: 'staff.act.unlock',
  clear_identification_lockout: 'staff.act.clear_identification_lockout',
  clear_kiosk_budget: 'staff.act.clear_kiosk_budget',
  handoff_activation: 'staff.act.handoff_activation',
  grant_activation: 'staff.act.handoff_activation',
  handoff_password_reset: 'staff.act.handoff_password_reset',
  grant_password_reset: 'staff.act.handoff_password_reset',
  retry_dead_letter: 'staff.act.retry_dead_letter',
  discard_dead_letter: 'staff.act.discard_dead_letter',
  sync_now: 'staff.act.sync_now',
  retry_outbox: 'staff.act.retry_outbox',
  clear_staff_lockouts: 'staff.act.clear_staff_lockouts',
  support_bundle: 'staff.act.support_bundle',
};

/** The student journeys' audit actions. */
const JOURNEYS: Record<string, PlainKey> = {
  identify: 'staff.audit.journey.identify',
  activation_email: 'staff.audit.journey.activation_email',
  activation_code: 'staff.audit.journey.activation_code',
  activation: 'staff.audit.journey.activation',
  mail_login: 'staff.audit.journey.mail_login',
  mail_redirection: 'staff.audit.journey.mail_redirection',
  password_change: 'staff.audit.journey.password_change',
  password_reset_email: 'staff.audit.journey.password_reset_email',
  password_reset: 'staff.audit.journey.password_reset',
  handoff_activation: 'staff.audit.journey.handoff_activation',
  handoff_password_reset: 'staff.audit.journey.handoff_password_reset',
  'student.dead_letter_notice': 'staff.audit.journey.dead_letter_notice',
};

/** The outbox's kinds of queued writes. */
const OPERATIONS: Record<string, PlainKey> = {
  activation: 'staff.operation.activation',
  'password.change': 'staff.operation.password.change',
  'password.reset': 'staff.operation.password.reset',
  'mail.redirection': 'staff.operation.mail.redirection',
  'staff.unlock': 'staff.act.unlock',
  'staff.resend_activation': 'staff.act.resend_activation',
  'staff.reveal_email': 'staff.act.reveal_email',
  'staff.grant': 'staff.operation.staff.grant',
};

const OUTCOMES: Record<string, PlainKey> = {
  success: 'staff.audit.outcome.success',
  refused: 'staff.audit.outcome.refused',
  failure: 'staff.audit.outcome.refused',
  queued: 'staff.audit.outcome.queued',
  applied: 'staff.audit.outcome.applied',
  dead_lettered: 'staff.audit.outcome.dead_lettered',
};

const ACTORS: Record<string, PlainKey> = {
  student: 'staff.audit.actor.student',
  kiosk: 'staff.audit.actor.kiosk',
};

const SIGN_IN: Record<string, PlainKey> = {
  online: 'staff.audit.signIn.online',
  offline: 'staff.audit.signIn.offline',
};

const known = <T extends string>(list: readonly T[]) => new Set<string>(list);
const REASONS = known(STAFF_REASONS);
const DOCUMENTS = known(IDENTITY_DOCUMENTS);
const CODES = known(ERROR_CODES);
const word = (map: Record<string, PlainKey>, code: string) =>
  Object.hasOwn(map, code) ? map[code] : undefined;

/** An agent's action in words, or null for a code without words. */
export function actName(code: string, i18n: I18n): string | null {
  const key = word(ACTS, code);
  return key === undefined ? null : i18n.t(key);
}

/** A queued write's name ("Changement de mot de passe"); a kind without words is "an operation". */
export function operationName(kind: string, i18n: I18n): string {
  return i18n.t(word(OPERATIONS, kind) ?? 'staff.operation.other');
}

/** A staff reason of the closed list in words; anything else as it came. */
export function reasonName(reason: string, i18n: I18n): string {
  return REASONS.has(reason) ? i18n.t(`staff.reason.${reason}` as PlainKey) : reason;
}

/** A lock reason in words. */
export function lockReasonName(reason: LockReason, i18n: I18n): string {
  return i18n.t(LOCK_REASON_LABELS[reason]);
}

/** An error code's staff sentence, without a time. */
function codeSentence(code: ErrorCode, i18n: I18n): string {
  return staffErrorMessage(i18n, { code }, 'UTC', new Date(0));
}

/**
 * Why the API refused a queued operation ("409 account_state", "429 rate_limited, given up
 * after 3 tries"): the first known code in it, in staff words; else as it came.
 */
export function refusalName(reason: string, i18n: I18n): string {
  const code = (reason.match(/[a-z][a-z_]+/g) ?? []).find((token) => CODES.has(token));
  return code === undefined ? reason : codeSentence(code as ErrorCode, i18n);
}

/** An audit line's action: a staff act, a student journey, a queued write's end. */
export function auditActionName(action: string, i18n: I18n): string {
  if (action.startsWith('staff.')) {
    const act = actName(action.slice('staff.'.length), i18n);
    if (act !== null) return act;
  }
  if (action.startsWith('outbox.')) {
    return i18n.t('staff.audit.queuedOperation', {
      operation: operationName(action.slice('outbox.'.length), i18n),
    });
  }
  const journey = word(JOURNEYS, action);
  return journey === undefined ? action : i18n.t(journey);
}

/**
 * An audit line's reason: a staff reason, a refusal code, how an agent signed in, or the
 * journal's compact detail ({"code": …} or {"reference": …}); else as it came.
 */
export function auditReasonName(reason: string, i18n: I18n): string {
  if (REASONS.has(reason)) return reasonName(reason, i18n);
  // A reason with the identity document checked: "forgotten_password (passport)".
  const checked = /^(\w+) \((\w+)\)$/.exec(reason);
  if (checked !== null && REASONS.has(checked[1]!) && DOCUMENTS.has(checked[2]!)) {
    const document = i18n.t(`staff.document.${checked[2]!}` as PlainKey);
    return `${reasonName(checked[1]!, i18n)} (${document})`;
  }
  if (CODES.has(reason)) return codeSentence(reason as ErrorCode, i18n);
  const signIn = word(SIGN_IN, reason);
  if (signIn !== undefined) return i18n.t(signIn);
  if (reason.startsWith('{')) {
    try {
      const detail = JSON.parse(reason) as Record<string, unknown>;
      const parts: string[] = [];
      if (typeof detail.code === 'string' && CODES.has(detail.code))
        parts.push(codeSentence(detail.code as ErrorCode, i18n));
      if (typeof detail.reason === 'string') parts.push(refusalName(detail.reason, i18n));
      if (typeof detail.reference === 'string')
        parts.push(i18n.t('staff.audit.reference', { reference: detail.reference }));
      if (parts.length > 0) return parts.join(' ');
    } catch {
      /* not the journal's detail: shown as it came */
    }
  }
  return reason;
}

export function auditOutcomeName(outcome: string, i18n: I18n): string {
  const key = word(OUTCOMES, outcome);
  return key === undefined ? outcome : i18n.t(key);
}

/** Who: a staff identifier as it is, "student" and "kiosk" in words. */
export function actorName(actor: string, i18n: I18n): string {
  const key = word(ACTORS, actor);
  return key === undefined ? actor : i18n.t(key);
}
