/**
 * The console's codes in words (attention, modes, refused uploads, staff actions, accounts) and
 * its times: ages "il y a 3 minutes", instants as the staff screens say them ("14 h 32",
 * "hier 9 h 10"). A code the page has no words for yet gets a generic text, never the code.
 */
import { parseSubject, SUBJECT_TAG_SHOWN } from '../../../src-main/core/audit-subject';
import type { I18n, PlainKey } from '../../i18n/i18n.svelte';
import { staffPhrase, staffWhen, TIMELINE_LABELS } from '../../lib/staff/staff-format';
import {
  actorName,
  auditActionName,
  auditReasonName,
  operationName,
  refusalName,
} from '../../lib/staff/staff-words';
import type { ConsoleError } from './console-api';
import type { AttentionCode, KioskMode, StaffActionWire } from './console-wire';

const ATTENTION: Record<AttentionCode, PlainKey> = {
  silent: 'console.attention.silent',
  audit_refused: 'console.attention.audit_refused',
  dead_letters: 'console.attention.dead_letters',
  outbox_growing: 'console.attention.outbox_growing',
  disk_low: 'console.attention.disk_low',
};

const MODES: Record<KioskMode, PlainKey> = {
  online: 'console.mode.online',
  offline: 'console.mode.offline',
  demo: 'console.mode.demo',
};

/** The audit upload refusals (the 422 codes of POST /v1/audit/events). */
const REFUSALS: Record<
  | 'audit_hash_mismatch'
  | 'audit_event_conflict'
  | 'audit_chain_fork'
  | 'audit_chain_gap'
  | 'audit_chain_link'
  | 'audit_chain_order',
  PlainKey
> = {
  audit_hash_mismatch: 'console.refusal.audit_hash_mismatch',
  audit_event_conflict: 'console.refusal.audit_event_conflict',
  audit_chain_fork: 'console.refusal.audit_chain_fork',
  audit_chain_gap: 'console.refusal.audit_chain_gap',
  audit_chain_link: 'console.refusal.audit_chain_link',
  audit_chain_order: 'console.refusal.audit_chain_order',
};

const has = <T extends string>(map: Record<T, PlainKey>, code: string): code is T =>
  Object.hasOwn(map, code);

/** Why a kiosk needs someone, in words. */
export function attentionName(code: string, i18n: I18n): string {
  return i18n.t(has(ATTENTION, code) ? ATTENTION[code] : 'console.attention.other');
}

/** How the kiosk said it works; unknown when it never said. */
export function modeName(mode: string | null, i18n: I18n): string {
  return i18n.t(mode !== null && has(MODES, mode) ? MODES[mode] : 'console.mode.unknown');
}

/** Why the service refused an audit upload, in words. */
export function refusalReason(code: string, i18n: I18n): string {
  return i18n.t(has(REFUSALS, code) ? REFUSALS[code] : 'console.refusal.other');
}

/**
 * An account as the staff screens show it: a protected audit subject by its tag's first
 * characters ("compte 3901bf30"), a bare tag likewise, with its identifier when the service
 * opened it ("zlefevre (compte 3901bf30)"), anything else (an identifier the service recorded in
 * clear) as it is.
 */
export function accountLabel(
  account: string | null,
  i18n: I18n,
  identifier: string | null = null,
): string {
  if (account === null || account === '') return '—';
  const parsed = parseSubject(account);
  const tag = parsed?.tag ?? (/^@?[0-9a-f]{8,64}$/.test(account) ? account.replace('@', '') : null);
  if (tag === null) return account;
  const shown = tag.slice(0, SUBJECT_TAG_SHOWN);
  // Named when the service opened the sealed identifier, as the staff screens name an account.
  return identifier
    ? i18n.t('staff.audit.accountNamed', { identifier, tag: shown })
    : i18n.t('console.account.tag', { tag: shown });
}

/** What a staff member did: an account event by the timeline's words, an audit entry by the log's. */
export function staffActionName(action: Pick<StaffActionWire, 'source' | 'action'>, i18n: I18n) {
  if (action.source === 'account_event')
    return i18n.t(
      Object.hasOwn(TIMELINE_LABELS, action.action)
        ? TIMELINE_LABELS[action.action as keyof typeof TIMELINE_LABELS]
        : 'staff.timeline.staff_action',
    );
  const name = auditActionName(action.action, i18n);
  return name === action.action ? i18n.t('staff.timeline.staff_action') : name;
}

/** Who did it: a staff identifier as it is, the student or the kiosk in words. */
export function whoName(staffId: string, i18n: I18n): string {
  return actorName(staffId, i18n);
}

/** Why: a staff reason or refusal code in words, an agent's own text as written. */
export function whyName(reason: string | null, i18n: I18n): string {
  return reason === null || reason === '' ? '—' : auditReasonName(reason, i18n);
}

/** An age in words, the largest whole unit: "il y a 42 secondes", "il y a 3 heures". */
export function ageText(seconds: number | null, i18n: I18n): string {
  if (seconds === null) return i18n.t('console.age.never');
  const format = new Intl.RelativeTimeFormat(i18n.lang === 'fr' ? 'fr-FR' : 'en-GB', {
    numeric: 'always',
  });
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return format.format(-s, 'second');
  if (s < 3600) return format.format(-Math.floor(s / 60), 'minute');
  if (s < 86_400) return format.format(-Math.floor(s / 3600), 'hour');
  return format.format(-Math.floor(s / 86_400), 'day');
}

