/**
 * The Guichet server's HTTP side: the simulator's request pipeline and route table (one
 * implementation of the contract: validation, authentication, idempotency, limits) over the
 * university's directory and PostgreSQL. Only the routes already ported to these backends are
 * served; docs/server.md lists the others.
 */
import type { Clock, Logger } from '../../src-main/core/ports';
import { CORE_ROUTES } from '../../src-main/simulator/core-routes';
import type { DatasetDevice } from '../../src-main/simulator/dataset';
import { createSimulator, type Simulator } from '../../src-main/simulator/server';
import { createPostgresAttempts } from '../postgres/attempts';
import type { Pool } from '../postgres/database';
import { createPostgresIdempotency } from '../postgres/idempotency';
import type { Directory } from '../ports/directory';
import { serverBackends } from './backends';

export const SERVER_VERSION = 'guichet-server/0.1.0';

export interface GuichetServerDeps {
  directory: Directory;
  pool: Pool;
  /** Kiosks allowed to ask for a token. */
  devices: readonly DatasetDevice[];
  clock: Clock;
  logger?: Logger;
  activationDelayMinutes?: number;
  programLabel?: (step: string) => string;
}

/** Creates one server instance; several over one database and directory are one service. */
export function createGuichetServer(deps: GuichetServerDeps): Simulator {
  const activationDelayMinutes = deps.activationDelayMinutes ?? 15;
  return createSimulator({
    dataset: { students: [], staff: [], devices: [...deps.devices] },
    clock: deps.clock,
    logger: deps.logger,
    settings: { version: SERVER_VERSION, activationDelayMinutes },
    server: {
      backends: serverBackends(deps.directory, deps.pool, createPostgresAttempts(deps.pool), {
        activationDelayMinutes,
        programLabel: deps.programLabel ?? ((step) => step),
      }),
      idempotency: createPostgresIdempotency(deps.pool),
      // Health, kiosk token, identification and account status.
      routes: CORE_ROUTES,
    },
  });
}
