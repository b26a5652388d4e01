/**
 * `npm run stack -- [--port N] [--quiet]`: the real chain on this machine, in a temporary folder.
 * slapd (SupAnn subset schema, ppolicy, argon2) loaded with the demo students, PostgreSQL, an
 * SMTP server that keeps what it receives, the Guichet server over them, and a kiosk provisioned
 * against it (served to a browser, as `npm run web` does). Prints the kiosk's address and where
 * to read the mail the server sent. Ctrl-C stops everything and removes the folder.
 *
 * Needs Debian's slapd, ldap-utils and postgresql (scripts/install-debian-packages.sh) and, for
 * the kiosk's keychain, a Secret Service: `npm run stack` runs inside scripts/with-keyring.sh.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
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
import { directoryOver, setDemoPasswords, writeChainConfig } from './chain';
import { startPostgres } from './postgres';
import { staffLdif, studentsLdif } from './seed';
import { startSlapd } from './slapd';
import { startSmtpSink, type SmtpSink } from './smtp-sink';
import type { Restartable } from './wait';

const DEVICE_ID = 'kiosk-stack';
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
      code === 0 ? resolve() : reject(new Error(`provisioning failed: ${output.trim()}`)),
    ),
  );
}

/**
 * GET /mailbox[?to=address]: what the SMTP server received, newest last (JSON). POST
 * /directory/stop and /directory/start: slapd stopped and started again on the same data, an
 * outage to show the kiosk's offline mode (and the fault tests' switch).
 */
function serveMailbox(
  sink: SmtpSink,
  slapd: Restartable,
): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const directory = /^\/directory\/(stop|start)$/.exec(url.pathname)?.[1];
    if (req.method === 'POST' && directory) {
      void (directory === 'stop' ? slapd.stop() : slapd.start()).then(
        () => res.writeHead(204).end(),
        (error: Error) => res.writeHead(500).end(error.message),
      );
      return;
    }
    if (req.method !== 'GET' || url.pathname !== '/mailbox') {
      res.writeHead(404).end();
      return;
    }
    const messages = sink.messages(url.searchParams.get('to') ?? undefined);
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ messages }, null, 2));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ server, url: `http://127.0.0.1:${port}/mailbox` });
    }),
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '5173' },
      quiet: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`--port: expected a port number, got "${values.port}"`);
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

    const { path: configPath } = writeChainConfig(
      folder,
      { slapd, postgres, sink },
      {
        profile: join(root, 'resources/institutions/umontpellier.json'),
        logLevel: values.quiet ? 'error' : 'warn',
      },
    );
    // Loopback only: the stack's slapd has no TLS.
    const config = loadServerConfig(configPath, { ...process.env, GUICHET_ALLOW_PLAIN_LDAP: '1' });
    const logger = createLogger({ level: config.logLevel });
    const server = await startServer(config, logger);
    cleanups.push(() => server.stop());

    const admin = createPool(postgres.url, { max: 1 });
    const secret = await registerDevice(admin, DEVICE_ID, { label: 'npm run stack' });
    // The demo staff with their demo PINs; their roles come from the directory's groups.
    for (const { staffId, displayName, pin } of DEMO_STAFF)
      await enrolStaff(admin, { staffId, displayName, pin, role: null });
    await admin.end();

    // The kiosk, provisioned as an installer does: the device secret in the keychain, the
    // server's sealing key pinned.
    const service = `guichet-stack-${process.pid}`;
    // Not spawnSync: the server answering the provisioning runs in this very process.
    await provisionKiosk(
      ['--device-id', DEVICE_ID, '--service', service, '--pin-sealing-key', '--api', server.url],
      secret,
    );
    const kiosk = await startEntry(
      'web-host.js',
      ['--port', String(port), '--api', server.url, '--data-dir', join(folder, 'kiosk')],
      /Kiosk ready at (\S+)/,
      { ...process.env, GUICHET_KEYCHAIN_SERVICE: service },
    );
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          if (kiosk.child.exitCode !== null) return resolve();
          kiosk.child.once('exit', () => resolve());
          kiosk.child.kill('SIGTERM');
        }),
    );
    const mailbox = await serveMailbox(sink, slapd);
    cleanups.push(() => new Promise((resolve) => mailbox.server.close(resolve)));

    say(`Guichet server on ${server.url} (slapd ${slapd.url}, PostgreSQL in ${folder})`);
    say(`Mailbox at ${mailbox.url}`);
    say(`Directory outage: POST ${new URL('/directory/stop', mailbox.url)} (then /start)`);
    say(`Kiosk ready at ${kiosk.match[1]}`);
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
