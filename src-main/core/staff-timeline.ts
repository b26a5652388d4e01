import { accessUntil } from './activation';

/**
 * One student's lifecycle, merged from what the central API knows and what this kiosk knows, in
 * time order, and the current state in one structured sentence the renderer words (FR/EN).
 */

export type TimelineKind =
  | 'enrollment_validated'
  | 'activation_possible'
  | 'activation_email_sent'
  | 'activation_email_expires'
  | 'activated'
  | 'charter_accepted'
  | 'password_changed'
  | 'password_reset'
  | 'account_locked'
  | 'account_unlocked'
  | 'mail_redirection_changed'
  | 'leaving_year'
  | 'access_end'
  | 'identification_lockout'
  | 'operation_queued'
  | 'operation_applied'
  | 'operation_dead_lettered'
  | 'staff_action';

export interface TimelineEntry {
  /** Stable across sources, so an event both sides know appears once. */
  id: string;
  /** ISO date-time. */
  at: string;
  kind: TimelineKind;
  source: 'api' | 'kiosk';
  /** For staff actions: who, and why. */
  actor?: string;
  reason?: string;
  /** A translated-at-display detail code (e.g. a dead letter's reason). */
  detail?: string;
}

/** The facts the derived entries are computed from (a subset of the staff account view). */
export interface LifecycleFacts {
  enrollmentValidatedAt: string | null;
  activationEmailSentAt: string | null;
  activatedAt: string | null;
  charterAcceptedAt: string | null;
  /** Academic year the student leaves in ("2025-2026"), or null. */
  leavingYear: string | null;
  status: 'not_activated' | 'active' | 'locked' | 'disabled';
}

export interface LifecycleRules {
  activationDelayMinutes: number;
  activationEmailValidHours: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Entries that follow from the facts: activation possible, e-mail expiry, access end. */
export function derivedEntries(facts: LifecycleFacts, rules: LifecycleRules): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  const add = (kind: TimelineKind, at: string) =>
    entries.push({ id: `derived:${kind}:${at}`, at, kind, source: 'api' });
  if (facts.enrollmentValidatedAt) {
    const validated = Date.parse(facts.enrollmentValidatedAt);
    add('enrollment_validated', facts.enrollmentValidatedAt);
    add('activation_possible', iso(validated + rules.activationDelayMinutes * 60_000));
  }
  if (facts.activationEmailSentAt) {
    const sent = Date.parse(facts.activationEmailSentAt);
    add('activation_email_sent', facts.activationEmailSentAt);
    if (!facts.activatedAt) {
      add('activation_email_expires', iso(sent + rules.activationEmailValidHours * 3_600_000));
    }
  }
  if (facts.activatedAt) add('activated', facts.activatedAt);
  if (facts.charterAcceptedAt) add('charter_accepted', facts.charterAcceptedAt);
  const lastDay = accessUntil(facts.leavingYear);
  if (lastDay) {
    // The leaving year ends with the summer; access stays open until 31 December after it.
    add('leaving_year', `${lastDay.slice(0, 4)}-08-31T22:00:00.000Z`);
    add('access_end', `${lastDay}T22:59:59.000Z`);
  }
  return entries;
}

/** Both sources in time order, each event once (the kiosk's copy wins: it says who and why). */
export function mergeTimeline(
  api: readonly TimelineEntry[],
  kiosk: readonly TimelineEntry[],
): TimelineEntry[] {
  const byId = new Map<string, TimelineEntry>();
  for (const entry of api) byId.set(entry.id, entry);
  for (const entry of kiosk) byId.set(entry.id, entry);
  return [...byId.values()].sort(
    (a, b) => Date.parse(a.at) - Date.parse(b.at) || a.id.localeCompare(b.id),
  );
}

/** The current state, for one sentence: which state, since when, until when. */
export type CurrentState =
  | { state: 'disabled' }
  | { state: 'locked'; since: string | null }
  | { state: 'access_ended'; since: string }
  | { state: 'active'; since: string | null; accessEndsAt: string | null }
  | { state: 'too_early'; possibleAt: string }
  | { state: 'email_sent'; sentAt: string; validUntil: string }
  | { state: 'email_expired'; sentAt: string; expiredAt: string }
  | { state: 'activation_possible'; since: string | null };

/** Explains where the account stands now, from the merged timeline and the facts. */
export function currentState(
  facts: LifecycleFacts,
  timeline: readonly TimelineEntry[],
  now: Date,
): CurrentState {
  const at = (kind: TimelineKind) =>
    [...timeline].reverse().find((e) => e.kind === kind)?.at ?? null;
  const nowMs = now.getTime();
  if (facts.status === 'disabled') return { state: 'disabled' };
  if (facts.status === 'locked') return { state: 'locked', since: at('account_locked') };
  const accessEnd = at('access_end');
  if (accessEnd && Date.parse(accessEnd) < nowMs)
    return { state: 'access_ended', since: accessEnd };
  if (facts.status === 'active')
    return { state: 'active', since: facts.activatedAt, accessEndsAt: accessEnd };
  const possible = at('activation_possible');
  if (possible && Date.parse(possible) > nowMs) return { state: 'too_early', possibleAt: possible };
  const sent = at('activation_email_sent');
  const expires = at('activation_email_expires');
  if (sent && expires) {
    return Date.parse(expires) > nowMs
      ? { state: 'email_sent', sentAt: sent, validUntil: expires }
      : { state: 'email_expired', sentAt: sent, expiredAt: expires };
  }
  return { state: 'activation_possible', since: possible };
}
