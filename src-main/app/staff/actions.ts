/**
 * The staff channels about one student: search (online, or offline from the cache by number and
 * birth date), the student's page, and the audited actions (reveal, resend, unlock, lockouts,
 * hand-off). Each runs after the channel's authorisation (ipc/staff-handlers.ts) and leaves an
 * audit line with who, about whom and why.
 */
import type { StaffApi } from '../../api/staff-client';
import { QUEUEABLE_STAFF_ACTIONS, type QueueableStaffAction } from '../../api/wire-staff';
import type { WriteOutcome } from '../../core/connectivity';
import { academicYearOf } from '../../core/academic-year';
import { checkIdentifyForm } from '../../core/identity-input';
import type { JourneyStore } from '../../core/journey-ports';
import type { LimitResets } from '../../core/limit-resets';
import type { AttemptLimiter } from '../../core/lockout';
import type { Clock, DirectoryCache } from '../../core/ports';
import type { InstitutionProfile } from '../../core/profile';
import { err, failure, ok, type AppError, type Result } from '../../core/result';
import { roleAllows } from '../../core/staff-roles';
import type { StaffSession } from '../../core/staff-session';
import type { StaffReason } from '../../core/staff-view';
import type { AuditLog } from '../../store/journal';
import { staffProofKey, type StaffSessionHolder } from './session';
import type { StaffWrites } from './staff-writes';
import { handedOffStudent } from './hand-off';
import { offlineStudentPage, onlineStudentPage, type StudentPageDeps } from './student-page';
import type { Input, Output } from '../../ipc/contract';
import type { StaffChannel } from '../../ipc/staff-contract';

export interface StaffActionDeps {
  holder: StaffSessionHolder;
  api: StaffApi;
  /** Every write goes through the outbox (staff-writes.ts). */
  writes: StaffWrites;
  audit: AuditLog;
  clock: Clock;
  profile: InstitutionProfile;
  cache: DirectoryCache;
  resets: LimitResets;
  journeys: Pick<JourneyStore, 'open'>;
  page: StudentPageDeps;
  /**
   * Offline search opens a record with a number and a birth date, as identification does: it
   * counts against the same limits (per number and per kiosk), or it would be a guessing oracle.
   */
  identification: { limiter: AttemptLimiter; numberKey(studentNumber: string): string };
  newKey(): string;
}

type Out<C extends StaffChannel> = Promise<Result<Output<C>, AppError>>;

