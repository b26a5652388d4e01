/**
 * A deterministic demo population: the same ~300 students for every run in a given academic
 * year (seeded PRNG), with the well-known demo students of demo-students.ts among them.
 * Only the few enrolments "validated minutes ago" depend on the exact `now`, so that the
 * "activation too early" case exists whenever the simulator starts.
 */
import { academicYearOf } from '../core/academic-year';
import type { AccountStatus } from '../core/student';
import type { Dataset, DatasetStudent } from './dataset';
import { NAME_GROUPS } from './demo-names';
import { TRACKS, type Track } from './demo-programs';
import { DEMO_STAFF, summerInstant, wellKnownStudents } from './demo-students';
import { asciiLetters, createIdentifierAllocator } from './identifiers';
import { createRandom, seedFrom, type Random } from './prng';
import { isoSeconds } from './time';

export {
  DEMO_PASSWORD,
  DEMO_STAFF,
  DEMO_STUDENTS,
  type DemoStudent,
  type DemoStudentKey,
} from './demo-students';

export const DEMO_POPULATION_SIZE = 300;
export const DEMO_TIME_ZONE = 'Europe/Paris';
/** Students whose enrolment was validated 2 to 13 minutes before `now`. */
const RECENT_COUNT = 6;

type Path = 'new' | 'returning' | 'former' | 'recent';

const PATH_WEIGHTS = { new: 30, returning: 54, former: 16 } as const;

const STATUS_WEIGHTS: Record<Path, Partial<Record<AccountStatus, number>>> = {
  new: { not_activated: 55, active: 38, locked: 5, disabled: 2 },
  returning: { active: 80, locked: 10, not_activated: 5, disabled: 5 },
  former: { active: 35, disabled: 60, locked: 5 },
  recent: { not_activated: 1 },
};

const EMAIL_DOMAINS = ['example.org', 'example.com', 'example.net'] as const;

export interface DemoPopulationOptions {
  /** Decides which academic year is "current"; defaults to Europe/Paris. */
  timeZone?: string;
  /** Number of students, well-known ones included. */
  size?: number;
}

interface Context {
  random: Random;
  year: number;
  now: Date;
  allocate: (firstName: string, lastName: string) => string;
  numbers: Set<string>;
}

/** Builds the demo dataset; the same for every `now` of one academic year but the recent few. */
export function generateDemoPopulation(now: Date, options: DemoPopulationOptions = {}): Dataset {
  const academicYear = academicYearOf(now, options.timeZone ?? DEMO_TIME_ZONE);
  const year = Number(academicYear.slice(0, 4));
  const known = wellKnownStudents(year, now);
  const ctx: Context = {
    random: createRandom(seedFrom(`guichet-demo-${academicYear}`)),
    year,
    now,
    allocate: createIdentifierAllocator(known.map((s) => s.identifier)),
    numbers: new Set(known.map((s) => s.studentNumber)),
  };
  const size = options.size ?? DEMO_POPULATION_SIZE;
  const regular = Math.max(0, size - known.length - RECENT_COUNT);
  const students = [...known];
  for (let i = 0; i < regular; i += 1) {
    students.push(makeStudent(ctx, ctx.random.weighted(PATH_WEIGHTS)));
  }
  for (let i = 0; i < RECENT_COUNT; i += 1) students.push(makeStudent(ctx, 'recent'));
  return { students, staff: [...DEMO_STAFF] };
}

function byWeight<T extends { weight: number }>(random: Random, items: readonly T[]): T {
  const weights = Object.fromEntries(items.map((item, i) => [String(i), item.weight]));
  return items[Number(random.weighted(weights))] as T;
}

const academicYearFrom = (start: number) => `${start}-${start + 1}`;

/** The start years of a student's enrolments, oldest first. */
function enrolmentYears(ctx: Context, path: Path, track: Track): number[] {
  const { random, year } = ctx;
  const range = (first: number, last: number) =>
    Array.from({ length: last - first + 1 }, (_, i) => first + i);
  switch (path) {
    case 'new':
    case 'recent':
      return [year];
    case 'returning': {
      // Some students repeat a year, so a track can last one year longer than planned.
      const before = random.int(1, Math.max(1, track.years - 1)) + (random.chance(0.15) ? 1 : 0);
      return range(year - before, year);
    }
    case 'former': {
      const last = year - random.int(1, 2);
      return range(last - random.int(1, track.years) + 1, last);
    }
  }
}

