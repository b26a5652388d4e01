/**
 * Times and sentences of staff mode: French typography for times ("18 h 55"), "today / tomorrow"
 * as the desk says it, and the one-sentence current state of an account.
 */
import type { ConnectivityState } from '../../../src-main/core/connectivity';
import type { CurrentState, TimelineKind } from '../../../src-main/core/staff-timeline';
import type { I18n, PlainKey } from '../../i18n/i18n.svelte';
import {
  formatDate,
  formatTime,
  relativeDay,
  sameDay,
  type RelativeDay,
  type WhenKind,
} from '../format';

/** "18 h 55" in French, "18:55" in English. */
export function staffTime(iso: string, i18n: I18n, timeZone: string): string {
  return formatTime(iso, i18n.lang, timeZone);
}

/** "14 h 32", "demain 14 h 33", "hier 9 h 10" or "03/09/2026 14 h 32". */
export function staffWhen(iso: string, i18n: I18n, timeZone: string, now: Date): string {
  const time = staffTime(iso, i18n, timeZone);
  const at = new Date(iso);
  const day = 86_400_000;
  if (sameDay(at, now, timeZone)) return time;
  if (sameDay(at, new Date(now.getTime() + day), timeZone))
    return i18n.t('staff.when.tomorrow', { time });
  if (sameDay(at, new Date(now.getTime() - day), timeZone))
    return i18n.t('staff.when.yesterday', { time });
  return i18n.t('staff.when.date', { date: formatDate(iso, i18n.lang, timeZone), time });
}

/**
 * An instant with its preposition, for a staff sentence ("valable jusqu’à demain, 14 h 33",
 * "à partir du 8 juillet 2026 à 10 h 30"): the staff catalog's words for the student side's
 * when() (lib/messages.ts), since French contracts the preposition with a date.
 */
export function staffPhrase(
  kind: WhenKind,
  iso: string,
  i18n: I18n,
  timeZone: string,
  now: Date,
): string {
  const key: `staff.when.${WhenKind}.${RelativeDay}` = `staff.when.${kind}.${relativeDay(iso, now, timeZone)}`;
  return i18n.t(key, {
    date: formatDate(iso, i18n.lang, timeZone),
    time: formatTime(iso, i18n.lang, timeZone),
  });
}

/** How the kiosk reaches the API, in words; a new state does not compile until it has some. */
export const CONNECTIVITY_LABELS: Record<ConnectivityState, PlainKey> = {
  online: 'staff.diagnostics.state.online',
  degraded: 'staff.diagnostics.state.degraded',
  offline: 'staff.diagnostics.state.offline',
};

/** The connectivity state main reported, in words; an unknown one as it came. */
export function connectivityName(state: string, i18n: I18n): string {
  return Object.hasOwn(CONNECTIVITY_LABELS, state)
    ? i18n.t(CONNECTIVITY_LABELS[state as ConnectivityState])
    : state;
}

/** Every timeline kind's label: a new kind does not compile until it has one. */
export const TIMELINE_LABELS: Record<TimelineKind, PlainKey> = {
  enrollment_validated: 'staff.timeline.enrollment_validated',
  activation_possible: 'staff.timeline.activation_possible',
  activation_email_sent: 'staff.timeline.activation_email_sent',
  activation_email_expires: 'staff.timeline.activation_email_expires',
  activated: 'staff.timeline.activated',
  charter_accepted: 'staff.timeline.charter_accepted',
  password_changed: 'staff.timeline.password_changed',
  password_reset: 'staff.timeline.password_reset',
  account_locked: 'staff.timeline.account_locked',
  account_unlocked: 'staff.timeline.account_unlocked',
  mail_redirection_changed: 'staff.timeline.mail_redirection_changed',
  leaving_year: 'staff.timeline.leaving_year',
  access_end: 'staff.timeline.access_end',
  identification_lockout: 'staff.timeline.identification_lockout',
  operation_queued: 'staff.timeline.operation_queued',
  operation_applied: 'staff.timeline.operation_applied',
  operation_dead_lettered: 'staff.timeline.operation_dead_lettered',
  staff_action: 'staff.timeline.staff_action',
};

/** "Activation possible ; e-mail envoyé à 14 h 33, valable jusqu’à demain, 14 h 33." */
export function currentStateSentence(
  state: CurrentState,
  i18n: I18n,
  timeZone: string,
  now: Date,
): string {
  const when = (kind: WhenKind, iso: string) => staffPhrase(kind, iso, i18n, timeZone, now);
  switch (state.state) {
    case 'disabled':
      return i18n.t('staff.state.disabled');
    case 'locked':
      return state.since
        ? i18n.t('staff.state.lockedSince', { since: when('since', state.since) })
        : i18n.t('staff.state.locked');
    case 'access_ended':
      return i18n.t('staff.state.accessEnded', { since: when('since', state.since) });
    case 'active':
      return state.accessEndsAt
        ? i18n.t('staff.state.activeUntil', {
            date: formatDate(state.accessEndsAt, i18n.lang, timeZone),
          })
        : i18n.t('staff.state.active');
    case 'too_early':
      return i18n.t('staff.state.tooEarly', { from: when('from', state.possibleAt) });
    case 'email_sent':
      return i18n.t('staff.state.emailSent', {
        sent: when('at', state.sentAt),
        until: when('until', state.validUntil),
      });
    case 'email_expired':
      return i18n.t('staff.state.emailExpired', {
        sent: when('at', state.sentAt),
        expired: when('at', state.expiredAt),
      });
    case 'activation_possible':
      return state.since
        ? i18n.t('staff.state.possibleSince', { since: when('since', state.since) })
        : i18n.t('staff.state.possible');
  }
}
