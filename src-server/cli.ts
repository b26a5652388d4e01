/**
 * `npm run server -- [command] --config FILE`: the Guichet server and its administration.
 *
 *   serve            (the default) migrate the database, then serve the API
 *   migrate          bring the database schema up to date, and stop
 *   register-kiosk   --device-id ID [--label TEXT] [--replace]: print the kiosk's secret, once
 *   revoke-kiosk     --device-id ID: its tokens stop working on every instance
 *   new-secret-key   print a new secret key (base64) for secretKeyFile
 *   enrol-staff      --staff-id ID --name TEXT [--role agent|supervisor]: PIN on standard input;
 *                    without --role, the role comes from the directory groups (config staff)
 *   remove-staff     --staff-id ID: their sessions end at once, on every instance
 *   rotate-sealing-key [--keep N]: a new sealing key, published at the next start; the N
 *                    previous ones (default 1) still open what kiosks sealed to them
 *   sealing-key      create sealingKeyFile if it is missing (mode 0600, owned by whoever runs
 *                    it), then print the id of each key in it: the first is what kiosks pin
 *
 * Errors are one line for the administrator, exit status 2 for a bad command or configuration.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createLogger } from '../src-main/app/logger';
import { ConfigError, loadServerConfig, type ServerConfig } from './config';
import { createPool, migrate } from './postgres/database';
import { DeviceExists, registerDevice, revokeDevice } from './postgres/devices';
import { enrolStaff, removeStaff, STAFF_PIN } from './postgres/staff';
import { describeSealingKeys, rotateSealingKey } from './sealing-rotation';
import { startServer } from './serve';
import { parseStaffRole } from '../src-main/core/staff-roles';

const USAGE =
  'usage: npm run server -- [serve|migrate|register-kiosk|revoke-kiosk|enrol-staff|remove-staff|rotate-sealing-key|sealing-key|new-secret-key] --config FILE [--device-id ID] [--label TEXT] [--replace] [--staff-id ID] [--name TEXT] [--role agent|supervisor] [--keep N]';

const KIOSK_COMMANDS = ['register-kiosk', 'revoke-kiosk'];
const STAFF_COMMANDS = ['enrol-staff', 'remove-staff'];

class UsageError extends Error {}

const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

function poolOf(config: ServerConfig, max: number) {
  return createPool(config.database.url, { max, password: config.databasePassword });
}

async function serve(config: ServerConfig): Promise<void> {
  const logger = createLogger({ level: config.logLevel });
  const running = await startServer(config, logger);
  say(`Guichet server listening on ${running.url}`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('server: stopping', { signal });
    await running.stop();
    await logger.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

/** The first line of standard input (a PIN: never an argument, which `ps` would show). */
async function firstLineOfStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0]?.trim() ?? '';
}

async function staffCommand(
  command: string,
  config: ServerConfig,
  values: { 'staff-id'?: string; name?: string; role?: string },
): Promise<void> {
  const staffId = values['staff-id'];
  if (staffId === undefined) throw new UsageError('--staff-id ID is required');
  const role = values.role === undefined ? null : parseStaffRole(values.role);
  if (values.role !== undefined && role === null)
    throw new UsageError('--role is agent or supervisor');
  if (command === 'enrol-staff' && role === null && !config.staff)
    throw new UsageError(
      '--role agent|supervisor is required: the configuration has no staff groups',
    );
  await migrate(config.database.url, config.databasePassword);
  const pool = poolOf(config, 1);
  try {
    if (command === 'remove-staff') {
      const removed = await removeStaff(pool, staffId);
      return say(
        removed ? `${staffId} removed` : `${staffId} was not enrolled (or already removed)`,
      );
    }
    const pin = await firstLineOfStdin();
    if (!STAFF_PIN.test(pin)) throw new UsageError('the PIN (standard input) is 4 to 12 digits');
    await enrolStaff(pool, { staffId, displayName: values.name ?? staffId, role, pin });
    say(`${staffId} enrolled${role ? ` as ${role}` : ', role from the directory groups'}.`);
  } finally {
    await pool.end();
  }
}

