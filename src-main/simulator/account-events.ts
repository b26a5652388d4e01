/**
 * Each account's lifecycle as the simulator knows it (GET /v1/staff/accounts/{id}/events): what
 * the dataset says happened before the simulator started (enrolments, activation, charter, lock),
 * derived when asked, and what happened since, recorded by the routes as it happens (e-mails,
 * activation, passwords, locks, redirections, staff actions with who and why).
 */
import type {
  AccountEventDetail,
  AccountEventWire,
  ApiTimelineKind,
  StaffReason,
} from '../api/wire-staff';
import type { Clock } from '../core/ports';
import type { AccountRecord } from './backends';
import { isoSeconds } from './time';

/** The latest events kept per account. */
export const MAX_EVENTS_PER_ACCOUNT = 500;

export interface EventFields {
  actor?: string;
  reason?: StaffReason;
  /** The agent's free note, as they typed it (kept by the service, never by the kiosk). */
  note?: string;
  detail?: AccountEventDetail;
  /** The kiosk a staff action came from: kept by the service for its console, not on the wire. */
  device?: string;
}

export interface AccountEventLog {
  /** Records that `kind` happened to the account now. */
  record(identifier: string, kind: ApiTimelineKind, fields?: EventFields): void;
  /** Everything known of the account, oldest first. */
  list(student: AccountRecord): AccountEventWire[];
  /** The latest recorded event of a kind, or null. */
  latest(identifier: string, kind: ApiTimelineKind): AccountEventWire | null;
}

/** What the account's record says happened, unless the same thing was recorded since. */
function fromRecord(student: AccountRecord, own: readonly AccountEventWire[]): AccountEventWire[] {
  const seen = new Set(own.map((e) => e.kind));
  const events: AccountEventWire[] = student.enrollments.map((e) => ({
    id: `dataset-enrollment-${e.academicYear}-${e.validatedAt}`,
    at: e.validatedAt,
    kind: 'enrollment_validated',
  }));
  if (student.lockedAt && !seen.has('account_locked')) {
    const detail = student.lockReason ?? 'too_many_failures';
    events.push({ id: 'dataset-locked', at: student.lockedAt, kind: 'account_locked', detail });
  }
  const { activatedAt } = student.account;
  if (activatedAt && !seen.has('activated')) {
    events.push({ id: 'dataset-activated', at: activatedAt, kind: 'activated' });
  }
  if (student.charterAcceptedAt && !seen.has('charter_accepted')) {
    const at = student.charterAcceptedAt;
    events.push({ id: 'dataset-charter', at, kind: 'charter_accepted' });
  }
  return events;
}

/** An account's timeline: its record's events and the recorded ones, oldest first. */
export function timelineOf(
  student: AccountRecord,
  own: readonly AccountEventWire[],
): AccountEventWire[] {
  return [...fromRecord(student, own), ...own].sort(
    (a, b) => Date.parse(a.at) - Date.parse(b.at) || a.id.localeCompare(b.id),
  );
}

/** Creates an empty log over the simulator's clock. */
export function createAccountEventLog(clock: Clock): AccountEventLog {
  const recorded = new Map<string, AccountEventWire[]>();
  let next = 1;

  return {
    record(identifier, kind, { device: _device, ...fields } = {}) {
      const list = recorded.get(identifier) ?? [];
      const id = `ev-${String(next).padStart(6, '0')}`;
      next += 1;
      list.push({ id, at: isoSeconds(clock.now()), kind, ...fields });
      if (list.length > MAX_EVENTS_PER_ACCOUNT) list.shift();
      recorded.set(identifier, list);
    },
    list(student) {
      return timelineOf(student, recorded.get(student.identifier) ?? []);
    },
    latest(identifier, kind) {
      const own = recorded.get(identifier) ?? [];
      return [...own].reverse().find((e) => e.kind === kind) ?? null;
    },
  };
}
