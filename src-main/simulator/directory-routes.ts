/** GET /v1/directory/changes: the directory change feed, served from the state's change log. */
import type { ErrorBody } from '../api/wire';
import {
  CURSOR_EXPIRED,
  DIRECTORY_PAGE_LIMIT,
  DIRECTORY_PATHS,
  type DirectoryChangeWire,
  type DirectoryPage,
} from '../api/wire-directory';
import { toStudentWire } from './student-wire';
import type { FeedEntry } from './directory-feed';
import { apiError, json, type Reply } from './http';
import { defineRoute, type Route } from './router';
import type { SimulatorState } from './state';

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

const expired = (): Reply => {
  const body: ErrorBody = { code: CURSOR_EXPIRED, message: 'cursor expired: start a full sync' };
  return { status: 410, body };
};

const changes = defineRoute({
  method: 'GET',
  path: DIRECTORY_PATHS.changes,
  auth: 'kiosk',
  body: null,
  handle: ({ query, env }) => {
    // resources/openapi.yaml bounds both (limit 1 to 1000, cursor 1 to 512 characters), and
    // the simulator refuses what it does not allow before this handler runs.
    const limit = Number(query.get('limit') ?? DIRECTORY_PAGE_LIMIT.default);
    const cursor = query.get('cursor');
    const read = env.state.directory.read(cursor, limit);
    if (read.kind === 'malformed') return apiError(400, 'invalid_request', 'malformed cursor');
    if (read.kind === 'expired') return expired();
    const page: DirectoryPage = {
      changes: read.entries.flatMap((e) => toDirectoryChange(e, env.state) ?? []),
      nextCursor: read.nextCursor,
      hasMore: read.hasMore,
    };
    return json(page);
  },
});

/** The feed's routes, served by every simulator. */
export const DIRECTORY_ROUTES: readonly Route[] = [changes];
