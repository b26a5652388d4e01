/**
 * A live kiosk (real SQLite files, real keychain) against an in-process simulator over HTTP on
 * 127.0.0.1, with the simulator-only mailbox and clock controls, for the journey tests.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach } from 'vitest';
import { loadConfig } from '../../src-main/app/config';
import { startKiosk, type Kiosk } from '../../src-main/app/kiosk';
import { pinSealingKeyFromApi } from '../../src-main/app/pin-sealing-key';
import { createLogger, logDirOf, silentLogger } from '../../src-main/app/logger';
import { PATHS } from '../../src-main/api/wire';
import { isoSeconds } from '../../src-main/simulator/time';
import { parseDataset } from '../../src-main/simulator/dataset';
import {
  JOURNEY_CONTROL_PATHS,
  JOURNEY_CONTROL_ROUTES,
  adjustableClock,
} from '../../src-main/simulator/journey-controls';
import type { MailboxMessage } from '../../src-main/simulator/journey-state';
import { createSimulator, type Simulator } from '../../src-main/simulator/server';
import { createKeytarStore } from '../../src-main/secrets/keytar-store';
import { SECRET_NAMES } from '../../src-main/secrets/secret-store';
import { SEEDED, THIS_YEAR } from './dataset';
import { tempFolder } from './tmp';

const DEVICE = { deviceId: 'kiosk-it-journeys', secret: 'integration-secret-journeys-0123' };

/** Enrolled 5 minutes before the simulator starts: activation opens 10 minutes later. */
export const TOO_EARLY = {
  studentNumber: '26004512',
  birthDate: '09012008',
  identifier: 'tnguyen',
  personalEmail: 'mai.nguyen@example.com',
};

