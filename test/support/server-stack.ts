/**
 * What the Guichet server's tests share: the LDAP directory port over a test slapd, and the
 * whole real chain (slapd, PostgreSQL, SMTP sink, server instances) with the kiosk's client.
 */
import { createConsoleServer } from '../../src-server/console/server';
import { createServerMetrics } from '../../src-server/http/metrics';
import { serverHealth } from '../../src-server/http/health';
import { createPostgresFleet } from '../../src-server/postgres/fleet';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createApiClient } from '../../src-main/api/client';
import { academicYearOf } from '../../src-main/core/academic-year';
import { silentLogger } from '../../src-main/app/logger';
import type { DatasetStaff, DatasetStudent } from '../../src-main/simulator/dataset';
import { generateSealingKey, type SimulatorSealingKey } from '../../src-main/simulator/sealing-key';
import type { Simulator } from '../../src-main/simulator/server';
import { createChangeFeed } from '../../src-server/feed/directory-feed';
import { createGuichetServer } from '../../src-server/http/server';
import { directoryOver, setStaffPassword } from '../../src-server/stack/chain';
import { codeInMail } from '../../src-server/mail/code-mail';
import { createMailSender } from '../../src-server/mail/queue';
import { createPool, migrate } from '../../src-server/postgres/database';
import { registerDevice } from '../../src-server/postgres/devices';
import type { Directory } from '../../src-server/ports/directory';
import { startPostgres, type Postgres } from '../../src-server/stack/postgres';
import { staffGroups, staffLdif, studentsLdif } from '../../src-server/stack/seed';
import { roleFromGroups } from '../../src-server/http/backends';
import { enrolStaff } from '../../src-server/postgres/staff';
import { startSlapd, type Slapd } from '../../src-server/stack/slapd';
import { startSmtpSink, type SmtpSink } from '../../src-server/stack/smtp-sink';

export { directoryOver, setStaffPassword };

/** A student not activated yet, enrolled this year, with a personal address. */
export const ELOISE: DatasetStudent = {
  studentNumber: '21901234',
  birthDate: '2001-03-14',
  firstName: 'Éloïse',
  lastName: "N'Diaye-Brûlé",
  identifier: 'endiayebrule',
  personalEmail: 'eloise.ndiaye@example.org',
  enrollments: [
    // This academic year, whenever the tests run: activation needs a current enrolment.
    {
      academicYear: academicYearOf(new Date(), 'Europe/Paris'),
      program: 'UM-L1-INFO',
      validatedAt: '2026-07-01T08:00:00Z',
    },
  ],
  account: { status: 'not_activated', activatedAt: null, leavingYear: null },
};

const SUFFIX = 'dc=univ,dc=test';

/** An activated student, enrolled this year like Éloïse (password changes, logins). */
export const BASILE: DatasetStudent = {
  studentNumber: '21907777',
  birthDate: '2000-11-02',
  firstName: 'Basile',
  lastName: 'Marchetti',
  identifier: 'bmarchetti',
  personalEmail: 'basile.m@example.net',
  enrollments: ELOISE.enrollments,
  account: { status: 'active', activatedAt: '2025-09-10T09:00:00Z', leavingYear: null },
};

/** A kiosk device the chain accepts. */
export const CHAIN_DEVICE = {
  deviceId: 'kiosk-bu-sciences',
  secret: 'a-long-device-secret-for-tests',
};

export interface ServerChain {
  slapd: Slapd;
  postgres: Postgres;
  sink: SmtpSink;
  /** One directory port for the test's own checks (the instances have theirs). */
  directory: Directory;
  /** The instances' base URLs. */
  urls: string[];
  /** The secret key the instances share (another instance, e.g. in a child process, needs it). */
  secretKey: Buffer;
  servers: Simulator[];
  /** Each instance's Prometheus scrape URL (metrics.ts), on a listener of its own. */
  metricsUrls: string[];
  /** Each instance's help-desk console (src-server/console), on a listener of its own. */
  consoleUrls: string[];
  /** The key the instances share: kiosks seal passwords and audit subjects to it. */
  sealingKey: SimulatorSealingKey;
  close(): Promise<void>;
}

/**
 * The real chain for a test: slapd seeded with `students`, PostgreSQL, an SMTP sink, and
 * `instances` Guichet servers over them, sharing their keys as a deployment's instances do, each
 * with its mail sender. Every answer is checked against the contract.
 */
