/**
 * One running Guichet server instance from its configuration: the database migrated, the
 * directory, the change feed kept scanned, the mail sender, and the HTTP API listening.
 */
import { createConsoleServer } from './console/server';
import { createServerMetrics } from './http/metrics';
import { serverHealth } from './http/health';
import { createPostgresFleet } from './postgres/fleet';
import type { Logger } from '../src-main/core/ports';
import type { ServerConfig } from './config';
import { createChangeFeed } from './feed/directory-feed';
import { roleFromGroups } from './http/backends';
import { createGuichetServer } from './http/server';
import { createLdapDirectory } from './ldap/directory';
import { createMailSender } from './mail/queue';
import { createPool, migrate } from './postgres/database';
import { houseKeep } from './postgres/housekeeping';
import { openSealingKeyFile } from './sealing-rotation';

/** Tombstones are kept this long for kiosks to sync them. */
const TOMBSTONE_DAYS = 30;

export interface RunningServer {
  url: string;
  /** Prometheus' scrape URL, when `metrics.listen` is configured. */
  metricsUrl: string | null;
  /** The help-desk console's base URL, when `console.listen` is configured. */
  consoleUrl: string | null;
  stop(): Promise<void>;
}

/** Starts an instance; several started over one database and directory are one service. */
export async function startServer(config: ServerConfig, logger: Logger): Promise<RunningServer> {
  const ran = await migrate(config.database.url, config.databasePassword);
  if (ran.length > 0) logger.info('server: database migrated', { migrations: ran });
  const pool = createPool(config.database.url, {
    max: config.database.poolSize,
    password: config.databasePassword,
  });
  const d = config.directory;
  const directory = createLdapDirectory({
    url: d.url,
    peopleBase: d.peopleBase,
    personClass: d.personClass,
    ...(config.staff?.base ? { staffBase: config.staff.base } : {}),
    service: { dn: d.serviceDn, password: d.servicePassword },
    attributes: d.attributes,
    timeoutMs: d.timeoutMs,
    startTls: d.startTls,
    ...(d.ca ? { tls: { ca: d.ca } } : {}),
  });
  const programLabel = (step: string) => d.programLabels[step] ?? step;
  const feed = createChangeFeed(pool, directory, { programLabel });
  const sender = createMailSender(pool, {
    host: config.smtp.host,
    port: config.smtp.port,
    secure: config.smtp.secure,
    requireTls: config.smtp.requireTls,
    from: config.smtp.from,
    ...(config.smtp.user && config.smtpPassword
      ? { auth: { user: config.smtp.user, pass: config.smtpPassword } }
      : {}),
  });
  sender.start(5000);
  const { profile } = config;
  const metrics = createServerMetrics({
    health: serverHealth(directory, pool),
    fleet: createPostgresFleet(pool),
    clock: { now: () => new Date() },
    logger,
  });
  const sealingKey = openSealingKeyFile(config.sealingKeyFile);
  const server = createGuichetServer({
    observe: metrics.observe,
    directory,
    feed,
    pool,
    clock: { now: () => new Date() },
    logger,
    activationDelayMinutes: profile.activationDelayMinutes,
    programLabel,
    secretKey: config.secretKey,
    sealingKey,
    tokenTtlSeconds: config.tokenTtlSeconds,
    heartbeatMinIntervalSeconds: config.heartbeatMinIntervalSeconds,
    institutionName: profile.name.fr,
    settings: {
      timeZone: profile.timeZone,
      passwordPolicy: profile.password,
      mailDomains: profile.mailDomains,
      entUrl: profile.entUrl,
    },
    mailQueued: () => void sender.deliverDue().catch(() => 0),
    ...(config.staff
      ? { staffRoleFromDirectory: roleFromGroups(directory, config.staff.groups) }
      : {}),
  });

  // The change feed: one instance scans at a time (the others find the lock taken and skip).
  let scanning: Promise<unknown> = Promise.resolve();
  const scan = () => {
    scanning = feed
      .scan()
      .then((report) => {
        if (report?.scanned === 0)
          logger.warn('server: the directory scan found nobody; nothing was removed', {
            peopleBase: d.peopleBase,
            personClass: d.personClass,
          });
        else if (report) logger.info('server: directory scanned', { ...report });
      })
      .catch((error: Error) =>
        logger.warn('server: directory scan failed', { error: error.message }),
      );
  };
  scan();
  // The first scan is awaited: until it ran, enrolments would be dated from now.
  await scanning;
  const scanTimer = setInterval(scan, d.scanIntervalSeconds * 1000);

  // Once an hour, one instance deletes what expired, and forgets tombstones older than a month
  // (a kiosk that has not synced for that long gets 410 and syncs from the start).
  let housekeeping: Promise<unknown> = Promise.resolve();
  const keepHouse = () => {
    housekeeping = houseKeep(pool)
      .then(async (deleted) => {
        if (!deleted) return;
        const forgotten = await feed.forgetTombstones(
          new Date(Date.now() - TOMBSTONE_DAYS * 86_400_000),
        );
        logger.info('server: housekeeping', { ...deleted, tombstones: forgotten });
      })
      .catch((error: Error) =>
        logger.warn('server: housekeeping failed', { error: error.message }),
      );
  };
  keepHouse();
  const houseTimer = setInterval(keepHouse, 3600_000);

  const { url } = await server.listen(config.listen.port, config.listen.host);
  logger.info('server: listening', { url });
  const scrape = config.metrics
    ? await metrics.listen(config.metrics.listen.port, config.metrics.listen.host)
    : null;
  if (scrape) logger.info('server: metrics', { url: scrape.url });
  const help = config.console
    ? await createConsoleServer({
        pool,
        directory,
        fleet: createPostgresFleet(pool),
        clock: { now: () => new Date() },
        logger,
        supervisorGroup: config.staff?.groups.supervisor ?? null,
        ...(config.console.origin ? { origin: config.console.origin } : {}),
        trustProxy: config.console.trustProxy,
        silentAfterSeconds: config.console.silentAfterSeconds,
        sealingKey,
      }).listen(config.console.listen.port, config.console.listen.host)
    : null;
  if (help) logger.info('server: help-desk console', { url: help.url });
  return {
    url,
    metricsUrl: scrape?.url ?? null,
    consoleUrl: help?.url ?? null,
    async stop() {
      await help?.close();
      await scrape?.close();
      clearInterval(scanTimer);
      clearInterval(houseTimer);
      await server.close().catch(() => {});
      await scanning;
      await housekeeping;
      await sender.stop();
      await directory.close();
      await pool.end();
    },
  };
}
