/**
 * The directory port: what the server asks of the university's directory. The LDAP adapter
 * (src-server/ldap) implements it over SupAnn; every call is asynchronous, and every failure to
 * reach the directory is a DirectoryUnavailable, which the HTTP layer answers with 503.
 */
import type { AccountStatus } from '../../src-main/core/student';
import type { Enrolment, LockKind } from '../ldap/mapping';

/** One person as the directory holds them. No password, ever. */
export interface DirectoryPerson {
  /** Stable across renames: the change feed's record id (LDAP entryUUID). */
  id: string;
  identifier: string;
  firstName: string;
  lastName: string;
  /** YYYY-MM-DD, or null when the entry has none (it cannot identify then). */
  birthDate: string | null;
  studentNumbers: string[];
  personalEmail: string | null;
  enrolments: Enrolment[];
  status: AccountStatus;
  /** Why the account is locked: the directory's own lock, or ppolicy's after failed binds. */
  lock: LockKind | 'too_many_failures' | null;
  mailRedirection: string | null;
  mailKeepCopy: boolean;
  /** When the account became active (the start of its active state), ISO; else null. */
  activatedAt: string | null;
  /** The directory's last change to the entry (modifyTimestamp), ISO. */
  modifiedAt: string | null;
}

/** A bind as the student: the password was right, wrong, or the account is locked. */
export type BindOutcome = 'ok' | 'wrong_password' | 'locked';

/** A new password the directory refused (ppolicy: history, age, quality). */
export class DirectoryPolicyError extends Error {
  readonly code = 'directory_policy';
}

/** The directory could not be reached or did not answer: the server answers 503. */
export class DirectoryUnavailable extends Error {
  readonly code = 'directory_unavailable';
  /** Read by the request pipeline: answered with 503 and Retry-After. */
  readonly unavailable = true;
}

export interface Directory {
  /** The person with this student number and birth date, or null (one answer for both). */
  identify(studentNumber: string, birthDate: string): Promise<DirectoryPerson | null>;
  byIdentifier(identifier: string): Promise<DirectoryPerson | null>;
  /** Sets a password as the service account (activation, reset); the policy was applied first. */
  setPassword(identifier: string, password: string): Promise<void>;
  /** Binds as the student (password change, mail login); counts towards ppolicy's lockout. */
  checkPassword(identifier: string, password: string): Promise<BindOutcome>;
  /** Changes the password as the student, after a successful bind with the current one. */
  changePassword(identifier: string, current: string, next: string): Promise<void>;
  /** Marks the account active (after activation). */
  markActivated(identifier: string, at: Date): Promise<void>;
  /**
   * Lifts ppolicy's lockout after failed binds; false for an administrative or security lock,
   * which only the directory's owners lift.
   */
  unlock(identifier: string): Promise<boolean>;
  /** Replaces the personal address (staff corrected it after checking it in person). */
  setPersonalEmail(identifier: string, address: string): Promise<void>;
  /**
   * Binds as the staff member with this uid (under the staff base, else the people base) with
   * their own directory password (the help-desk console's sign-in): true when the directory
   * accepted it; false for a wrong password, an unknown uid or a locked entry alike.
   */
  bindStaff(staffId: string, password: string): Promise<boolean>;
  /** Which of `groups` (DNs) the staff member with this identifier belongs to. */
  groupsOf(staffId: string, groups: readonly string[]): Promise<string[]>;
  setRedirection(identifier: string, address: string | null, keepCopy: boolean): Promise<void>;
  /** Every person, page by page: the change feed's scan. */
  scan(): AsyncIterable<DirectoryPerson[]>;
  /** True when the directory answers now (health). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
