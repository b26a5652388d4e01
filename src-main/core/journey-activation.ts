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
import type { JourneyDone } from './journeys';
import { failure, ok, type Result } from './result';
import { judgedCode, type SentCode } from './sent-codes';

/** Builds the activation use cases over the journey store and the central API. */
export function createActivationJourney(deps: JourneyDeps) {
  const { sentCodes, limits } = deps;
  const now = () => limits.clock.now();
  /** The API's answer to a code, with "cancelled" when it dropped the code (sent-codes.ts). */
  const judged = <T>(identifier: string, answer: Result<T>) =>
    judgedCode(sentCodes, limits.emailKey(identifier), 'activation', answer, now());

  return {
    /** Sends (again) the activation e-mail to the personal address; it replaces the last code. */
    async sendEmail(input: { journeyId: string }): Promise<Result<SentCode>> {
      const journey = openJourney(deps.journeys, input.journeyId);
      if (!journey.ok) return journey;
      const { identifier } = journey.value;
      const sent = await sendWithCooldown(limits, identifier, () =>
        deps.accounts.sendActivationEmail(identifier, deps.newKey()),
      );
      if (!sent.ok) return sent;
      return ok(sentCodes.record(limits.emailKey(identifier), 'activation', sent.value, now()));
    },

    /**
     * The activation e-mail this kiosk sent this student and still valid, or null: a student
     * identified again (after the idle reset) goes back to typing its code.
     */
    async recentEmail(input: { journeyId: string }): Promise<Result<SentCode | null>> {
      const journey = openJourney(deps.journeys, input.journeyId);
      if (!journey.ok) return journey;
      const key = limits.emailKey(journey.value.identifier);
      return ok(sentCodes.recent(key, 'activation', now()));
    },

    /** Checks the e-mail's code before the student reads the charter and picks a password. */
    async checkCode(input: {
      journeyId: string;
      code: string;
    }): Promise<Result<{ validUntil: string | null; provisional?: boolean }>> {
      const opened = openWithCode(deps.journeys, input.journeyId, input.code);
      if (!opened.ok) return opened;
      const { journey, code } = opened.value;
      return judged(
        journey.identifier,
        await deps.accounts.checkActivationCode(journey.identifier, code),
      );
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
      if (answer.ok) sentCodes.forget(limits.emailKey(identifier), 'activation');
      return doneFrom(deps.profile, identifier, judged(identifier, answer));
    },
  };
}
export type ActivationJourney = ReturnType<typeof createActivationJourney>;
