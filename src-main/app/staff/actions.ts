/**
 * The staff channels about one student: search (online, or offline from the cache by number and
 * birth date), the student's page, and the audited actions (reveal, resend, unlock, lockouts,
 * hand-off). Each runs after the channel's authorisation (ipc/staff-handlers.ts) and leaves an
 * audit line with who, about whom and why.
 */
import type { StaffApi } from '../../api/staff-client';
import { academicYearOf } from '../../core/academic-year';
import { accessUntil, activationInfo } from '../../core/activation';
import { checkIdentifyForm } from '../../core/identity-input';
import type { JourneyStore } from '../../core/journey-ports';
import type { LimitResets } from '../../core/limit-resets';
import type { Clock, DirectoryCache } from '../../core/ports';
import type { InstitutionProfile } from '../../core/profile';
import { err, failure, ok, type AppError, type Result } from '../../core/result';
import type { StaffSession } from '../../core/staff-session';
import type { StaffReason } from '../../core/staff-view';
import type { AuditLog } from '../../store/journal';
import type { StaffSessionHolder } from './session';
import { offlineStudentPage, onlineStudentPage, type StudentPageDeps } from './student-page';
import type { Input, Output } from '../../ipc/contract';
import type { StaffChannel } from '../../ipc/staff-contract';

export interface StaffActionDeps {
  holder: StaffSessionHolder;
  api: StaffApi;
  audit: AuditLog;
  clock: Clock;
  profile: InstitutionProfile;
  cache: DirectoryCache;
  resets: LimitResets;
  journeys: Pick<JourneyStore, 'open'>;
  page: StudentPageDeps;
  newKey(): string;
}

type Out<C extends StaffChannel> = Promise<Result<Output<C>, AppError>>;

/** Builds the student-facing staff operations. */
export function createStaffActions(deps: StaffActionDeps) {
  const why = (input: { reason: StaffReason; note?: string | undefined }) =>
    input.note ? `${input.reason}: ${input.note}` : input.reason;
  function audited<T>(
    session: StaffSession,
    action: string,
    subject: string | null,
    reason: string | null,
    result: Result<T>,
  ): Result<T> {
    deps.audit.record({
      kind: `staff.${action}`,
      outcome: result.ok ? 'success' : 'failure',
      actor: session.staffId,
      ...(subject !== null && { subject }),
      ...(reason !== null && { reason }),
      ...(!result.ok && { detail: { code: result.error.code } }),
    });
    return result;
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
      const record = deps.cache.find(query.value);
      if (!record) return ok({ results: [], truncated: false, offline: true });
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
      const answer = await onlineStudentPage(deps.page, t, input.identifier);
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
      const t = token();
      const answer = !t.ok
        ? t
        : await deps.api.revealPersonalEmail(
            t.value,
            input.identifier,
            {
              verification: checked(input.verification.document),
              reason: input.reason,
              ...(input.note && { note: input.note }),
            },
            deps.newKey(),
          );
      audited(session, 'reveal_email', input.identifier, why(input), answer);
      return answer.ok ? ok({ personalEmail: answer.value.personalEmail }) : answer;
    },

    async resendActivation(
      input: Input<'staff.resendActivation'>,
      session: StaffSession,
    ): Out<'staff.resendActivation'> {
      const t = token();
      const answer = !t.ok
        ? t
        : await deps.api.resendActivationEmail(
            t.value,
            input.identifier,
            {
              reason: input.reason,
              ...(input.note && { note: input.note }),
              ...(input.correctedEmail !== undefined && { correctedEmail: input.correctedEmail }),
              ...(input.verification && { verification: checked(input.verification.document) }),
            },
            deps.newKey(),
          );
      audited(session, 'resend_activation', input.identifier, why(input), answer);
      return answer.ok
        ? ok({ sentTo: answer.value.sentTo, expiresAt: answer.value.expiresAt })
        : answer;
    },

    /** Unlocks the account at the API, and lifts this kiosk's password lock of it too. */
    async unlock(input: Input<'staff.unlock'>, session: StaffSession): Out<'staff.unlock'> {
      const t = token();
      const answer = !t.ok
        ? t
        : await deps.api.unlockAccount(
            t.value,
            input.identifier,
            {
              verification: checked(input.verification.document),
              reason: input.reason,
              ...(input.note && { note: input.note }),
            },
            deps.newKey(),
          );
      if (answer.ok) deps.resets.clearAccountLockout(input.identifier);
      audited(session, 'unlock', input.identifier, why(input), answer);
      return answer.ok ? ok({ unlockedAt: answer.value.unlockedAt }) : answer;
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
      const grant = await deps.api.issueGrant(
        t.value,
        {
          identifier: input.identifier,
          purpose: input.purpose,
          verification: checked(input.verification.document),
          reason: input.reason,
          ...(input.note && { note: input.note }),
        },
        deps.newKey(),
      );
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
      const record = {
        identifier: v.identifier,
        firstName: v.firstName,
        lastName: v.lastName,
        enrollments: v.enrollments,
        account: { status: v.status, activatedAt: v.activatedAt, leavingYear: v.leavingYear },
        maskedEmail: v.personalEmail,
        activationAvailableAt: v.activationAvailableAt,
      };
      const year = academicYear();
      return ok({
        journeyId: journey.journeyId,
        purpose: input.purpose,
        student: {
          journeyId: journey.journeyId,
          activation: activationInfo(record, {
            now: deps.clock.now(),
            academicYear: year,
            delayMinutes: deps.profile.activationDelayMinutes,
            maskedEmail: v.personalEmail,
          }),
          maskedEmail: v.personalEmail,
          identifier: v.identifier,
          firstName: v.firstName,
          lastName: v.lastName,
          accountStatus: v.status,
          enrollments: v.enrollments.filter((e) => e.academicYear === year),
          academicYear: year,
          accessUntil: accessUntil(v.leavingYear),
          source: 'online',
        },
      });
    },
  };
}
export type StaffActions = ReturnType<typeof createStaffActions>;
