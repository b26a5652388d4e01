/**
 * `npm run stack -- [--port N] [--quiet] [--kiosks N] [--console] [--heartbeat-seconds S]`: the
 * real chain on this machine, in a temporary folder. slapd (SupAnn subset schema, ppolicy,
 * argon2) loaded with the demo students and staff (directory passwords: seed.ts's
 * DEMO_STAFF_PASSWORDS), PostgreSQL, an SMTP server that keeps what it receives, the Guichet
 * server over them, and kiosks provisioned against it (served to a browser, as `npm run web`
 * does), each in a place of its own and reaching the API through a link the controls can cut.
 * With --console, the help-desk console's listener too. Prints the kiosks' addresses, where to
 * read the mail the server sent and the controls. Ctrl-C stops everything and removes the folder.
 *
 * Needs Debian's slapd, ldap-utils and postgresql (scripts/install-debian-packages.sh) and, for
 * the kiosk's keychain, a Secret Service: `npm run stack` runs inside scripts/with-keyring.sh.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createLogger } from '../../src-main/app/logger';
import { generateDemoPopulation } from '../../src-main/simulator/demo-population';
import { loadServerConfig } from '../config';
import { createPool } from '../postgres/database';
import { registerDevice } from '../postgres/devices';
import { enrolStaff } from '../postgres/staff';
import { DEMO_STAFF } from '../../src-main/simulator/demo-students';
import { startServer } from '../serve';
import { directoryOver, setDemoPasswords, setStaffPassword, writeChainConfig } from './chain';
import { ControlError, fleetControls, type FleetControls, type StackKiosk } from './fleet-controls';
import { startKioskLink } from './kiosk-link';
import { openKioskPage, type KioskPage } from './kiosk-page';
import { startPostgres } from './postgres';
import { DEMO_STAFF_PASSWORDS, staffLdif, studentsLdif } from './seed';
import { startSlapd } from './slapd';
import { startSmtpSink, type SmtpSink } from './smtp-sink';
import type { Restartable } from './wait';

/** The stack's kiosks, in the order they start: each a device of its own, in a place. */
const PLACES = [
  { deviceId: 'kiosk-stack', label: 'BU Richter — hall' },
  { deviceId: 'kiosk-triolet', label: 'Triolet — bât. 5' },
  { deviceId: 'kiosk-saint-charles', label: 'Saint-Charles — accueil' },
  { deviceId: 'kiosk-arceaux', label: 'STAPS Arceaux — accueil' },
  { deviceId: 'kiosk-nimes', label: 'IUT de Nîmes — hall' },
  { deviceId: 'kiosk-beziers', label: 'IUT de Béziers — accueil' },
] as const;
const here = dirname(fileURLToPath(import.meta.url));
// Two folders up, from the built dist/main/guichet-stack.js as from src-server/stack/cli.ts.
const root = join(here, '../..');
const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** Starts `script` (a built entry) and resolves with the first stdout line matching `ready`. */
function startEntry(
  script: string,
  args: string[],
  ready: RegExp,
  env: NodeJS.ProcessEnv,
): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const child = spawn(process.execPath, [join(root, 'dist/main', script), ...args], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const read = (chunk: Buffer) => {
      // Only until the ready line: the kiosk then runs for hours, its output going nowhere.
      out = (out + chunk.toString('utf8')).slice(-16 * 1024);
      const match = ready.exec(out);
      if (!match) return;
      child.stdout?.off('data', read);
      child.stdout?.resume();
      resolve({ child, match });
    };
    child.stdout?.on('data', read);
    child.once('exit', (code) =>
      reject(new Error(`${script} exited (${code}) before it was ready`)),
    );
  });
}

/** Runs `npm run provision` with `args`, the device secret on its standard input. */
function provisionKiosk(args: string[], secret: string): Promise<void> {
  const child = spawn(process.execPath, [join(root, 'dist/main/provision.js'), ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stdin.end(secret);
  return new Promise((resolve, reject) =>
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`provisioning failed (${code}): ${output.trim()}`)),
    ),
  );
}

/**
 * GET /mailbox[?to=address]: what the SMTP server received, newest last (JSON). POST
 * /directory/stop and /directory/start: slapd stopped and started again on the same data, an
 * outage to show the kiosk's offline mode (and the fault tests' switch). GET /kiosks: the
 * kiosks (deviceId, label). POST /kiosks/{deviceId}/offline, /online, /dead-letter,
 * /tamper-upload: fleet-controls.ts; each answers 204 once its effect can be seen.
 */
