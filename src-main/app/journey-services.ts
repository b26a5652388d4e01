/**
 * Wires the student journeys for startKiosk: the journey store, the password guard with the
 * dictionary, and the use cases over the central API client.
 */
import { randomUUID } from 'node:crypto';
import { createActivationJourney } from '../core/journey-activation';
import type { JourneyDeps } from '../core/journey-deps';
import { createHandoffJourney, type GrantCompletion } from '../core/journey-handoff';
import type { JourneyLimits } from '../core/journey-limits';
import { createMailJourney } from '../core/journey-mail';
import { createPasswordJourney } from '../core/journey-password';
import { createPasswordGuard } from '../core/journey-policy';
import type { AccountService } from '../core/journey-ports';
import { loadDictionary } from '../core/password-dictionary';
import type { Clock } from '../core/ports';
import type { InstitutionProfile } from '../core/profile';
import { createSentCodes } from '../core/sent-codes';
import type { JourneyHandlerDeps } from '../ipc/journey-handlers';
import { createJourneyStore, journeyTtlSeconds } from './journeys';

/** The journeys' part of the handlers' dependencies. */
export function createJourneyServices(options: {
  accounts: AccountService;
  profile: InstitutionProfile;
  clock: Clock;
  limits: JourneyLimits;
  /** The API's grant-backed completions, for journeys a staff member handed over. */
  grants: GrantCompletion;
}): Omit<JourneyHandlerDeps, 'audit'> {
  const journeys = createJourneyStore({
    clock: options.clock,
    ttlSeconds: journeyTtlSeconds(options.profile),
  });
  const deps: JourneyDeps = {
    journeys,
    accounts: options.accounts,
    guard: createPasswordGuard(options.profile.password, loadDictionary),
    profile: options.profile,
    newKey: randomUUID,
    limits: options.limits,
    sentCodes: createSentCodes(),
  };
  return {
    journeys,
    activation: createActivationJourney(deps),
    passwords: createPasswordJourney(deps),
    mail: createMailJourney(deps),
    handoff: createHandoffJourney({ ...deps, grants: options.grants }),
    accounts: options.accounts,
  };
}
