/** The simulator's change log entries as the contract's directory changes. */
import type { DirectoryChangeWire } from '../api/wire-directory';
import type { FeedEntry } from './directory-feed';
import type { SimulatorState } from './state';
import { toStudentWire } from './student-wire';

/** The wire form of one log entry; null when its student vanished without a tombstone. */
export function toDirectoryChange(
  entry: FeedEntry,
  state: SimulatorState,
): DirectoryChangeWire | null {
  const { recordId, version, deletedAt } = entry;
  if (deletedAt !== null) return { kind: 'tombstone', recordId, version, deletedAt };
  const student = state.studentByIdentifier(entry.identifier);
  if (!student) return null;
  return {
    kind: 'record',
    recordId,
    version,
    studentNumber: student.studentNumber,
    birthDate: student.birthDate,
    student: toStudentWire(student),
  };
}
