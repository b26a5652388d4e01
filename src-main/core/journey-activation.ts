/**
 * Activation ("1ère connexion"): (re)send the e-mail, check its code, then activate with the
 * accepted charter and a first password that meets the policy.
 */
import {
  doneFrom,
  openJourney,
  openWithCode,
  policyRefusal,
  type JourneyDeps,
} from './journey-deps';
import { sendWithCooldown } from './journey-limits';
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
      const { identifier } = journey.value;
      return sendWithCooldown(deps.limits, identifier, () =>
        deps.accounts.sendActivationEmail(identifier, deps.newKey()),
      );
    },

    /** Checks the e-mail's code before the student reads the charter and picks a password. */
    async checkCode(input: {
      journeyId: string;
      code: string;
    }): Promise<Result<{ validUntil: string | null; provisional?: boolean }>> {
      const opened = openWithCode(deps.journeys, input.journeyId, input.code);
      if (!opened.ok) return opened;
      const { journey, code } = opened.value;
      return deps.accounts.checkActivationCode(journey.identifier, code);
    },

    /** Activates the account; the password is checked against the policy before any request. */
    async complete(input: {
      journeyId: string;
      code: string;
      charterVersion: string;
      password: string;
    }): Promise<Result<JourneyDone>> {
      const opened = openWithCode(deps.journeys, input.journeyId, input.code);
      if (!opened.ok) return opened;
      const { journey, code } = opened.value;
      if (input.charterVersion.trim() === '') return failure('invalid_input');
      const refused = policyRefusal(await deps.guard(input.password, personalDataOf(journey)));
      if (refused) return refused;
      const { identifier } = journey;
      const answer = await deps.accounts.activate(
        identifier,
        { code, charterVersion: input.charterVersion.trim(), password: input.password },
        deps.newKey(),
      );
      return doneFrom(deps.profile, identifier, answer);
    },
  };
}
export type ActivationJourney = ReturnType<typeof createActivationJourney>;
