/**
 * The simulator's in-memory world: the dataset, indexed, plus issued tokens. Later endpoints
 * (activation, passwords…) change records through this object, never through the dataset file.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../core/ports';
import { allowedDevices, type Dataset, type DatasetStudent } from './dataset';
import { createTokenStore, type TokenStore } from './tokens';

export interface SimulatorState {
  readonly dataset: Dataset;
  readonly tokens: TokenStore;
  studentByNumber(studentNumber: string): DatasetStudent | undefined;
  studentByIdentifier(identifier: string): DatasetStudent | undefined;
  /** True when the device credential is one the dataset allows (or the demo one). */
  checkDevice(deviceId: string, secret: string): boolean;
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** Indexes a private copy of the dataset, so that changes never leak into the caller's object. */
export function createState(
  source: Dataset,
  clock: Clock,
  tokenTtlSeconds?: number,
): SimulatorState {
  const dataset = structuredClone(source);
  const byNumber = new Map(dataset.students.map((s) => [s.studentNumber, s]));
  const byIdentifier = new Map(dataset.students.map((s) => [s.identifier, s]));
  const devices = new Map(allowedDevices(dataset).map((d) => [d.deviceId, digest(d.secret)]));
  // Compared against when the device is unknown, so both refusals take the same time.
  const decoy = digest('no such device');

  return {
    dataset,
    tokens: createTokenStore(clock, tokenTtlSeconds),
    studentByNumber: (studentNumber) => byNumber.get(studentNumber),
    studentByIdentifier: (identifier) => byIdentifier.get(identifier),
    checkDevice(deviceId, secret) {
      const expected = devices.get(deviceId);
      const same = timingSafeEqual(expected ?? decoy, digest(secret));
      return expected !== undefined && same;
    },
  };
}
