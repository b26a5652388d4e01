/**
 * Simulator-only controls of the directory, outside /v1 and outside the contract: tests and
 * benchmarks add, change and delete students, generate many at once, and expire every cursor.
 * They are not served unless passed in `SimulatorDeps.routes` (never in demo mode), since they
 * take no credential.
 */
import { z } from 'zod';
import { academicYearOf } from '../core/academic-year';
import { DatasetSchema } from './dataset';
import { apiError, json } from './http';
import { defineRoute, type Route } from './router';
import { syntheticStudents } from './synthetic-students';

/** Paths of the controls; `student` builds the path of one student's DELETE. */
export const DIRECTORY_CONTROL_PATHS = {
  students: '/_simulator/directory/students',
  student: (identifier: string) =>
    `/_simulator/directory/students/${encodeURIComponent(identifier)}`,
  generate: '/_simulator/directory/generate',
  touch: '/_simulator/directory/touch',
  expireCursors: '/_simulator/directory/expire-cursors',
} as const;

const StudentBody = DatasetSchema.shape.students.element;
const GenerateBody = z
  .object({ count: z.number().int().min(1).max(1_000_000), seed: z.string().max(64).default('1') })
  .strict();
const TouchBody = z.object({ count: z.number().int().min(1).max(1_000_000) }).strict();

/** Adds or replaces a student (by identifier); answers the change's sequence number. */
const putStudent = defineRoute({
  method: 'POST',
  path: DIRECTORY_CONTROL_PATHS.students,
  auth: 'none',
  body: StudentBody,
  handle: ({ body, env }) => {
    try {
      return json({ seq: env.state.putStudent(body) });
    } catch {
      return apiError(409, 'invalid_request', 'student number already taken');
    }
  },
});

const deleteStudent = defineRoute({
  method: 'DELETE',
  path: `${DIRECTORY_CONTROL_PATHS.students}/:identifier`,
  auth: 'none',
  body: null,
  handle: ({ params, env }) => {
    const seq = env.state.removeStudent(params.identifier ?? '');
    return seq === null ? apiError(404, 'not_found', 'no such student') : json({ seq });
  },
});

/** Appends `count` synthetic students of the current academic year. */
const generate = defineRoute({
  method: 'POST',
  path: DIRECTORY_CONTROL_PATHS.generate,
  auth: 'none',
  body: GenerateBody,
  handle: ({ body, env }) => {
    const { state } = env;
    const year = Number(academicYearOf(env.clock.now(), env.settings.timeZone).slice(0, 4));
    const students = syntheticStudents(body.count, {
      seed: body.seed,
      year,
      taken: {
        identifier: (id) => state.studentByIdentifier(id) !== undefined,
        studentNumber: (n) => state.studentByNumber(n) !== undefined,
      },
    });
    let seq = state.directory.sequence;
    for (const student of students) seq = state.putStudent(student);
    return json({ count: students.length, seq });
  },
});

/** Publishes the first `count` students again, as a directory re-export would (a delta). */
const touch = defineRoute({
  method: 'POST',
  path: DIRECTORY_CONTROL_PATHS.touch,
  auth: 'none',
  body: TouchBody,
  handle: ({ body, env }) => {
    const { state } = env;
    let seq = state.directory.sequence;
    for (const student of state.dataset.students.slice(0, body.count))
      seq = state.recordChange(student.identifier);
    return json({ seq });
  },
});

const expireCursors = defineRoute({
  method: 'POST',
  path: DIRECTORY_CONTROL_PATHS.expireCursors,
  auth: 'none',
  body: null,
  handle: ({ env }) => {
    env.state.directory.expireCursors();
    return json({ seq: env.state.directory.sequence });
  },
});

/** The controls, for `createSimulator({ routes: DIRECTORY_CONTROL_ROUTES })`. */
export const DIRECTORY_CONTROL_ROUTES: readonly Route[] = [
  putStudent,
  deleteStudent,
  generate,
  touch,
  expireCursors,
];
