/**
 * One student's page for staff: the API's account view and events, and what this kiosk knows
 * about the student (identification lockout of their number, queued writes, staff actions from
 * the audit chain), merged into one timeline with the current state (core/staff-timeline.ts).
 */
import type { StaffApi } from '../../api/staff-client';
import type { StaffAccountView } from '../../api/wire-staff';
import { accessUntil } from '../../core/activation';
import { subjectRetryAfter, type AttemptCounters } from '../../core/lockout';
import type { Clock } from '../../core/ports';
import type { InstitutionProfile } from '../../core/profile';
import { ok, type Result } from '../../core/result';
import {
  currentState,
  derivedEntries,
  mergeTimeline,
  type LifecycleFacts,
  type TimelineEntry,
} from '../../core/staff-timeline';
import type { StaffStudentPage } from '../../core/staff-view';
import type { OutboxRow } from '../../outbox/store';
import type { StoredAuditEntry } from '../../store/audit-chain';
import type { SeenOffline } from './session';

/** The kinds the API reports itself: derivedEntries' copies of them would show twice. */
const API_REPORTED = new Set([
  'enrollment_validated',
  'activation_email_sent',
  'activated',
  'charter_accepted',
]);
const ACTIVATION_EMAIL_VALID_HOURS = 24;
/** The kiosk's staff lines that did something (or will, once the queued write is sent). */
const TIMELINE_OUTCOMES: ReadonlySet<string> = new Set(['success', 'queued']);

export interface StudentPageDeps {
  api: Pick<StaffApi, 'account' | 'accountEvents'>;
  /** Identification counters (journal), read by the keyed hash of a student number. */
  identification: Pick<AttemptCounters, 'subject'>;
  numberKey(studentNumber: string): string;
  outboxRows(identifier: string): OutboxRow[];
  auditOf(identifier: string): StoredAuditEntry[];
  profile: InstitutionProfile;
  clock: Clock;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** This kiosk's entries about one student. */
function kioskEntries(deps: StudentPageDeps, identifier: string, studentNumber: string | null) {
  const entries: TimelineEntry[] = [];
  const counters = studentNumber
    ? deps.identification.subject(deps.numberKey(studentNumber))
    : null;
  if (counters && counters.lockedUntil > 0)
    entries.push({
      id: `kiosk:lockout:${counters.lastFailureAt}`,
      at: iso(counters.lastFailureAt),
      kind: 'identification_lockout',
      source: 'kiosk',
    });
  for (const row of deps.outboxRows(identifier)) {
    const base = { source: 'kiosk' as const, detail: row.kind };
    entries.push({
      ...base,
      id: `kiosk:outbox:${row.id}:queued`,
      at: iso(row.createdAt),
      kind: 'operation_queued',
    });
    if (row.state === 'sent' && row.settledAt !== null)
      entries.push({
        ...base,
        id: `kiosk:outbox:${row.id}:applied`,
        at: iso(row.settledAt),
        kind: 'operation_applied',
      });
    if (row.state === 'dead' && row.settledAt !== null)
      entries.push({
        ...base,
        id: `kiosk:outbox:${row.id}:dead`,
        at: iso(row.settledAt),
        kind: 'operation_dead_lettered',
        detail: row.lastError ?? row.kind,
      });
  }
  for (const line of deps.auditOf(identifier)) {
    if (!line.action.startsWith('staff.')) continue;
    // What happened to the account, not every look at it or every refused try: those are the
    // audit log's (issue 17).
    if (line.action === 'staff.view_student' || !TIMELINE_OUTCOMES.has(line.outcome)) continue;
    const entry: TimelineEntry = {
      id: `kiosk:audit:${line.seq}`,
      at: line.at,
      kind: 'staff_action',
      source: 'kiosk',
      actor: line.actor,
      detail: line.action.slice('staff.'.length),
    };
    if (line.reason !== null) entry.reason = line.reason;
    entries.push(entry);
  }
  return entries;
}

function lockedFor(deps: StudentPageDeps, studentNumber: string | null): number | null {
  if (!studentNumber) return null;
  return subjectRetryAfter(
    deps.identification.subject(deps.numberKey(studentNumber)),
    deps.clock.now().getTime(),
  );
}

function page(
  deps: StudentPageDeps,
  facts: LifecycleFacts,
  api: TimelineEntry[],
  fields: Omit<StaffStudentPage, 'timeline' | 'current' | 'identificationLockedFor'>,
): StaffStudentPage {
  const derived = derivedEntries(facts, {
    activationDelayMinutes: deps.profile.activationDelayMinutes,
    activationEmailValidHours: ACTIVATION_EMAIL_VALID_HOURS,
  }).filter((e) => !API_REPORTED.has(e.kind));
  const timeline = mergeTimeline(
    [...api, ...derived],
    kioskEntries(deps, fields.identifier, fields.studentNumber || null),
  );
  return {
    ...fields,
    timeline,
    current: currentState(facts, timeline, deps.clock.now()),
    identificationLockedFor: lockedFor(deps, fields.studentNumber || null),
  };
}

/** The page from the API (online). */
export async function onlineStudentPage(
  deps: StudentPageDeps,
  token: string,
  identifier: string,
): Promise<Result<{ page: StaffStudentPage; view: StaffAccountView }>> {
  const account = await deps.api.account(token, identifier);
  if (!account.ok) return account;
  const events = await deps.api.accountEvents(token, identifier);
  if (!events.ok) return events;
  const v = account.value;
  const validated =
    v.enrollments.find((e) => e.academicYear === v.currentAcademicYear)?.validatedAt ?? null;
  const facts: LifecycleFacts = {
    enrollmentValidatedAt: validated,
    activationEmailSentAt: v.activationEmailSentAt,
    activatedAt: v.activatedAt,
    charterAcceptedAt: v.charterAcceptedAt,
    leavingYear: v.leavingYear,
    status: v.status,
  };
  const {
    activatedAt: _a,
    leavingYear: _l,
    activationAvailableAt: _aa,
    activationEmailSentAt: _s,
    charterAcceptedAt: _c,
    ...shown
  } = v;
  return ok({ view: v, page: page(deps, facts, events.value, { ...shown, offline: false }) });
}

/** The page from a record the agent found in the cache (offline): no API events. */
export function offlineStudentPage(
  deps: StudentPageDeps,
  seen: SeenOffline,
  academicYear: string,
): StaffStudentPage {
  const r = seen.record;
  const validated = r.enrollments.find((e) => e.academicYear === academicYear)?.validatedAt ?? null;
  const facts: LifecycleFacts = {
    enrollmentValidatedAt: validated,
    activationEmailSentAt: null,
    activatedAt: r.account.activatedAt,
    charterAcceptedAt: null,
    leavingYear: r.account.leavingYear,
    status: r.account.status,
  };
  const api = validated
    ? [
        {
          id: `derived:validated`,
          at: validated,
          kind: 'enrollment_validated' as const,
          source: 'api' as const,
        },
      ]
    : [];
  return page(deps, facts, api, {
    identifier: r.identifier,
    studentNumber: seen.studentNumber,
    firstName: r.firstName,
    lastName: r.lastName,
    currentAcademicYear: academicYear,
    enrollments: r.enrollments,
    status: r.account.status,
    lockReason: null,
    accessUntil: accessUntil(r.account.leavingYear),
    personalEmail: null,
    mailRedirected: false,
    offline: true,
  });
}
