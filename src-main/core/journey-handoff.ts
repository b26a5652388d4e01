/**
 * The student's side of a staff hand-off: after an in-person check, the agent's grant (held in
 * the journey, in main only) stands in for the mailed code. The student accepts the charter and
 * picks their own password (activation), or sets a new one (reset); staff never see it.
 */
import { doneFrom, openJourney, policyRefusal, type JourneyDeps } from './journey-deps';
import type { AccountSnapshot, Journey } from './journey-ports';
import { personalDataOf } from './journey-policy';
import type { JourneyDone } from './journeys';
import { failure, type Result } from './result';

/** The central API's grant-backed completions (api/staff-client.ts). */
export interface GrantCompletion {
  activateWithGrant(
    identifier: string,
    request: { grant: string; password: string; charterVersion: string },
    key: string,
  ): Promise<Result<AccountSnapshot>>;
  resetPasswordWithGrant(
    identifier: string,
    request: { grant: string; password: string },
    key: string,
  ): Promise<Result<AccountSnapshot>>;
}

/** A journey handed over for `purpose`; any other journey is refused as expired. */
function grantJourney(
  deps: JourneyDeps,
  journeyId: string,
  purpose: 'activation' | 'password_reset',
): Result<Journey & { grant: { token: string } }> {
  const journey = openJourney(deps.journeys, journeyId);
  if (!journey.ok) return journey;
  const grant = journey.value.grant;
  if (!grant || grant.purpose !== purpose) return failure('journey_expired');
  return { ok: true, value: { ...journey.value, grant } };
}

/** Builds the hand-off completions over the journey store and the central API. */
export function createHandoffJourney(deps: JourneyDeps & { grants: GrantCompletion }) {
  return {
    async completeActivation(input: {
      journeyId: string;
      charterVersion: string;
      password: string;
    }): Promise<Result<JourneyDone>> {
      const journey = grantJourney(deps, input.journeyId, 'activation');
      if (!journey.ok) return journey;
      if (input.charterVersion.trim() === '') return failure('invalid_input');
      const refused = policyRefusal(
        await deps.guard(input.password, personalDataOf(journey.value)),
      );
      if (refused) return refused;
      const { identifier, grant } = journey.value;
      const answer = await deps.grants.activateWithGrant(
        identifier,
        {
          grant: grant.token,
          password: input.password,
          charterVersion: input.charterVersion.trim(),
        },
        deps.newKey(),
      );
      return doneFrom(deps.profile, identifier, answer);
    },

    async completeReset(input: {
      journeyId: string;
      password: string;
    }): Promise<Result<JourneyDone>> {
      const journey = grantJourney(deps, input.journeyId, 'password_reset');
      if (!journey.ok) return journey;
      const refused = policyRefusal(
        await deps.guard(input.password, personalDataOf(journey.value)),
      );
      if (refused) return refused;
      const { identifier, grant } = journey.value;
      const answer = await deps.grants.resetPasswordWithGrant(
        identifier,
        { grant: grant.token, password: input.password },
        deps.newKey(),
      );
      return doneFrom(deps.profile, identifier, answer);
    },
  };
}
export type HandoffJourney = ReturnType<typeof createHandoffJourney>;
