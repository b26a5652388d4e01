/** What the sync benchmark's two processes agree on: the device, and the seeded students. */
import { syntheticStudents } from '../src-main/simulator/synthetic-students';

export const BENCH_DEVICE = { deviceId: 'kiosk-bench-01', secret: 'bench-secret-0123456789' };

/** The students of a benchmark run, the same in both processes. */
export function benchStudents(count: number, seed: string, year: number) {
  const none = () => false;
  return syntheticStudents(count, { seed, year, taken: { identifier: none, studentNumber: none } });
}