export async function startServerChain(
  folder: string,
  students: readonly DatasetStudent[],
  options: {
    instances?: number;
    mailDomains?: string[];
    programLabel?: (step: string) => string;
    /** Staff in the directory's groups, enrolled with their PINs and no role of their own. */
    staff?: readonly DatasetStaff[];
    /** Directory passwords of staff members, by staffId (the console's sign-in binds with them). */
    staffPasswords?: Readonly<Record<string, string>>;
  } = {},
): Promise<ServerChain> {
  const programLabel = options.programLabel ?? ((step: string) => step);
  mkdirSync(`${folder}/pg`, { recursive: true });
  const [slapd, postgres, sink] = await Promise.all([
    startSlapd({
      dir: `${folder}/ldap`,
      seed: `${studentsLdif(students, 'ou=people,dc=univ,dc=test')}\n${staffLdif(
        options.staff ?? [],
        SUFFIX,
      )}`,
    }),
    startPostgres(`${folder}/pg`),
    startSmtpSink(),
  ]);
  await migrate(postgres.url);
  const admin = createPool(postgres.url, { max: 1 });
  await registerDevice(admin, CHAIN_DEVICE.deviceId, { secret: CHAIN_DEVICE.secret });
  for (const { staffId, displayName, pin } of options.staff ?? [])
    await enrolStaff(admin, { staffId, displayName, pin, role: null });
  await admin.end();
  for (const [staffId, password] of Object.entries(options.staffPasswords ?? {}))
    await setStaffPassword(slapd, staffId, password);
  const secretKey = randomBytes(32);
  const sealingKey = generateSealingKey();
  const closers: (() => Promise<unknown>)[] = [];
  const urls: string[] = [];
  const servers: Simulator[] = [];
  const metricsUrls: string[] = [];
  const consoleUrls: string[] = [];
  for (let i = 0; i < (options.instances ?? 2); i += 1) {
    const pool = createPool(postgres.url);
    const directory = directoryOver(slapd);
    const metrics = createServerMetrics({
      health: serverHealth(directory, pool),
      fleet: createPostgresFleet(pool),
      clock: { now: () => new Date() },
      logger: silentLogger,
    });
    const scrape = await metrics.listen(0, '127.0.0.1');
    metricsUrls.push(scrape.url);
    closers.push(() => scrape.close());
    const help = await createConsoleServer({
      pool,
      directory,
      fleet: createPostgresFleet(pool),
      clock: { now: () => new Date() },
      logger: silentLogger,
      supervisorGroup: staffGroups(SUFFIX).supervisor,
      sealingKey,
    }).listen(0, '127.0.0.1');
    consoleUrls.push(help.url);
    closers.push(() => help.close());
    const feed = createChangeFeed(pool, directory, { programLabel });
    // The first scan, as a new deployment's first instance makes it: enrolments already in the
    // directory count as validated long ago.
    if (i === 0) await feed.scan();
    const sender = createMailSender(
      pool,
      {
        host: sink.host,
        port: sink.port,
        secure: false,
        requireTls: false,
        from: 'guichet@univ.test',
      },
      { baseBackoffSeconds: 0.2 },
    );
    sender.start(100);
    const server = createGuichetServer({
      directory,
      feed,
      programLabel,
      pool,
      clock: { now: () => new Date() },
      secretKey,
      sealingKey,
      institutionName: 'Université de test',
      settings: {
        mailDomains: options.mailDomains ?? ['univ.test'],
        entUrl: 'https://ent.univ.test',
      },
      mailQueued: () => void sender.deliverDue().catch(() => 0),
      staffRoleFromDirectory: roleFromGroups(directory, staffGroups(SUFFIX)),
      checkResponses: true,
      observe: metrics.observe,
    });
    urls.push((await server.listen()).url);
    servers.push(server);
    closers.push(
      () => server.close(),
      () => sender.stop(),
      () => directory.close(),
      () => pool.end(),
    );
  }
  const directory = directoryOver(slapd);
  return {
    slapd,
    postgres,
    sink,
    directory,
    urls,
    secretKey,
    servers,
    metricsUrls,
    consoleUrls,
    sealingKey,
    async close() {
      for (const close of closers) await close().catch(() => {});
      await directory.close();
      await Promise.all([slapd.stop(), postgres.stop(), sink.close()]);
    },
  };
}

/** The kiosk's own API client on `baseUrl`, as the chain's device, one attempt per call. */
export function kioskClient(baseUrl: string) {
  return createApiClient({
    baseUrl,
    timeoutMs: 10_000,
    credential: async () => CHAIN_DEVICE,
    clock: { now: () => new Date() },
    logger: silentLogger,
    retry: { maxAttempts: 1 },
  });
}

/** The eight-digit code on its own line of a Guichet e-mail. */
export function codeIn(text: string): string {
  const code = codeInMail(text);
  if (!code) throw new Error('no code in the e-mail');
  return code;
}
