/**
 * Many made-up students at once (the 100 000 of the sync benchmark), faster than the demo
 * population, which allocates identifiers the institution's way. Names and programmes come from
 * the demo lists, so records have the demo's size and characters.
 */
import type { DatasetStudent } from './dataset';
import { NAME_GROUPS } from './demo-names';
import { TRACKS } from './demo-programs';
import { summerInstant } from './demo-students';
import { baseIdentifier } from './identifiers';
import { createRandom, seedFrom } from './prng';

export interface SyntheticOptions {
  /** Same seed, same students. */
  seed: string;
  /** The academic year's first calendar year (2026 for 2026-2027). */
  year: number;
  /** Identifiers and student numbers already in use, skipped. */
  taken: { identifier(id: string): boolean; studentNumber(n: string): boolean };
}

/** Generates `count` students that collide with nobody in `taken` nor among themselves. */
export function syntheticStudents(count: number, options: SyntheticOptions): DatasetStudent[] {
  const random = createRandom(seedFrom(`synthetic-${options.seed}`));
  const numbers = new Set<string>();
  const identifiers = new Set<string>();
  const students: DatasetStudent[] = [];
  for (let i = 0; students.length < count; i += 1) {
    const group = random.pick(NAME_GROUPS);
    const firstName = random.pick(group.firstNames);
    const lastName = random.pick(group.lastNames);
    const identifier = `${baseIdentifier(firstName, lastName)}.${i.toString(36)}`;
    const studentNumber = String(random.int(10_000_000, 99_999_999));
    if (numbers.has(studentNumber) || options.taken.studentNumber(studentNumber)) continue;
    if (identifiers.has(identifier) || options.taken.identifier(identifier)) continue;
    numbers.add(studentNumber);
    identifiers.add(identifier);
    const year = options.year - random.int(0, 2);
    const month = String(random.int(1, 12)).padStart(2, '0');
    const day = String(random.int(1, 28)).padStart(2, '0');
    const validatedAt = summerInstant(year, random.int(0, 61), random.int(6, 16), 0);
    const active = random.chance(0.7);
    students.push({
      studentNumber,
      birthDate: `${year - random.int(17, 30)}-${month}-${day}`,
      firstName,
      lastName,
      identifier,
      personalEmail: null,
      enrollments: [
        {
          academicYear: `${year}-${year + 1}`,
          program: random.pick(random.pick(TRACKS).programs),
          validatedAt,
        },
      ],
      account: {
        status: active ? 'active' : 'not_activated',
        activatedAt: active ? validatedAt : null,
        leavingYear: null,
      },
    });
  }
  return students;
}