export interface JourneyKiosk {
  kiosk: Kiosk;
  simulator: Simulator;
  /** The keychain service the kiosk's secrets are under. */
  service: string;
  /** How many requests the simulator answered on a route ("POST /v1/accounts/:identifier/…"). */
  served(route: string): number;
  mailbox(to: string): Promise<MailboxMessage[]>;
  /** The code of the latest e-mail to `to`. */
  latestCode(to: string): Promise<string>;
  advanceClock(seconds: number): Promise<void>;
  /** A call straight to the simulator, with a kiosk token, as another client would make it. */
  direct(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

export interface JourneyKioskOptions {
  /** Pins the simulator's sealing key, so that password writes can wait in the outbox offline. */
  pinSealingKey?: boolean;
  /** The kiosk's clock (staff session expiry); the system's by default. */
  kioskClock?: { now(): Date };
  /** Log to rotating files under the data folder, as a kiosk does (support bundle tests). */
  fileLogs?: boolean;
  /** The keychain service of a kiosk started before on the same folder (a restart). */
  keychainService?: string;
  /** Staff members added to SEEDED's (staff mode). */
  staff?: { staffId: string; displayName: string; pin: string; role: 'agent' | 'supervisor' }[];
}

/** Starts the simulator on SEEDED (plus a too-early student) and a live kiosk against it. */
export async function startJourneyKiosk(
  folder: ReturnType<typeof tempFolder>,
  options: JourneyKioskOptions = {},
): Promise<JourneyKiosk> {
  const clock = adjustableClock({ now: () => new Date() });
  const lines: string[] = [];
  const logger = {
    debug: (message: string, fields?: Record<string, unknown>) =>
      lines.push(`${message} ${String(fields?.route)}`),
    info: () => {},
    warn: () => {},
    error: () => {},
  };
  const dataset = parseDataset({
    ...SEEDED,
    students: [
      ...SEEDED.students,
      {
        studentNumber: TOO_EARLY.studentNumber,
        birthDate: '2008-01-09',
        firstName: 'Thị Mai',
        lastName: 'Nguyễn',
        identifier: TOO_EARLY.identifier,
        personalEmail: TOO_EARLY.personalEmail,
        enrollments: [
          {
            academicYear: THIS_YEAR,
            program: 'Licence 1 Mathématiques',
            validatedAt: isoSeconds(new Date(Date.now() - 5 * 60_000)),
          },
        ],
        account: { status: 'not_activated', activatedAt: null, leavingYear: null },
      },
    ],
    devices: [DEVICE],
    staff: [...SEEDED.staff, ...(options.staff ?? [])],
  });
  const simulator = createSimulator({ dataset, clock, logger, routes: JOURNEY_CONTROL_ROUTES });
  const { url } = await simulator.listen();

  const service = options.keychainService ?? `guichet-it-journeys-${process.pid}-${Date.now()}`;
  const secrets = createKeytarStore(service);
  await secrets.set(SECRET_NAMES.deviceCredential, JSON.stringify(DEVICE));
  if (options.pinSealingKey) await pinSealingKeyFromApi({ apiUrl: url, secrets });
  const config = loadConfig(
    {},
    { apiUrl: url, dataDir: folder.file('data'), keychainService: service, apiTimeoutMs: 5000 },
  );
  const fileLogger = options.fileLogs
    ? createLogger({ console: null, file: { dir: logDirOf(config.dataDir) } })
    : null;
  const kiosk = await startKiosk(config, {
    logger: fileLogger ?? silentLogger,
    ...(options.kioskClock && { clock: options.kioskClock }),
  });

  async function json(
    method: string,
    path: string,
    body?: unknown,
    token?: string,
    extra: Record<string, string> = {},
  ) {
    const headers: Record<string, string> = { ...extra };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    // A write straight to the API carries an Idempotency-Key, as the contract requires.
    if (token && method !== 'GET') headers['idempotency-key'] ??= randomUUID();
    const response = await fetch(url + path, {
      method,
      headers,
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  }
  const mailbox = async (to: string) =>
    (
      (await json('GET', `${JOURNEY_CONTROL_PATHS.mailbox}?to=${encodeURIComponent(to)}`)).body as {
        messages: MailboxMessage[];
      }
    ).messages;

  return {
    kiosk,
    simulator,
    service,
    served: (route) => lines.filter((line) => line === `simulator: request ${route}`).length,
    mailbox,
    async latestCode(to) {
      const messages = await mailbox(to);
      const last = messages[messages.length - 1];
      if (!last) throw new Error(`no e-mail to ${to}`);
      return last.code;
    },
    async advanceClock(seconds) {
      await json('POST', JOURNEY_CONTROL_PATHS.clock, { advanceSeconds: seconds });
    },
    async direct(method, path, body, headers) {
      const { accessToken } = (await json('POST', PATHS.kioskToken, DEVICE)).body as {
        accessToken: string;
      };
      return json(method, path, body, accessToken, headers);
    },
    async close() {
      await kiosk.close();
      await fileLogger?.close();
      await simulator.close();
    },
  };
}

/**
 * A fresh folder and journey kiosk for every test of the calling file, closed and removed after
 * it; `call` dispatches a channel and throws on a refusal.
 */
export function useJourneyKiosk(options: JourneyKioskOptions = {}) {
  let folder: ReturnType<typeof tempFolder> | undefined;
  let current: JourneyKiosk | undefined;
  beforeEach(async () => {
    folder = tempFolder('guichet-it-journeys-');
    current = await startJourneyKiosk(folder, options);
  });
  afterEach(async () => {
    await current?.close();
    folder?.remove();
  });
  const setup = {
    get current(): JourneyKiosk {
      if (!current) throw new Error('no journey kiosk outside a test');
      return current;
    },
    get folder(): ReturnType<typeof tempFolder> {
      if (!folder) throw new Error('no data folder outside a test');
      return folder;
    },
    async call<T>(channel: string, input: unknown): Promise<T> {
      const result = await setup.current.kiosk.dispatch(channel, input);
      if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
      return result.value as T;
    },
  };
  return setup;
}