/** Builds the student-facing staff operations. */
export function createStaffActions(deps: StaffActionDeps) {
  // The free note may hold anything (a document number): it goes to the API with the write,
  // which records it in the account's events, and is not kept in this kiosk's journal.
  const why = (input: { reason: StaffReason }) => input.reason;
  function audited<T>(
    session: StaffSession,
    action: string,
    subject: string | null,
    reason: string | null,
    result: Result<T>,
  ): Result<T> {
    // A write left in the outbox is "queued" with its reference; its end is the outbox's line.
    const queued =
      result.ok && (result.value as Partial<WriteOutcome<unknown>> | null)?.kind === 'queued'
        ? (result.value as Extract<WriteOutcome<unknown>, { kind: 'queued' }>).receipt.reference
        : null;
    deps.audit.record({
      kind: `staff.${action}`,
      outcome: !result.ok ? 'failure' : queued !== null ? 'queued' : 'success',
      actor: session.staffId,
      ...(subject !== null && { subject }),
      ...(reason !== null && { reason }),
      ...(!result.ok && { detail: { code: result.error.code } }),
      ...(queued !== null && { detail: { reference: queued } }),
    });
    return result;
  }
  /**
   * The agent a write is done for, with their session while it is open (first attempt) and,
   * for a write that may wait, the API's proof for it: a queued write takes the proof with it.
   */
  const author = (
    session: StaffSession,
    queueable?: { action: QueueableStaffAction; identifier: string },
  ) => {
    const key = queueable ? staffProofKey(queueable.action, queueable.identifier) : null;
    const held = key === null ? undefined : deps.holder.proofs.get(key);
    const proof = held && held.expiresAt > deps.clock.now().getTime() ? held.proof : null;
    return { actor: session.staffId, session: deps.holder.token(), proof, key };
  };
  /** A proof that went into the outbox with a queued write is not given to another write. */
  const spend = (key: string | null, written: Result<WriteOutcome<unknown>>) => {
    if (key !== null && written.ok && written.value.kind === 'queued')
      deps.holder.proofs.delete(key);
  };
  /**
   * Asks the API, with the live session, for the proofs of the writes this agent may leave in
   * the outbox for this account. Without them those writes simply cannot wait.
   */
  async function fetchProofs(session: StaffSession, token: string, identifier: string) {
    const actions = QUEUEABLE_STAFF_ACTIONS.filter((a) => roleAllows(session.role, a));
    if (actions.length === 0) return;
    const answer = await deps.api.actionProofs(token, identifier, actions);
    if (!answer.ok) return;
    for (const p of answer.value.proofs)
      deps.holder.proofs.set(staffProofKey(p.action, identifier), {
        proof: p.proof,
        expiresAt: Date.parse(p.expiresAt),
      });
  }
  const token = (): Result<string> => {
    const t = deps.holder.token();
    return t ? ok(t) : failure('not_available_offline');
  };
  const checked = (document: Input<'staff.unlock'>['verification']['document']) => ({
    document,
    checkedAt: deps.clock.now().toISOString(),
  });
  const academicYear = () => academicYearOf(deps.clock.now(), deps.profile.timeZone);

  return {
    async search(input: Input<'staff.search'>): Out<'staff.search'> {
      const t = token();
      if (!t.ok) return t;
      const found = await deps.api.searchStudents(t.value, input.query);
      if (!found.ok) return found;
      for (const s of found.value.results)
        deps.holder.seenNumbers.set(s.identifier, s.studentNumber);
      return ok({ ...found.value, offline: false });
    },

    /** From the cache only, never the API: the number and birth date open the sealed record. */
    async searchOffline(input: Input<'staff.searchOffline'>): Out<'staff.searchOffline'> {
      const query = checkIdentifyForm(input, {
        studentNumberLength: deps.profile.studentNumber.length,
        timeZone: deps.profile.timeZone,
        now: deps.clock.now(),
      });
      if (!query.ok) return err({ code: 'invalid_input', fields: query.error });
      const { limiter, numberKey } = deps.identification;
      const reserved = limiter.reserve(numberKey(query.value.studentNumber), deps.clock.now());
      if (!reserved.ok)
        return err({ code: 'locked_out', retryAfterSeconds: reserved.retryAfterSeconds });
      const record = deps.cache.find(query.value);
      // A miss stays counted (a wrong birth date); a hit gives the try back.
      if (!record) return ok({ results: [], truncated: false, offline: true });
      limiter.succeeded(reserved.ticket);
      const studentNumber = query.value.studentNumber;
      deps.holder.seenOffline.set(record.identifier, { studentNumber, record });
      deps.holder.seenNumbers.set(record.identifier, studentNumber);
      const { identifier, firstName, lastName } = record;
      return ok({
        results: [
          { identifier, studentNumber, firstName, lastName, status: record.account.status },
        ],
        truncated: false,
        offline: true,
      });
    },

    async student(input: Input<'staff.student'>, session: StaffSession): Out<'staff.student'> {
      const seen = deps.holder.seenOffline.get(input.identifier);
      const t = deps.holder.token();
      if (!t) {
        return seen
          ? ok(offlineStudentPage(deps.page, seen, academicYear()))
          : failure('not_available_offline');
      }
      const [answer] = await Promise.all([
        onlineStudentPage(deps.page, t, input.identifier),
        fetchProofs(session, t, input.identifier),
      ]);
      if (!answer.ok) {
        if (seen) return ok(offlineStudentPage(deps.page, seen, academicYear()));
        return answer;
      }
      deps.holder.seenNumbers.set(input.identifier, answer.value.view.studentNumber);
      audited(session, 'view_student', input.identifier, null, answer);
      return ok(answer.value.page);
    },

    async revealEmail(
      input: Input<'staff.revealEmail'>,
      session: StaffSession,
    ): Out<'staff.revealEmail'> {
      // Needs fresh data from the API: never from a queue.
      const t = token();
      const answer = !t.ok
        ? t
        : await deps.writes.reveal(
            author(session),
            input.identifier,
            {
              verification: checked(input.verification.document),
              reason: input.reason,
              ...(input.note && { note: input.note }),
            },
            deps.newKey(),
          );
      audited(session, 'reveal_email', input.identifier, why(input), answer);
      if (!answer.ok) return answer;
      if (answer.value.kind === 'queued') return failure('not_available_offline');
      return ok({ personalEmail: answer.value.value.personalEmail });
    },

    async resendActivation(
      input: Input<'staff.resendActivation'>,
      session: StaffSession,
    ): Out<'staff.resendActivation'> {
      // A corrected address needs the agent's live session; the one on file may wait, asked by
      // an agent the API signed in. Signed in offline, nobody here can vouch for the agent to
      // the API: refused whatever the screen sends.
      const t = session.offline
        ? failure('not_available_offline')
        : input.correctedEmail === undefined
          ? ok(null)
          : token();
      const by = author(session, { action: 'resend_activation', identifier: input.identifier });
      const answer = !t.ok
        ? t
        : await deps.writes.resend(
            by,
            input.identifier,
            {
              reason: input.reason,
              ...(input.note && { note: input.note }),
              ...(input.correctedEmail !== undefined && { correctedEmail: input.correctedEmail }),
              ...(input.verification && { verification: checked(input.verification.document) }),
            },
            deps.newKey(),
          );
      if (input.correctedEmail === undefined) spend(by.key, answer);
      audited(session, 'resend_activation', input.identifier, why(input), answer);
      if (!answer.ok) return answer;
      if (answer.value.kind === 'queued') return ok({ receipt: answer.value.receipt });
      const { sentTo, expiresAt } = answer.value.value;
      return ok({ sentTo, expiresAt, receipt: null });
    },

    /** Unlocks the account at the API, and lifts this kiosk's password lock of it too. */
    async unlock(input: Input<'staff.unlock'>, session: StaffSession): Out<'staff.unlock'> {
      // Signed in offline (against this kiosk's verifier), the agent cannot unlock: the API
      // never saw them sign in, and a replay must not act in their name.
      if (session.offline)
        return audited(
          session,
          'unlock',
          input.identifier,
          why(input),
          failure('not_available_offline'),
        );
      const by = author(session, { action: 'unlock_account', identifier: input.identifier });
      const answer = await deps.writes.unlock(
        by,
        input.identifier,
        {
          verification: checked(input.verification.document),
          reason: input.reason,
          ...(input.note && { note: input.note }),
        },
        deps.newKey(),
      );
      // The agent checked the student in person: this kiosk's lock goes now, queued or not.
      if (answer.ok) deps.resets.clearAccountLockout(input.identifier);
      spend(by.key, answer);
      audited(session, 'unlock', input.identifier, why(input), answer);
      if (!answer.ok) return answer;
      return answer.value.kind === 'queued'
        ? ok({ unlockedAt: null, receipt: answer.value.receipt })
        : ok({ unlockedAt: answer.value.value.unlockedAt, receipt: null });
    },

    /** The number comes from what the agent saw (search, page), or from the account view. */
    async clearIdentificationLockout(
      input: Input<'staff.clearIdentificationLockout'>,
      session: StaffSession,
    ): Out<'staff.clearIdentificationLockout'> {
      let number = deps.holder.seenNumbers.get(input.identifier) ?? null;
      if (number === null) {
        const t = token();
        const view = t.ok ? await deps.api.account(t.value, input.identifier) : t;
        if (!view.ok)
          return audited(
            session,
            'clear_identification_lockout',
            input.identifier,
            why(input),
            view,
          );
        number = view.value.studentNumber;
      }
      await deps.resets.clearStudentNumberLockout(number);
      return audited(
        session,
        'clear_identification_lockout',
        input.identifier,
        why(input),
        ok(null),
      );
    },

    async clearKioskBudget(
      input: Input<'staff.clearKioskBudget'>,
      session: StaffSession,
    ): Out<'staff.clearKioskBudget'> {
      deps.resets.clearKioskBudget();
      return audited(session, 'clear_kiosk_budget', null, why(input), ok(null));
    },

    /**
     * In-person check, then a grant from the API; the staff session ends (wiping what the agent
     * saw) and a journey opens on the grant, which only the hand-off channels can use.
     */
    async handOff(input: Input<'staff.handOff'>, session: StaffSession): Out<'staff.handOff'> {
      const t = token();
      if (!t.ok)
        return audited(session, `handoff_${input.purpose}`, input.identifier, why(input), t);
      const view = await deps.api.account(t.value, input.identifier);
      if (!view.ok)
        return audited(session, `handoff_${input.purpose}`, input.identifier, why(input), view);
      const written = await deps.writes.grant(
        author(session),
        {
          identifier: input.identifier,
          purpose: input.purpose,
          verification: checked(input.verification.document),
          reason: input.reason,
          ...(input.note && { note: input.note }),
        },
        deps.newKey(),
      );
      // The student continues now or not at all: a grant is never queued.
      const grant: Result<{ grant: string }> = !written.ok
        ? written
        : written.value.kind === 'queued'
          ? failure('not_available_offline')
          : ok(written.value.value);
      audited(
        session,
        `handoff_${input.purpose}`,
        input.identifier,
        `${why(input)} (${input.verification.document})`,
        grant,
      );
      if (!grant.ok) return grant;
      deps.holder.end('handed_off');
      const v = view.value;
      const journey = deps.journeys.open({
        identifier: v.identifier,
        firstName: v.firstName,
        lastName: v.lastName,
        birthDate: null,
        leavingYear: v.leavingYear,
        studentSession: null,
        grant: { token: grant.value.grant, purpose: input.purpose },
      });
      return ok({
        journeyId: journey.journeyId,
        purpose: input.purpose,
        student: handedOffStudent(v, journey.journeyId, {
          now: deps.clock.now(),
          academicYear: academicYear(),
          delayMinutes: deps.profile.activationDelayMinutes,
        }),
      });
    },
  };
}
export type StaffActions = ReturnType<typeof createStaffActions>;
