/**
 * What staff mode (issue 7) calls to lift the kiosk's limits after checking who is in front of
 * them: the kiosk-wide delay of identification and password checks, and one student's lock.
 * There is no staff screen yet; the kiosk exposes these as `Kiosk.limits`.
 */
import { normaliseIdentifier } from './journey-password';
import type { AttemptLimiter } from './lockout';

export interface LimitResetDeps {
  identification: AttemptLimiter;
  credentials: AttemptLimiter;
  /** The keyed hash identification failures of a (normalised) student number are counted under. */
  numberKey(studentNumber: string): Promise<string>;
  /** The keyed hash password failures of an identifier are counted under. */
  identifierKey(identifier: string): string;
}

export interface LimitResets {
  /** Forgets this kiosk's recent failures: the growing delay stops at once for everybody. */
  clearKioskBudget(): void;
  /** Forgets one student number's failed identifications and lifts its lock. */
  clearStudentNumberLockout(studentNumber: string): Promise<void>;
  /** Forgets one account's failed password checks and lifts its lock. */
  clearAccountLockout(identifier: string): void;
}

/** Builds the staff operations over the journal's counters. */
export function createLimitResets(deps: LimitResetDeps): LimitResets {
  return {
    clearKioskBudget() {
      deps.identification.clearKiosk();
      deps.credentials.clearKiosk();
    },
    async clearStudentNumberLockout(studentNumber) {
      deps.identification.clearSubject(await deps.numberKey(studentNumber.trim()));
    },
    clearAccountLockout(identifier) {
      deps.credentials.clearSubject(deps.identifierKey(normaliseIdentifier(identifier)));
    },
  };
}