function rotate(config: ServerConfig, keep: string | undefined): void {
  const kept = keep === undefined ? 1 : Number(keep);
  if (!Number.isInteger(kept) || kept < 0 || kept > 5)
    throw new UsageError('--keep is how many previous keys still open: 0 to 5');
  const rotation = rotateSealingKey(config.sealingKeyFile, kept);
  say(`New sealing key ${rotation.current} in ${config.sealingKeyFile}.`);
  if (rotation.retired.length > 0)
    say(`Still opened: ${rotation.retired.join(', ')} (kiosks sealed to them keep working).`);
  if (rotation.dropped.length > 0) say(`No longer opened: ${rotation.dropped.join(', ')}.`);
  say('Copy the file to every instance and restart them; then pin the new key on each kiosk');
  say('(npm run provision -- --pin-sealing-key). See docs/deploying-the-server.md.');
}

function sealingKey(config: ServerConfig): void {
  const keys = describeSealingKeys(config.sealingKeyFile);
  if (keys.created) say(`Created ${config.sealingKeyFile} (mode 0600) with a new key.`);
  say(`Sealing key ${keys.current}: the one kiosks pin (provision --expect-kid ${keys.current}).`);
  if (keys.retired.length > 0)
    say(`Still opened: ${keys.retired.join(', ')} (kiosks sealed to them keep working).`);
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      'device-id': { type: 'string' },
      label: { type: 'string' },
      replace: { type: 'boolean', default: false },
      'staff-id': { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      keep: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  const command = positionals[0] ?? 'serve';
  if (values.help) return say(USAGE);
  if (positionals.length > 1)
    throw new UsageError(`one command at a time, not: ${positionals.join(' ')}`);
  if (command === 'new-secret-key') return say(randomBytes(32).toString('base64'));
  if (
    ![
      'serve',
      'migrate',
      'rotate-sealing-key',
      'sealing-key',
      ...KIOSK_COMMANDS,
      ...STAFF_COMMANDS,
    ].includes(command)
  )
    throw new UsageError(`unknown command: ${command}`);
  if (values.config === undefined) throw new UsageError('--config FILE is required');
  const config = loadServerConfig(values.config);
  if (command === 'serve') return serve(config);

  if (command === 'migrate') {
    const ran = await migrate(config.database.url, config.databasePassword);
    return say(ran.length > 0 ? `migrated: ${ran.join(', ')}` : 'the database is up to date');
  }
  if (STAFF_COMMANDS.includes(command)) return staffCommand(command, config, values);
  if (command === 'rotate-sealing-key') return rotate(config, values.keep);
  if (command === 'sealing-key') return sealingKey(config);
  const deviceId = values['device-id'];
  if (deviceId === undefined) throw new UsageError('--device-id ID is required');
  await migrate(config.database.url, config.databasePassword);
  const pool = poolOf(config, 1);
  try {
    if (command === 'revoke-kiosk') {
      const revoked = await revokeDevice(pool, deviceId);
      return say(
        revoked ? `${deviceId} revoked` : `${deviceId} was not registered (or already revoked)`,
      );
    }
    const secret = await registerDevice(pool, deviceId, {
      label: values.label ?? '',
      replace: values.replace,
    });
    say(`Kiosk ${deviceId} registered. Its secret, shown only this once:`);
    say(secret);
    say('Give it to the kiosk with `npm run provision` on that kiosk; only a digest is kept here.');
  } finally {
    await pool.end();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const known =
    error instanceof ConfigError || error instanceof UsageError || error instanceof DeviceExists;
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`guichet-server: ${message}\n`);
  if (error instanceof UsageError) process.stderr.write(`${USAGE}\n`);
  process.exit(known ? 2 : 1);
});