function serveControls(
  sink: SmtpSink,
  slapd: Restartable,
  kiosks: readonly StackKiosk[],
  controls: FleetControls,
): Promise<{ server: Server; url: string }> {
  const actions: Record<string, (deviceId: string) => Promise<void>> = {
    offline: controls.offline,
    online: controls.online,
    'dead-letter': controls.deadLetter,
    'tamper-upload': controls.tamperUpload,
  };
  const done = (res: ServerResponse, work: Promise<void>) =>
    void work.then(
      () => res.writeHead(204).end(),
      (error: Error) =>
        res.writeHead(error instanceof ControlError ? error.status : 500).end(error.message),
    );
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const directory = /^\/directory\/(stop|start)$/.exec(url.pathname)?.[1];
    if (req.method === 'POST' && directory)
      return done(res, directory === 'stop' ? slapd.stop() : slapd.start());
    const control = /^\/kiosks\/([\w-]+)\/([a-z-]+)$/.exec(url.pathname);
    const action = control && Object.hasOwn(actions, control[2]!) ? actions[control[2]!] : null;
    if (req.method === 'POST' && control && action) return done(res, action(control[1]!));
    const json = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body, null, 2));
    };
    if (req.method === 'GET' && url.pathname === '/kiosks')
      return json({ kiosks: kiosks.map(({ deviceId, label }) => ({ deviceId, label })) });
    if (req.method === 'GET' && url.pathname === '/mailbox')
      return json({ messages: sink.messages(url.searchParams.get('to') ?? undefined) });
    res.writeHead(404).end();
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ server, url: `http://127.0.0.1:${port}/mailbox` });
    }),
  );
}

/** A whole number within bounds, or an error naming the option. */
function wholeNumber(name: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`--${name}: expected a whole number from ${min} to ${max}, got "${value}"`);
  return n;
}

