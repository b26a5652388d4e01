/** What every student journey use case is built from, and the success they all end with. */
import { accessUntil, normaliseCode } from './activation';
import type { JourneyLimits } from './journey-limits';
import type { AccountService, AccountSnapshot, Journey, JourneyStore } from './journey-ports';
import type { PasswordGuard } from './journey-policy';
import type { JourneyDone } from './journeys';
import type { InstitutionProfile } from './profile';
import { err, failure, type Result } from './result';
import type { SentCodes } from './sent-codes';

export interface JourneyDeps {
  journeys: JourneyStore;
  accounts: AccountService;
  guard: PasswordGuard;
  profile: InstitutionProfile;
  /** A fresh idempotency key (a UUID) for one user action; its retries reuse it. */
  newKey(): string;
  /** Password checks and e-mail sends, limited in main (journey-limits.ts). */
  limits: JourneyLimits;
  /** The codes this kiosk e-mailed, while valid (sent-codes.ts): "sent at", "cancelled". */
  sentCodes: SentCodes;
}

/** The open journey, or `journey_expired` for an unknown, ended or timed-out id. */
export function openJourney(journeys: JourneyStore, journeyId: string): Result<Journey> {
  const journey = journeys.get(journeyId);
  return journey ? { ok: true, value: journey } : failure('journey_expired');
}

/** The open journey and the e-mail's code, normalised; `code_invalid` for an empty code. */
export function openWithCode(
  journeys: JourneyStore,
  journeyId: string,
  rawCode: string,
): Result<{ journey: Journey; code: string }> {
  const journey = openJourney(journeys, journeyId);
  if (!journey.ok) return journey;
  const code = normaliseCode(rawCode);
  if (code === '') return failure('code_invalid');
  return { ok: true, value: { journey: journey.value, code } };
}

/** The API's answer to a change to the account, as the success screen's data. */
export function doneFrom(
  profile: InstitutionProfile,
  identifier: string,
  answer: Result<AccountSnapshot>,
): Result<JourneyDone> {
  return answer.ok ? { ok: true, value: journeyDone(profile, identifier, answer.value) } : answer;
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
