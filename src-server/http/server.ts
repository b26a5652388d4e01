/**
 * The Guichet server's HTTP side: the simulator's request pipeline and route table (one
 * implementation of the contract: validation, authentication, idempotency, limits) over the
 * university's directory, PostgreSQL and SMTP relay. Every route of the contract is served; the
 * simulator's demo controls are not.
 */
import { heartbeatRoute } from '../../src-main/simulator/fleet';
import type { Clock, Logger } from '../../src-main/core/ports';
import { CORE_ROUTES } from '../../src-main/simulator/core-routes';
import type { ChangeFeedReader } from '../../src-main/simulator/backends';
import { DIRECTORY_ROUTES } from '../../src-main/simulator/directory-routes';
import { JOURNEY_ROUTES } from '../../src-main/simulator/journey-routes';
import type { SimulatorSettings } from '../../src-main/simulator/router';
import { sealingKeyRoute, type SimulatorSealingKey } from '../../src-main/simulator/sealing-key';
import { createSimulator, type Simulator } from '../../src-main/simulator/server';
import { STAFF_ROUTES } from '../../src-main/simulator/staff-routes';
import type { StaffRole } from '../../src-main/core/staff-roles';
import { createPostgresAttempts } from '../postgres/attempts';
import type { Pool } from '../postgres/database';
import { noteCharterAccepted } from '../postgres/account-notes';
import { createPostgresIdempotency } from '../postgres/idempotency';
import { unavailableOnOutage } from '../postgres/outage';
import type { Directory } from '../ports/directory';
import { serverBackends } from './backends';
import { resumableWrites } from './resume';

export const SERVER_VERSION = 'guichet-server/0.1.0';

export interface GuichetServerDeps {
  directory: Directory;
  /** The change feed kiosks sync from; whoever runs the server keeps it scanned. */
  feed: ChangeFeedReader;
  pool: Pool;
  clock: Clock;
  logger?: Logger;
  activationDelayMinutes?: number;
  programLabel?: (step: string) => string;
  /** Keys the digests of codes and student sessions; the same for every instance. */
  secretKey: Buffer;
  /** The key pair kiosks seal queued passwords to; the same for every instance. */
  sealingKey: SimulatorSealingKey;
  /** The institution's policy, mail domains, ENT and time zone. */
  settings?: Partial<Omit<SimulatorSettings, 'version' | 'activationDelayMinutes'>>;
  /** Names the institution in the e-mails. */
  institutionName?: string;
  /** Called when a message was queued (to wake the mail sender). */
  mailQueued?: () => void;
  /** How long a kiosk token lives (default 15 minutes). */
  tokenTtlSeconds?: number;
  /** One heartbeat per kiosk per this many seconds (the contract's 15 by default). */
  heartbeatMinIntervalSeconds?: number;
  /** The role of staff enrolled without one, from the directory's groups (serve.ts). */
  staffRoleFromDirectory?: (staffId: string) => Promise<StaffRole | null>;
  /** Check every answer against the contract (tests); see SimulatorDeps.checkResponses. */
  checkResponses?: boolean;
  /** How long a claimed Idempotency-Key holds before a retry may take it over (default 30 s). */
  idempotencyLeaseSeconds?: number;
  /** Told of every answered request (metrics.ts). */
  observe?: (request: { route: string; status: number; seconds: number }) => void;
}

/** Creates one server instance; several over one database and directory are one service. */
export function createGuichetServer(deps: GuichetServerDeps): Simulator {
  const activationDelayMinutes = deps.activationDelayMinutes ?? 15;
  return createSimulator({
    dataset: { students: [], staff: [] },
    clock: deps.clock,
    logger: deps.logger,
    settings: { ...deps.settings, version: SERVER_VERSION, activationDelayMinutes },
    sealingKey: deps.sealingKey,
    checkResponses: deps.checkResponses,
    observe: deps.observe,
    server: {
      backends: serverBackends(
        deps.directory,
        deps.pool,
        createPostgresAttempts(deps.pool),
        deps.feed,
        {
          activationDelayMinutes,
          programLabel: deps.programLabel ?? ((step) => step),
          secretKey: deps.secretKey,
          clock: deps.clock,
          institutionName: deps.institutionName ?? 'université',
          mailQueued: deps.mailQueued,
          tokenTtlSeconds: deps.tokenTtlSeconds,
          heartbeatMinIntervalSeconds: deps.heartbeatMinIntervalSeconds,
          staffRoleFromDirectory: deps.staffRoleFromDirectory,
        },
      ),
      idempotency: createPostgresIdempotency(deps.pool, {
        leaseSeconds: deps.idempotencyLeaseSeconds,
      }),
      // Everything but the simulator's demo controls.
      routes: [
        ...CORE_ROUTES,
        sealingKeyRoute,
        ...DIRECTORY_ROUTES,
        // A retry after a crash between the directory write and the stored answer: resume.ts.
        ...resumableWrites(JOURNEY_ROUTES, {
          charterAccepted: (identifier, at) =>
            noteCharterAccepted(unavailableOnOutage(deps.pool), identifier, at),
        }),
        ...STAFF_ROUTES,
        heartbeatRoute,
      ],
    },
  });
}
