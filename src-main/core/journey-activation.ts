/**
 * Activation ("1ère connexion"): (re)send the e-mail, check its code, then activate with the
 * accepted charter and a first password that meets the policy.
 */
import { normaliseCode } from './activation';
import { journeyDone, openJourney, policyRefusal, type JourneyDeps } from './journey-deps';
import { personalDataOf } from './journey-policy';
import type { EmailSent, JourneyDone } from './journeys';
import { failure, type Result } from './result';

/** Builds the activation use cases over the journey store and the central API. */
export function createActivationJourney(deps: JourneyDeps) {
  return {
    /** Sends (again) the activation e-mail to the personal address. */
    async sendEmail(input: { journeyId: string }): Promise<Result<EmailSent>> {
      const journey = openJourney(deps.journeys, input.journeyId);
      if (!journey.ok) return journey;
      return deps.accounts.sendActivationEmail(journey.value.identifier, deps.newKey());
    },

    /** Checks the e-mail's code before the student reads the charter and picks a password. */
    async checkCode(input: {
      journeyId: string;
      code: string;
    }): Promise<Result<{ validUntil: string }>> {
      const journey = openJourney(deps.journeys, input.journeyId);
      if (!journey.ok) return journey;
      const code = normaliseCode(input.code);
      if (code === '') return failure('code_invalid');
      return deps.accounts.checkActivationCode(journey.value.identifier, code);
    },

    /** Activates the account; the password is checked against the policy before any request. */
    async complete(input: {
      journeyId: string;
      code: string;
      charterVersion: string;
      password: string;
    }): Promise<Result<JourneyDone>> {
      const journey = openJourney(deps.journeys, input.journeyId);
      if (!journey.ok) return journey;
      const code = normaliseCode(input.code);
      if (code === '') return failure('code_invalid');
      if (input.charterVersion.trim() === '') return failure('invalid_input');
      const refused = policyRefusal(
        await deps.guard(input.password, personalDataOf(journey.value)),
      );
      if (refused) return refused;
      const { identifier } = journey.value;
      const answer = await deps.accounts.activate(
        identifier,
        { code, charterVersion: input.charterVersion.trim(), password: input.password },
        deps.newKey(),
      );
      return answer.ok
        ? { ok: true, value: journeyDone(deps.profile, identifier, answer.value) }
        : answer;
    },
  };
}
export type ActivationJourney = ReturnType<typeof createActivationJourney>;
