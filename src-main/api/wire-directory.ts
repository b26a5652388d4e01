/**
 * The directory change feed on the wire (GET /v1/directory/changes): cursor-paged records and
 * tombstones for the kiosk's offline cache. Shared by the client and the simulator, like wire.ts;
 * resources/openapi.yaml documents the same bodies (DirectoryPage, DirectoryRecord, …).
 */
import { z } from 'zod';
import { API_PREFIX, StudentWire } from './wire';

/** Paths of the feed, like PATHS in wire.ts. */
export const DIRECTORY_PATHS = {
  changes: `${API_PREFIX}/directory/changes`,
} as const;

/** Page sizes the API accepts (`limit`); the kiosk asks for the largest. */
export const DIRECTORY_PAGE_LIMIT = { default: 200, max: 1000 } as const;

/** ErrorBody.code of the 410 answer: the cursor is older than the history the API keeps. */
export const CURSOR_EXPIRED = 'cursor_expired';

const recordId = z.string().min(1).max(128);
const version = z.number().int().min(1);

/** A student as the feed delivers it: number and birth date in clear, for the kiosk to hash. */
export const DirectoryRecordWire = z.object({
  kind: z.literal('record'),
  /** Stable and opaque; not the student number. Tombstones name records by it. */
  recordId,
  version,
  studentNumber: z.string().regex(/^\d{1,20}$/),
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  student: StudentWire,
});
export type DirectoryRecordWire = z.infer<typeof DirectoryRecordWire>;

/** A student who left the directory (deleted, or no longer served to kiosks). */
export const DirectoryTombstoneWire = z.object({
  kind: z.literal('tombstone'),
  recordId,
  version,
  deletedAt: z.string(),
});
export type DirectoryTombstoneWire = z.infer<typeof DirectoryTombstoneWire>;

export const DirectoryChangeWire = z.discriminatedUnion('kind', [
  DirectoryRecordWire,
  DirectoryTombstoneWire,
]);
export type DirectoryChangeWire = z.infer<typeof DirectoryChangeWire>;

/** One page of the feed, oldest change first. */
export const DirectoryPage = z.object({
  changes: z.array(DirectoryChangeWire),
  /** Store it with this page's changes, in the same transaction; ask from it next time. */
  nextCursor: z.string().min(1).max(512),
  hasMore: z.boolean(),
});
export type DirectoryPage = z.infer<typeof DirectoryPage>;