/** A duration in words, without "ago": "3 minutes", "2 hours". */
export function durationText(seconds: number, i18n: I18n): string {
  const locale = i18n.lang === 'fr' ? 'fr-FR' : 'en-GB';
  const s = Math.max(0, Math.round(seconds));
  const [value, unit] =
    s < 60
      ? [s, 'second']
      : s < 3600
        ? [Math.floor(s / 60), 'minute']
        : s < 86_400
          ? [Math.floor(s / 3600), 'hour']
          : [Math.floor(s / 86_400), 'day'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

/** An instant as the staff screens say it: "14 h 32", "hier 9 h 10", "3 décembre 2026 14 h 32". */
export function whenText(iso: string, i18n: I18n, timeZone: string, now: Date): string {
  return staffWhen(iso, i18n, timeZone, now);
}

/** An instant with its preposition: "à 14 h 32", "hier à 9 h 10", "le 3 décembre 2026 à 9 h". */
export function atText(iso: string, i18n: I18n, timeZone: string, now: Date): string {
  return staffPhrase('at', iso, i18n, timeZone, now);
}

/** A number as the language writes it: "1,5" in French, "1.5" in English. */
export function numberText(value: number, i18n: I18n): string {
  return new Intl.NumberFormat(i18n.lang === 'fr' ? 'fr-FR' : 'en-GB', {
    maximumFractionDigits: 1,
  }).format(value);
}

/** Free disk in GiB with one decimal, in the language's own number format. */
export function diskText(bytes: number | null, i18n: I18n): string {
  if (bytes === null) return i18n.t('console.unknown');
  const size = new Intl.NumberFormat(i18n.lang === 'fr' ? 'fr-FR' : 'en-GB', {
    maximumFractionDigits: 1,
  }).format(bytes / 1024 ** 3);
  return i18n.t('console.kiosk.diskGiB', { size });
}

/** The central verification of a kiosk's chain, in a few words. */
export function verifiedText(verified: { seq: number } | null, i18n: I18n): string {
  return verified === null
    ? i18n.t('console.verified.none')
    : i18n.t('console.verified.upTo', { seq: verified.seq });
}

/**
 * A day typed in a date field ("2026-12-07") as the instant its day starts in `timeZone`, for the
 * `from` filter; with `after`, the next day's start, for an inclusive `to`.
 */
export function dayStart(day: string, timeZone: string, after = false): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (match === null) return undefined;
  const utc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + (after ? 1 : 0));
  // The zone's offset at that moment, read back from Intl (no time-zone library).
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(utc));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  const offset = asUtc - utc;
  return new Date(utc - offset).toISOString();
}

const ERRORS: Record<ConsoleError['kind'], PlainKey> = {
  refused: 'console.error.refused',
  signed_out: 'console.signIn.expired',
  rate_limited: 'console.error.rateLimited',
  unavailable: 'console.error.unavailable',
  network: 'console.error.network',
  not_found: 'console.error.notFound',
  invalid: 'console.error.invalidFilter',
  server: 'console.error.server',
};

/** A failed request in words (the wait of a 429 is counted down apart: RetryCountdown). */
export function errorText(error: ConsoleError, i18n: I18n): string {
  return i18n.t(ERRORS[error.kind]);
}

/** Where a refused upload stopped: "arrêté à l’entrée 4, lot de 2 entrées". */
export function refusalStop(refusal: { seq: number; entries: number }, i18n: I18n): string {
  const locale = i18n.lang === 'fr' ? 'fr-FR' : 'en-GB';
  const form = new Intl.PluralRules(locale).select(refusal.entries) === 'one' ? 'one' : 'other';
  return i18n.t(`console.audit.refusalAt.${form}`, { seq: refusal.seq, count: refusal.entries });
}

/**
 * The API's refusal codes a dead letter may carry (resources/openapi.yaml, ErrorBody), as the
 * kiosk's own codes the staff screens have words for.
 */
const API_REFUSALS: Record<string, string> = {
  invalid_request: 'invalid_input',
  unauthorized: 'auth',
  forbidden: 'staff_forbidden',
  already_active: 'account_state',
  not_activated: 'account_state',
  account_disabled: 'account_state',
  no_enrollment: 'account_state',
  charter_outdated: 'account_state',
  activation_not_yet_available: 'too_early',
  no_personal_email: 'invalid_email',
  session_expired: 'journey_expired',
  invalid_pin: 'staff_pin_invalid',
  idempotency_key_reused: 'conflict',
  idempotency_in_progress: 'conflict',
  internal: 'server',
};

/** Why the API refused a queued write, in the staff screens' words; never the code itself. */
export function deadLetterReason(code: string, i18n: I18n): string {
  const said = refusalName(API_REFUSALS[code] ?? code, i18n);
  if (said !== (API_REFUSALS[code] ?? code)) return said;
  return refusalReason(code, i18n);
}

/** What a dead letter was: the audit upload, or a queued write as the staff screens name it. */
export function deadLetterKind(kind: string, i18n: I18n): string {
  return kind === 'audit.upload'
    ? i18n.t('console.operation.auditUpload')
    : operationName(kind, i18n);
}
