/**
 * The simulator's in-memory world: the dataset, indexed, plus issued tokens. Later endpoints
 * (activation, passwords…) change records through this object, never through the dataset file.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../core/ports';
import { allowedDevices, type Dataset, type DatasetStudent } from './dataset';
import { lazySealingKey, type SimulatorSealingKey } from './sealing-key';
import { createDirectoryFeed, type DirectoryFeed } from './directory-feed';
import { createJourneyState, type JourneyState } from './journey-state';
import { createRateLimits, type RateLimits } from './rate-limits';
import { createAccountEventLog, type AccountEventLog } from './account-events';
import { createAuditStore, type AuditStore } from './audit-store';
import { createStaffState, type StaffState } from './staff-state';
import { createTokenStore, type TokenStore } from './tokens';

export interface SimulatorState {
  readonly dataset: Dataset;
  readonly tokens: TokenStore;
  /** Codes, password hashes, student sessions and the captured mailbox (student journeys). */
  readonly journeys: JourneyState;
  /** PIN hashes, sign-in limits, staff sessions and grants (staff mode). */
  readonly staff: StaffState;
  /** Each account's lifecycle events, for staff. */
  readonly events: AccountEventLog;
  /** The audit events kiosks uploaded. */
  readonly audit: AuditStore;
  /** The key pair kiosks seal queued passwords to (GET /v1/kiosk/sealing-key). */
  readonly sealing: SimulatorSealingKey;
  /** Failed identifications and password checks per subject and per kiosk (429s). */
  readonly limits: RateLimits;
  studentByNumber(studentNumber: string): DatasetStudent | undefined;
  studentByIdentifier(identifier: string): DatasetStudent | undefined;
  /** True when the device credential is one the dataset allows (or the demo one). */
  checkDevice(deviceId: string, secret: string): boolean;
  /** The directory change feed's log (GET /v1/directory/changes). */
  readonly directory: DirectoryFeed;
  /**
   * Every change to a student's data goes through here (after changing the record in place), so
   * that kiosks syncing the directory see it. Returns the change's sequence number.
   */
  recordChange(identifier: string): number;
  /** Adds a student, or replaces the one with the same identifier (simulator-only controls). */
  putStudent(student: DatasetStudent): number;
  /** Removes a student; null when there was none. */
  removeStudent(identifier: string): number | null;
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** Indexes a private copy of the dataset, so that changes never leak into the caller's object. */
export function createState(
  source: Dataset,
  clock: Clock,
  tokenTtlSeconds?: number,
  sealing: SimulatorSealingKey = lazySealingKey(),
): SimulatorState {
  const dataset = structuredClone(source);
  const byNumber = new Map(dataset.students.map((s) => [s.studentNumber, s]));
  const byIdentifier = new Map(dataset.students.map((s) => [s.identifier, s]));
  const devices = new Map(allowedDevices(dataset).map((d) => [d.deviceId, digest(d.secret)]));
  // Compared against when the device is unknown, so both refusals take the same time.
  const decoy = digest('no such device');
  // A dataset built in code (not parsed) may leave `staff` out.
  dataset.staff ??= [];
  const staff = createStaffState(dataset.staff, clock);
  // From now on only the PINs' hashes exist, as for passwords (journey-state.ts).
  for (const member of dataset.staff) Reflect.deleteProperty(member, 'pin');
  const directory = createDirectoryFeed();
  for (const student of dataset.students) directory.recordChange(student.identifier);

  return {
    dataset,
    tokens: createTokenStore(clock, tokenTtlSeconds),
    journeys: createJourneyState(dataset.students, clock),
    staff,
    events: createAccountEventLog(clock),
    audit: createAuditStore(),
    sealing,
    limits: createRateLimits(clock),
    studentByNumber: (studentNumber) => byNumber.get(studentNumber),
    studentByIdentifier: (identifier) => byIdentifier.get(identifier),
    checkDevice(deviceId, secret) {
      const expected = devices.get(deviceId);
      const same = timingSafeEqual(expected ?? decoy, digest(secret));
      return expected !== undefined && same;
    },
    directory,
    recordChange: (identifier) => directory.recordChange(identifier),
    putStudent(student) {
      const holder = byNumber.get(student.studentNumber);
      if (holder && holder.identifier !== student.identifier)
        throw new Error('putStudent: the student number belongs to another student');
      const previous = byIdentifier.get(student.identifier);
      const copy = structuredClone(student);
      if (previous) {
        byNumber.delete(previous.studentNumber);
        dataset.students[dataset.students.indexOf(previous)] = copy;
      } else dataset.students.push(copy);
      byNumber.set(copy.studentNumber, copy);
      byIdentifier.set(copy.identifier, copy);
      return directory.recordChange(copy.identifier);
    },
    removeStudent(identifier) {
      const student = byIdentifier.get(identifier);
      if (!student) return null;
      byIdentifier.delete(identifier);
      byNumber.delete(student.studentNumber);
      dataset.students.splice(dataset.students.indexOf(student), 1);
      return directory.recordDeletion(identifier, clock.now());
    },
  };
}
