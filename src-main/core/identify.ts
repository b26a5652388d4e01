import { academicYearOf } from './academic-year';
import { accessUntil, activationInfo } from './activation';
import { checkIdentifyForm, type IdentifyForm, type IdentityQuery } from './identity-input';
import type { JourneyStore } from './journey-ports';
import type { AttemptLimiter } from './lockout';
import type { AccountDirectory, Clock, DirectoryCache, LookupKeys } from './ports';
import type { InstitutionProfile } from './profile';
import { err, isConnectivityError, ok, type AppError, type Result } from './result';
import type { IdentifiedStudent, StudentRecord } from './student';

export interface IdentifyDeps {
  directory: AccountDirectory;
  cache: DirectoryCache;
  keys: LookupKeys;
  clock: Clock;
  profile: InstitutionProfile;
  /** Identification opens a journey; later journey calls name it. */
  journeys: Pick<JourneyStore, 'open'>;
  /** Failed attempts, per student number and per kiosk, online and offline (journal). */
  lockout: AttemptLimiter;
}

/** What identification adds to the record: the journey it opened and the activation state. */
export type JourneyFacts = Pick<IdentifiedStudent, 'journeyId' | 'activation' | 'maskedEmail'>;

/** Shapes a directory record for the screen: this year's enrolments only. */
export function toIdentifiedStudent(
  record: StudentRecord,
  academicYear: string,
  source: IdentifiedStudent['source'],
  facts: JourneyFacts,
): IdentifiedStudent {
  return {
    ...facts,
    identifier: record.identifier,
    firstName: record.firstName,
    lastName: record.lastName,
    accountStatus: record.account.status,
    enrollments: record.enrollments.filter((e) => e.academicYear === academicYear),
    academicYear,
    accessUntil: accessUntil(record.account.leavingYear),
    source,
  };
}

/**
 * Identification by student number and birth date. Online, the central API decides; when it
 * cannot be reached, the kiosk answers from its private cache. A wrong date and an unknown
 * number give the same error, so nobody can learn which one was wrong.
 */
export function createIdentify(deps: IdentifyDeps) {
  return async function identify(form: IdentifyForm): Promise<Result<IdentifiedStudent>> {
    const now = deps.clock.now();
    const checked = checkIdentifyForm(form, {
      studentNumberLength: deps.profile.studentNumber.length,
      timeZone: deps.profile.timeZone,
      now,
    });
    if (!checked.ok) return err<AppError>({ code: 'invalid_input', fields: checked.error });

    const query = checked.value;
    const academicYear = academicYearOf(now, deps.profile.timeZone);
    const present = (record: StudentRecord, source: IdentifiedStudent['source']) =>
      toIdentifiedStudent(record, academicYear, source, openJourney(record, query, academicYear));
    const attemptKey = await deps.keys.attemptKey(query.studentNumber);
    // Checked and counted as a failure in one step, before the API is asked, and the same answer
    // whichever field was wrong: parallel guesses cannot all slip in before the first is counted.
    const reserved = deps.lockout.reserve(attemptKey, deps.clock.now());
    if (!reserved.ok) {
      return err<AppError>({ code: 'locked_out', retryAfterSeconds: reserved.retryAfterSeconds });
    }
    const { ticket } = reserved;
    const answer = await deps.directory.identify(query);
    if (answer.ok) {
      deps.lockout.succeeded(ticket);
      deps.cache.save(query, answer.value, now);
      return ok(present(answer.value, 'online'));
    }
    if (isConnectivityError(answer.error.code)) {
      const cached = deps.cache.find(query);
      if (cached) {
        deps.lockout.succeeded(ticket);
        return ok(present(cached, 'cache'));
      }
      // Offline, a miss stays counted: unlimited misses would let the cache be searched.
      return err(answer.error);
    }
    // A wrong identity, and the API's own limit (429), stay counted; anything else tested nothing.
    if (answer.error.code !== 'identification_failed' && answer.error.code !== 'rate_limited') {
      deps.lockout.release(ticket);
    }
    return err(answer.error);
  };

  function openJourney(
    record: StudentRecord,
    query: IdentityQuery,
    academicYear: string,
  ): JourneyFacts {
    const maskedEmail = record.maskedEmail ?? null;
    const journey = deps.journeys.open({
      identifier: record.identifier,
      firstName: record.firstName,
      lastName: record.lastName,
      // Memory only, for the password policy's personal-data rule.
      birthDate: query.birthDate,
      leavingYear: record.account.leavingYear,
      studentSession: null,
    });
    const activation = activationInfo(record, {
      now: deps.clock.now(),
      academicYear,
      delayMinutes: deps.profile.activationDelayMinutes,
      maskedEmail,
    });
    return { journeyId: journey.journeyId, activation, maskedEmail };
  }
}
