/** Command-line flags of the simulator (cli.ts), parsed and checked without side effects. */
import { parseArgs } from 'node:util';

export const DEFAULT_PORT = 8787;

export const USAGE = [
  'Usage: npm run simulator -- [--port <n>] [--dataset <file.json>] [--now <instant>] [--quiet]',
  '  --port     TCP port on 127.0.0.1 (default 8787; 0 picks a free port)',
  '  --dataset  JSON dataset file (default: the built-in demo population)',
  '  --now      start the clock at this ISO 8601 instant instead of the real time; it then runs',
  '  --quiet    no request log on stderr',
  '  --control  serve the simulator-only control endpoints (/_simulator/faults, /_simulator/writes)',
  '  --sealing-key <file.pem>  keep the sealing key pair in this file (created if missing), so',
  '             that passwords sealed before a restart still open after it',
].join('\n');

export interface CliOptions {
  port: number;
  dataset: string | null;
  /** Where the simulator's clock starts; null for the real time. */
  now: Date | null;
  quiet: boolean;
  help: boolean;
  /** Serve /_simulator/… (fault injection, performed writes). */
  control: boolean;
  /** PKCS#8 PEM file of the sealing key pair; null for a fresh pair in memory. */
  sealingKey: string | null;
}

/** Raised for flags that cannot be used; the CLI prints it with the usage and exits with 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Parses the simulator's flags; throws UsageError with a readable message. */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        dataset: { type: 'string' },
        now: { type: 'string' },
        quiet: { type: 'boolean', default: false },
        control: { type: 'boolean', default: false },
        'sealing-key': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!/^\d+$/.test(values.port ?? '0') || !Number.isInteger(port) || port > 65535) {
    throw new UsageError(`--port must be an integer from 0 to 65535, got "${values.port}"`);
  }
  if (values.dataset === '') throw new UsageError('--dataset needs a file path');
  if (values['sealing-key'] === '') throw new UsageError('--sealing-key needs a file path');
  let now: Date | null = null;
  if (values.now !== undefined) {
    now = new Date(values.now);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(values.now) || Number.isNaN(now.getTime())) {
      throw new UsageError(`--now must be an ISO 8601 instant like 2026-10-01T09:00:00Z`);
    }
  }
  return {
    port,
    dataset: values.dataset ?? null,
    now,
    quiet: values.quiet ?? false,
    help: values.help ?? false,
    control: values.control ?? false,
    sealingKey: values['sealing-key'] ?? null,
  };
}
