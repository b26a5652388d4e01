/**
 * Passwords: change (knowing the current one) and "mot de passe oublié" (a code sent to the
 * personal address). The new password is checked against the policy before any request.
 */
import {
  doneFrom,
  openJourney,
  openWithCode,
  policyRefusal,
  type JourneyDeps,
} from './journey-deps';
import { checkCredential, sendWithCooldown } from './journey-limits';
import { personalDataOf } from './journey-policy';
import type { JourneyDone } from './journeys';
import { failure, ok, type Result } from './result';
import { judgedCode, type SentCode } from './sent-codes';

/** Account identifiers are lower case; a kiosk keyboard may add capitals or spaces. */
export function normaliseIdentifier(raw: string): string {
  return raw.trim().toLowerCase();
}

/** Builds the password use cases over the journey store and the central API. */
export function createPasswordJourney(deps: JourneyDeps) {
  const { sentCodes, limits } = deps;
  const now = () => limits.clock.now();

  return {
    /** Sends a reset code to the personal address of the identified student (replacing the last). */
    async requestReset(input: { journeyId: string }): Promise<Result<SentCode>> {
      const journey = openJourney(deps.journeys, input.journeyId);
      if (!journey.ok) return journey;
      const { identifier } = journey.value;
      const sent = await sendWithCooldown(limits, identifier, () =>
        deps.accounts.requestPasswordReset(identifier, deps.newKey()),
      );
      if (!sent.ok) return sent;
      return ok(sentCodes.record(limits.emailKey(identifier), 'password_reset', sent.value, now()));
    },

    /** The reset code this kiosk sent this student and still valid, or null (see activation). */
    async recentReset(input: { journeyId: string }): Promise<Result<SentCode | null>> {
      const journey = openJourney(deps.journeys, input.journeyId);
      if (!journey.ok) return journey;
      const key = limits.emailKey(journey.value.identifier);
      return ok(sentCodes.recent(key, 'password_reset', now()));
    },

    /** Sets a new password with the code from the reset e-mail. */
    async completeReset(input: {
      journeyId: string;
      code: string;
      password: string;
    }): Promise<Result<JourneyDone>> {
      const opened = openWithCode(deps.journeys, input.journeyId, input.code);
      if (!opened.ok) return opened;
      const { journey, code } = opened.value;
      const refused = policyRefusal(await deps.guard(input.password, personalDataOf(journey)));
      if (refused) return refused;
      const { identifier } = journey;
      const answer = await deps.accounts.resetPassword(
        identifier,
        { code, password: input.password },
        deps.newKey(),
      );
      const key = limits.emailKey(identifier);
      if (answer.ok) sentCodes.forget(key, 'password_reset');
      const judged = judgedCode(sentCodes, key, 'password_reset', answer, now());
      return doneFrom(deps.profile, identifier, judged);
    },

    /**
     * Changes the password with the current one. No journey: the student is not identified, so
     * only the identifier is compared here; the central API also compares names and birth date.
     */
    async change(input: {
      identifier: string;
      currentPassword: string;
      newPassword: string;
    }): Promise<Result<JourneyDone>> {
      const identifier = normaliseIdentifier(input.identifier);
      if (identifier === '') return failure('invalid_input');
      const personal = { identifier, firstName: '', lastName: '', birthDate: null };
      const refused = policyRefusal(await deps.guard(input.newPassword, personal));
      if (refused) return refused;
      // The current password is a guess until the API says otherwise: limited, also offline.
      const answer = await checkCredential(
        deps.limits,
        identifier,
        () =>
          deps.accounts.changePassword(
            identifier,
            { currentPassword: input.currentPassword, password: input.newPassword },
            deps.newKey(),
          ),
        (account) => (account.receipt ?? null) !== null,
      );
      return doneFrom(deps.profile, identifier, answer);
    },
  };
}
export type PasswordJourney = ReturnType<typeof createPasswordJourney>;