function birthDate(ctx: Context, track: Track, firstStart: number): string {
  const { random } = ctx;
  // A few people come back to university later in life.
  const age = track.entryAge + (random.chance(0.06) ? random.int(5, 25) : random.int(-1, 2));
  const month = random.int(1, 12);
  const day = random.int(1, new Date(Date.UTC(firstStart - age, month, 0)).getUTCDate());
  return `${firstStart - age}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function studentNumber(ctx: Context, firstStart: number): string {
  const prefix = String(firstStart % 100).padStart(2, '0');
  let candidate: string;
  do {
    candidate = prefix + String(ctx.random.int(0, 999_999)).padStart(6, '0');
  } while (ctx.numbers.has(candidate));
  ctx.numbers.add(candidate);
  return candidate;
}

function personalEmail(ctx: Context, firstName: string, lastName: string): string | null {
  const { random } = ctx;
  // Some students gave no personal address at enrolment: activation mail cannot reach them.
  if (random.chance(0.05)) return null;
  const suffix = random.chance(0.3) ? String(random.int(1, 99)) : '';
  const local = `${asciiLetters(firstName)}.${asciiLetters(lastName)}${suffix}`;
  return `${local}@${random.pick(EMAIL_DOMAINS)}`;
}

function makeStudent(ctx: Context, wanted: Path): DatasetStudent {
  const { random } = ctx;
  const group = byWeight(random, NAME_GROUPS);
  const firstName = random.pick(group.firstNames);
  const lastName = random.pick(group.lastNames);
  const track = byWeight(random, TRACKS);
  // A one-year diploma cannot be in its second year.
  const path = wanted === 'returning' && track.years === 1 ? 'new' : wanted;
  const program = random.pick(track.programs);
  const starts = enrolmentYears(ctx, path, track);
  const enrollments = starts.map((start) => ({
    academicYear: academicYearFrom(start),
    program,
    validatedAt: summerInstant(start, random.int(0, 61), random.int(6, 16), random.int(0, 59)),
  }));
  const latest = enrollments[enrollments.length - 1];
  if (path === 'recent' && latest) {
    latest.validatedAt = isoSeconds(new Date(ctx.now.getTime() - random.int(2, 13) * 60_000));
  }
  // A few students take a university diploma on top of their main programme this year.
  const du = TRACKS.find((t) => t.name === 'du');
  if (latest && du && path !== 'former' && random.chance(0.05)) {
    enrollments.push({ ...latest, program: random.pick(du.programs) });
  }
  const firstStart = starts[0] ?? ctx.year;
  const status = random.weighted(STATUS_WEIGHTS[path]);
  const activatedAt = activationInstant(ctx, status, firstStart, enrollments[0]?.validatedAt);
  const email = personalEmail(ctx, firstName, lastName);
  const last = starts[starts.length - 1] ?? ctx.year;
  return {
    studentNumber: studentNumber(ctx, firstStart),
    birthDate: birthDate(ctx, track, firstStart),
    firstName,
    lastName,
    identifier: ctx.allocate(firstName, lastName),
    personalEmail: email,
    enrollments,
    account: {
      status,
      activatedAt,
      leavingYear: path === 'former' ? academicYearFrom(last) : null,
    },
    charterAcceptedAt: activatedAt !== null && random.chance(0.9) ? activatedAt : null,
    mailRedirection: status === 'active' && email !== null && random.chance(0.15) ? email : null,
  };
}

function activationInstant(
  ctx: Context,
  status: AccountStatus,
  firstStart: number,
  firstValidatedAt: string | undefined,
): string | null {
  const { random } = ctx;
  if (status === 'not_activated' || firstValidatedAt === undefined) return null;
  // A disabled account may never have been used.
  if (status === 'disabled' && random.chance(0.2)) return null;
  const after = new Date(firstValidatedAt).getTime() + random.int(20, 10 * 24 * 60) * 60_000;
  // Stay within the summer of the first enrolment, so that no activation lies in the future.
  const endOfSummer = Date.UTC(firstStart, 7, 31, 20, 0);
  return isoSeconds(new Date(Math.min(after, endOfSummer)));
}
