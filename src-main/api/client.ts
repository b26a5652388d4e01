import { z } from 'zod';
import type { IdentityQuery } from '../core/identity-input';
import type { AccountService } from '../core/journey-ports';
import type { AccountDirectory } from '../core/ports';
import type { AppError, Result } from '../core/result';
import type { StudentRecord } from '../core/student';
import { createJourneyEndpoints } from './journey-client';
import { createStaffEndpoints } from './staff-client';
import { createTransport, type TransportOptions } from './transport';
import { AccountStatusResponse, HealthResponse, PATHS, StudentWire } from './wire';
import { DIRECTORY_PATHS, DirectoryPage } from './wire-directory';
import { FLEET_PATHS, type HeartbeatWire } from './wire-fleet';

export type ApiClientOptions = TransportOptions;

/** The central account API's endpoints, as typed functions returning results. */
export function createApiClient(options: ApiClientOptions) {
  const { call } = createTransport(options);
  return {
    health: () => call({ method: 'get', path: PATHS.health, schema: HealthResponse, auth: false }),
    /** The kiosk's heartbeat (app/heartbeat.ts); never retried: the next one replaces it. */
    sendHeartbeat: (beat: HeartbeatWire) =>
      call({
        method: 'post',
        path: FLEET_PATHS.heartbeats,
        schema: z.unknown(),
        body: beat,
        retry: false,
      }),
    identify: (query: IdentityQuery): Promise<Result<StudentRecord, AppError>> =>
      call({ method: 'post', path: PATHS.identify, schema: StudentWire, body: query }),
    accountStatus: (identifier: string) =>
      call({ method: 'get', path: PATHS.account(identifier), schema: AccountStatusResponse }),
    /** One page of the directory change feed (null cursor: from the beginning). */
    directoryChanges: (cursor: string | null, limit: number) =>
      call({
        method: 'get',
        path: DIRECTORY_PATHS.changes,
        schema: DirectoryPage,
        query: cursor === null ? { limit } : { cursor, limit },
      }),
    // Activation, passwords, charter, login and mail redirection (journey-client.ts).
    ...createJourneyEndpoints(call),
    /** Staff mode (staff-client.ts): sign-in, search, account view, actions, audit upload. */
    staff: createStaffEndpoints(call),
  } satisfies AccountDirectory & AccountService & Record<string, unknown>;
}
export type ApiClient = ReturnType<typeof createApiClient>;
