/** GET /v1/directory/changes: the directory change feed, read through the feed port. */
import type { ErrorBody } from '../api/wire';
import {
  CURSOR_EXPIRED,
  DIRECTORY_PAGE_LIMIT,
  DIRECTORY_PATHS,
  type DirectoryPage,
} from '../api/wire-directory';
import { apiError, json, type Reply } from './http';
import { defineRoute, type Route } from './router';

const expired = (): Reply => {
  const body: ErrorBody = { code: CURSOR_EXPIRED, message: 'cursor expired: start a full sync' };
  return { status: 410, body };
};

const changes = defineRoute({
  method: 'GET',
  path: DIRECTORY_PATHS.changes,
  auth: 'kiosk',
  body: null,
  handle: async ({ query, env }) => {
    // resources/openapi.yaml bounds both (limit 1 to 1000, cursor 1 to 512 characters), and
    // the simulator refuses what it does not allow before this handler runs.
    const limit = Number(query.get('limit') ?? DIRECTORY_PAGE_LIMIT.default);
    const cursor = query.get('cursor');
    const read = await env.backends.feed.read(cursor, limit);
    if (read.kind === 'malformed') return apiError(400, 'invalid_request', 'malformed cursor');
    if (read.kind === 'expired') return expired();
    const page: DirectoryPage = {
      changes: read.changes,
      nextCursor: read.nextCursor,
      hasMore: read.hasMore,
    };
    return json(page);
  },
});

/** The feed's routes, served by every simulator. */
export const DIRECTORY_ROUTES: readonly Route[] = [changes];
