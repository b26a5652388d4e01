import { academicYearOf } from './academic-year';
import { checkIdentifyForm, type IdentifyForm } from './identity-input';
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
}

/** Shapes a directory record for the screen: this year's enrolments only. */
export function toIdentifiedStudent(
  record: StudentRecord,
  academicYear: string,
  source: IdentifiedStudent['source'],
): IdentifiedStudent {
  return {
    identifier: record.identifier,
    firstName: record.firstName,
    lastName: record.lastName,
    accountStatus: record.account.status,
    enrollments: record.enrollments.filter((e) => e.academicYear === academicYear),
    academicYear,
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
    const key = await deps.keys.identityKey(query);
    const answer = await deps.directory.identify(query);
    if (answer.ok) {
      deps.cache.save(key, answer.value, now);
      return ok(toIdentifiedStudent(answer.value, academicYear, 'online'));
    }
    if (isConnectivityError(answer.error.code)) {
      const cached = deps.cache.find(key);
      if (cached) return ok(toIdentifiedStudent(cached, academicYear, 'cache'));
    }
    return err(answer.error);
  };
}
