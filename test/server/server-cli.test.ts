// `npm run server`'s entry point as an administrator uses it, over a real slapd, PostgreSQL and
// SMTP server: a configuration with a mistake is refused with the key named; a kiosk is
// registered (its secret printed once) and that kiosk identifies a student from the directory
// through the served API; SIGTERM stops the server cleanly.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../src-main/api/client';
import { silentLogger } from '../../src-main/app/logger';
import { createSealer } from '../../src-main/secrets/sealing';
import { generatePem, loadOrCreateSealingKey } from '../../src-main/simulator/sealing-key';
import { createPool } from '../../src-server/postgres/database';
import { writeChainConfig } from '../../src-server/stack/chain';
import { startPostgres, type Postgres } from '../../src-server/stack/postgres';
import { studentsLdif } from '../../src-server/stack/seed';
import { startSlapd, type Slapd } from '../../src-server/stack/slapd';
import { startSmtpSink, type SmtpSink } from '../../src-server/stack/smtp-sink';
import { freePort, waitFor } from '../../src-server/stack/wait';
import { ELOISE } from '../support/server-stack';
import { tempFolder } from '../support/tmp';

const PROFILE = fileURLToPath(
  new URL('../../resources/institutions/umontpellier.json', import.meta.url),
);
const folder = tempFolder('guichet-server-cli-');
let slapd: Slapd;
let postgres: Postgres;
let sink: SmtpSink;
let config: Record<string, unknown>;

/** Writes `content` as the configuration file and returns its path. */
function configFile(content: unknown, name = 'guichet.json'): string {
  const path = `${folder.path}/${name}`;
  writeFileSync(path, JSON.stringify(content, null, 2));
  return path;
}

const ENV = { ...process.env, GUICHET_ALLOW_PLAIN_LDAP: '1' };

function server(args: string[], input?: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src-server/cli.ts', ...args], {
    encoding: 'utf8',
    env: ENV,
    ...(input === undefined ? {} : { input }),
  });
}

beforeAll(async () => {
  mkdirSync(`${folder.path}/pg`);
  [slapd, postgres, sink] = await Promise.all([
    startSlapd({
      dir: `${folder.path}/ldap`,
      seed: studentsLdif([ELOISE], 'ou=people,dc=univ,dc=test'),
    }),
    startPostgres(`${folder.path}/pg`),
    startSmtpSink(),
  ]);
  config = writeChainConfig(
    folder.path,
    { slapd, postgres, sink },
    { profile: PROFILE, port: await freePort() },
  ).config;
});
afterAll(async () => {
  await Promise.all([slapd?.stop(), postgres?.stop(), sink?.close()]);
  folder.remove();
});

