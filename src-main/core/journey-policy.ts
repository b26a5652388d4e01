/**
 * The password policy as the journeys apply it in main: every rule is checked before any request
 * leaves the kiosk, so a refused password never travels. The central API checks again.
 */
import type { Journey } from './journey-ports';
import {
  checkPassword,
  type Dictionary,
  type PasswordPolicy,
  type PasswordRuleId,
  type PersonalData,
} from './password-policy';

/** The rules a password breaks (empty when it may be sent). */
export type PasswordGuard = (
  password: string,
  personal: PersonalData | null,
) => Promise<PasswordRuleId[]>;

/**
 * Builds the guard. A dictionary that cannot be loaded leaves that one rule to the central API
 * rather than blocking every password at the kiosk.
 */
export function createPasswordGuard(
  policy: PasswordPolicy,
  dictionary: () => Promise<Dictionary>,
): PasswordGuard {
  return async (password, personal) => {
    const words = await dictionary().catch(() => null);
    return checkPassword(password, policy, personal, words).violations;
  };
}

/** The personal data of a journey, for the policy's personal-data rule. */
export function personalDataOf(journey: Journey): PersonalData {
  return {
    identifier: journey.identifier,
    firstName: journey.firstName,
    lastName: journey.lastName,
    birthDate: journey.birthDate,
  };
}
