/** What every student journey use case is built from, and the success they all end with. */
import { accessUntil } from './activation';
import type { AccountService, AccountSnapshot, Journey, JourneyStore } from './journey-ports';
import type { PasswordGuard } from './journey-policy';
import type { JourneyDone } from './journeys';
import type { InstitutionProfile } from './profile';
import { err, failure, type Result } from './result';

export interface JourneyDeps {
  journeys: JourneyStore;
  accounts: AccountService;
  guard: PasswordGuard;
  profile: InstitutionProfile;
  /** A fresh idempotency key (a UUID) for one user action; its retries reuse it. */
  newKey(): string;
}

/** The open journey, or `journey_expired` for an unknown, ended or timed-out id. */
export function openJourney(journeys: JourneyStore, journeyId: string): Result<Journey> {
  const journey = journeys.get(journeyId);
  return journey ? { ok: true, value: journey } : failure('journey_expired');
}

/** The success screen's data after a change to the account. */
export function journeyDone(
  profile: InstitutionProfile,
  identifier: string,
  account: AccountSnapshot,
): JourneyDone {
  return {
    identifier,
    entUrl: profile.entUrl,
    accessUntil: accessUntil(account.leavingYear),
    receipt: account.receipt ?? null,
  };
}

/** Refuses a password before any request, with the rules it breaks. */
export function policyRefusal(violations: readonly string[]): Result<never> | null {
  return violations.length === 0
    ? null
    : err({ code: 'password_policy', violations: [...violations] });
}