describe('npm run server', () => {
  it('refuses a configuration with a mistake, naming the key, and never echoes a secret', () => {
    const typo = server([
      'migrate',
      '--config',
      configFile(
        { ...config, directory: { ...(config.directory as object), peopelBase: 'x' } },
        'typo.json',
      ),
    ]);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain('config.directory');
    expect(typo.stderr).toContain('peopelBase');

    // A password written into the file is refused, and not repeated in the message.
    const inline = server([
      'migrate',
      '--config',
      configFile(
        { ...config, database: { url: 'postgresql://guichet:S3cret-in-file@db/guichet' } },
        'inline.json',
      ),
    ]);
    expect(inline.status).toBe(2);
    expect(inline.stderr).toContain('config.database.url');
    expect(inline.stderr).not.toContain('S3cret-in-file');

    const plain = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src-server/cli.ts', 'migrate', '--config', configFile(config)],
      { encoding: 'utf8', env: { ...process.env, GUICHET_ALLOW_PLAIN_LDAP: '' } },
    );
    expect(plain.status).toBe(2);
    expect(plain.stderr).toContain('config.directory.startTls');
  });

  it('registers a kiosk once, and serves it identification from the directory', async () => {
    // With the help-desk console on a listener of its own.
    const consolePort = await freePort();
    const path = configFile({ ...config, console: { listen: { port: consolePort } } });
    const registered = server(['register-kiosk', '--config', path, '--device-id', 'kiosk-bu-1']);
    expect(registered.status, registered.stderr).toBe(0);
    const secret = registered.stdout.split('\n')[1]?.trim() ?? '';
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const again = server(['register-kiosk', '--config', path, '--device-id', 'kiosk-bu-1']);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('already registered');

    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src-server/cli.ts', '--config', path],
      {
        env: ENV,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      await waitFor(() => out.includes('listening on'), 'the server to listen');
      const { host, port } = config.listen as { host: string; port: number };
      const kiosk = createApiClient({
        baseUrl: `http://${host}:${port}`,
        timeoutMs: 10_000,
        credential: async () => ({ deviceId: 'kiosk-bu-1', secret }),
        clock: { now: () => new Date() },
        logger: silentLogger,
        retry: { maxAttempts: 1 },
      });
      // The first scan runs at start: Éloïse's enrolment counts as validated long ago.
      await waitFor(async () => {
        const found = await kiosk.identify({
          studentNumber: ELOISE.studentNumber,
          birthDate: ELOISE.birthDate,
        });
        return found.ok && found.value.enrollments.length === 1;
      }, 'identification with the enrolment scanned');
      const status = await kiosk.accountStatus(ELOISE.identifier);
      expect(status).toMatchObject({ ok: true, value: { status: 'not_activated' } });
      // The console answers on its own port, to its own session cookie only.
      const help = await fetch(`http://127.0.0.1:${consolePort}/console/api/fleet`);
      expect(help.status).toBe(401);
      expect(help.headers.get('cache-control')).toBe('no-store');
      expect(help.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      const api = await fetch(`http://${host}:${port}/console/api/fleet`);
      expect(api.status).toBe(404);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });

  it('enrols staff with the PIN on standard input, never as an argument', async () => {
    const path = configFile(config, 'staff.json');
    const enrol = (args: string[], pin: string) =>
      server(['enrol-staff', '--config', path, '--staff-id', 'cmartin', ...args], `${pin}\n`);
    const badPin = enrol(['--role', 'agent'], '12');
    expect(badPin.status).toBe(2);
    expect(badPin.stderr).toContain('4 to 12 digits');
    expect(enrol(['--role', 'boss'], '482913').stderr).toContain('agent or supervisor');
    // The chain's configuration names staff groups: without --role, the role comes from them.
    const enrolled = enrol(['--name', 'Camille Martin'], '482913');
    expect(enrolled.status, enrolled.stderr).toBe(0);
    expect(enrolled.stdout).toContain('role from the directory groups');
    const withoutGroups = configFile({ ...config, staff: undefined }, 'no-groups.json');
    const refused = server(
      ['enrol-staff', '--config', withoutGroups, '--staff-id', 'x'],
      '482913\n',
    );
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('--role');

    const pool = createPool(postgres.url, { max: 1 });
    const { rows } = await pool.query<{ role: string | null; pin_hash: Buffer }>(
      "SELECT role, pin_hash FROM staff_members WHERE staff_id = 'cmartin'",
    );
    await pool.end();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.role).toBeNull();
    expect(rows[0]!.pin_hash.toString('latin1')).not.toContain('482913');
    expect(server(['remove-staff', '--config', path, '--staff-id', 'cmartin']).stdout).toContain(
      'cmartin removed',
    );
  });

  it('creates the sealing key by command and prints the id a kiosk pins', () => {
    mkdirSync(`${folder.path}/keys`);
    const path = configFile({ ...config, sealingKeyFile: 'keys/sealing-key.pem' }, 'keys.json');
    const keyFile = `${folder.path}/keys/sealing-key.pem`;
    const made = server(['sealing-key', '--config', path]);
    expect(made.status, made.stderr).toBe(0);
    expect(made.stdout).toContain(`Created ${keyFile}`);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    // The id printed is the one the server publishes and a kiosk pins (--expect-kid).
    const { kid } = loadOrCreateSealingKey(keyFile);
    expect(made.stdout).toContain(`Sealing key ${kid}`);
    expect(made.stdout).toContain(`--expect-kid ${kid}`);
    // Run again: the same key, not a new one.
    const again = server(['sealing-key', '--config', path]);
    expect(again.stdout).not.toContain('Created');
    expect(again.stdout).toContain(`Sealing key ${kid}`);
    expect(server(['rotate-sealing-key', '--config', path]).status).toBe(0);
    expect(server(['sealing-key', '--config', path]).stdout).toContain(`Still opened: ${kid}`);
  });

  it('says what to do when the service user may not create the sealing key', () => {
    // A folder where this user may create nothing, as a root-owned /etc/guichet is for the
    // service's user. These tests run as root, whom file modes do not stop: sysfs refuses even
    // root (EACCES; EROFS where it is mounted read-only).
    const keyFile = '/sys/guichet-test-sealing-key.pem';
    const path = configFile({ ...config, sealingKeyFile: keyFile }, 'sys.json');
    const run = server(['sealing-key', '--config', path]);
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toMatch(
      /^guichet-server: config\.sealingKeyFile: this user cannot create \/sys\/guichet-test-sealing-key\.pem \((EACCES|EROFS)\)\. Create it as the service's user: npm run server -- sealing-key --config FILE/,
    );
    expect(existsSync(keyFile)).toBe(false);
  });

  it('rotates the sealing key: the new one is published, the old one still opens', async () => {
    const path = configFile(config, 'rotate.json');
    const keyFile = `${folder.path}/sealing-key.pem`;
    if (!existsSync(keyFile)) writeFileSync(keyFile, generatePem(), { mode: 0o600 });
    const before = loadOrCreateSealingKey(keyFile);
    const rotated = server(['rotate-sealing-key', '--config', path]);
    expect(rotated.status, rotated.stderr).toBe(0);
    const after = loadOrCreateSealingKey(keyFile);
    expect(after.kid).not.toBe(before.kid);
    expect(rotated.stdout).toContain(after.kid);
    expect(rotated.stdout).toContain(`Still opened: ${before.kid}`);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    // A password a kiosk sealed to the old key before it pinned the new one still opens.
    const oldSealer = createSealer(before.describe());
    const sealed = await oldSealer.seal('Vague#Lichen-42');
    expect(await after.open(sealed)).toEqual({ ok: true, value: 'Vague#Lichen-42' });
    expect(await after.open(await createSealer(after.describe()).seal('x'))).toEqual({
      ok: true,
      value: 'x',
    });
    // One rotation more with --keep 0: the first key is dropped and no longer opens.
    expect(server(['rotate-sealing-key', '--config', path, '--keep', '0']).status).toBe(0);
    const last = loadOrCreateSealingKey(keyFile);
    expect(await last.open(sealed)).toEqual({ ok: false, reason: 'unknown_kid' });
  });
});