/** Registers nothing: provisions one kiosk, starts its link and its web host. */
async function startStackKiosk(options: {
  deviceId: string;
  label: string;
  secret: string;
  service: string;
  dataDir: string;
  port: number;
  api: string;
  env: NodeJS.ProcessEnv;
  cleanups: (() => Promise<unknown> | unknown)[];
}): Promise<StackKiosk> {
  // Provisioned as an installer does: the device secret in the keychain, the server's sealing
  // key pinned. Not spawnSync: the server answering the provisioning runs in this very process.
  await provisionKiosk(
    [
      '--device-id',
      options.deviceId,
      '--service',
      options.service,
      '--pin-sealing-key',
      '--api',
      options.api,
    ],
    options.secret,
  );
  const link = await startKioskLink(options.api);
  options.cleanups.push(() => link.close());
  const host = await startEntry(
    'web-host.js',
    ['--port', String(options.port), '--api', link.url, '--data-dir', options.dataDir],
    /Kiosk ready at (\S+)/,
    { ...process.env, ...options.env, GUICHET_KEYCHAIN_SERVICE: options.service },
  );
  options.cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        if (host.child.exitCode !== null) return resolve();
        host.child.once('exit', () => resolve());
        host.child.kill('SIGTERM');
      }),
  );
  const url = host.match[1]!;
  let page: Promise<KioskPage> | null = null;
  return {
    deviceId: options.deviceId,
    label: options.label,
    url,
    link,
    page: () => (page ??= openKioskPage(url)),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '5173' },
      quiet: { type: 'boolean', default: false },
      kiosks: { type: 'string', default: '1' },
      console: { type: 'boolean', default: false },
      'heartbeat-seconds': { type: 'string' },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`--port: expected a port number, got "${values.port}"`);
  const places = PLACES.slice(0, wholeNumber('kiosks', values.kiosks, 1, PLACES.length));
  const heartbeatSeconds =
    values['heartbeat-seconds'] === undefined
      ? null
      : wholeNumber('heartbeat-seconds', values['heartbeat-seconds'], 1, 3600);
  // More than today's one kiosk, the console, or quick heartbeats: the fleet's demo or test.
  const fleet = places.length > 1 || values.console || heartbeatSeconds !== null;
  const folder = mkdtempSync(join(tmpdir(), 'guichet-stack-'));
  const cleanups: (() => Promise<unknown> | unknown)[] = [
    () => rmSync(folder, { recursive: true, force: true }),
  ];
  const stopAll = async () => {
    for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => {});
  };
  let stopping = false;
  const onSignal = () => {
    if (stopping) return;
    stopping = true;
    void stopAll().then(() => process.exit(0));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    const dataset = generateDemoPopulation(new Date());
    mkdirSync(join(folder, 'pg'));
    const [slapd, postgres, sink] = await Promise.all([
      startSlapd({
        dir: join(folder, 'ldap'),
        seed: `${studentsLdif(dataset.students, 'ou=people,dc=univ,dc=test')}\n${staffLdif(
          DEMO_STAFF,
          'dc=univ,dc=test',
        )}`,
      }),
      startPostgres(join(folder, 'pg')),
      startSmtpSink(),
    ]);
    cleanups.push(
      () => slapd.stop(),
      () => postgres.stop(),
      () => sink.close(),
    );

    // The demo passwords of the activated well-known students, set as the service account.
    const directory = directoryOver(slapd);
    await setDemoPasswords(directory, dataset.students);
    await directory.close();
    // And the demo staff's, for the console's sign-in (their PINs are Guichet's own).
    for (const { staffId } of DEMO_STAFF) {
      const password = DEMO_STAFF_PASSWORDS[staffId];
      if (password) await setStaffPassword(slapd, staffId, password);
    }

    const { path: configPath } = writeChainConfig(
      folder,
      { slapd, postgres, sink },
      {
        profile: join(root, 'resources/institutions/umontpellier.json'),
        logLevel: values.quiet ? 'error' : 'warn',
        ...(values.console && {
          // Silent within two heartbeats missed (ten seconds at least: a busy machine).
          console: {
            listen: { host: '127.0.0.1', port: 0 },
            ...(heartbeatSeconds !== null && {
              silentAfterSeconds: Math.max(10, 2 * heartbeatSeconds),
            }),
          },
        }),
        // Beats every few seconds are kept (the contract's one per 15 s would refuse most).
        ...(heartbeatSeconds !== null &&
          heartbeatSeconds < 30 && {
            heartbeatMinIntervalSeconds: Math.max(1, Math.floor(heartbeatSeconds / 2)),
          }),
      },
    );
    // Loopback only: the stack's slapd has no TLS.
    const config = loadServerConfig(configPath, { ...process.env, GUICHET_ALLOW_PLAIN_LDAP: '1' });
    const logger = createLogger({ level: config.logLevel });
    const server = await startServer(config, logger);
    cleanups.push(() => server.stop());

    const admin = createPool(postgres.url, { max: 1 });
    const secrets: string[] = [];
    for (const { deviceId, label } of places)
      secrets.push(await registerDevice(admin, deviceId, { label }));
    // The demo staff with their demo PINs; their roles come from the directory's groups.
    for (const { staffId, displayName, pin } of DEMO_STAFF)
      await enrolStaff(admin, { staffId, displayName, pin, role: null });
    await admin.end();

    const kiosks = await Promise.all(
      places.map((place, i) =>
        startStackKiosk({
          ...place,
          secret: secrets[i]!,
          // The first keeps today's service, folder and port.
          service: `guichet-stack-${process.pid}${i === 0 ? '' : `-${i + 1}`}`,
          dataDir: join(folder, i === 0 ? 'kiosk' : `kiosk-${i + 1}`),
          port: port === 0 ? 0 : port + i,
          api: server.url,
          env: {
            ...(heartbeatSeconds !== null && {
              GUICHET_HEARTBEAT_SECONDS: String(heartbeatSeconds),
            }),
            // The controls wait for a kiosk to see the API back: it looks every second.
            ...(fleet && { GUICHET_RECOVERY_PROBE_MS: '1000' }),
          },
          cleanups,
        }),
      ),
    );
    const pool = createPool(postgres.url, { max: 2 });
    cleanups.push(() => pool.end());
    const controls = fleetControls(pool, kiosks);
    const mailbox = await serveControls(sink, slapd, kiosks, controls);
    cleanups.push(() => new Promise((resolve) => mailbox.server.close(resolve)));
    const controlsUrl = new URL(mailbox.url).origin;

    say(`Guichet server on ${server.url} (slapd ${slapd.url}, PostgreSQL in ${folder})`);
    say(`Mailbox at ${mailbox.url}`);
    say(`Directory outage: POST ${new URL('/directory/stop', mailbox.url)} (then /start)`);
    if (server.consoleUrl) {
      say(`Console at ${server.consoleUrl}/console/`);
      const pairs = DEMO_STAFF.map(
        (m) => `${m.staffId} (${m.role}) ${DEMO_STAFF_PASSWORDS[m.staffId]}`,
      );
      say(`Console sign-in, demo directory passwords: ${pairs.join(', ')}`);
    }
    if (fleet) {
      say(`Kiosk controls: POST ${controlsUrl}/kiosks/<deviceId>/offline (then /online),`);
      say(`  /dead-letter, /tamper-upload; GET ${controlsUrl}/kiosks`);
      for (const kiosk of kiosks) say(`Kiosk ${kiosk.deviceId} ready at ${kiosk.url}`);
    }
    say(`Kiosk ready at ${kiosks[0]!.url}`);
    if (!values.quiet) say('Ctrl-C stops the whole chain and removes its folder.');
  } catch (error) {
    await stopAll();
    throw error;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `guichet-stack: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
