import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_PROBE_INTERVALS } from '../api/resilience/prober';
import { describeIssues } from './describe-issues';
import { HEARTBEAT_EVERY_MS } from './heartbeat';
import { DEFAULT_PROFILE, DEFAULT_RENDERER_DIR } from './paths';

/** Everything the kiosk needs to start, validated once at load. */
export interface KioskConfig {
  /** Base URL of the central account API; null means demo mode on the built-in simulator. */
  apiUrl: string | null;
  /** Folder of the two SQLite files (cache and journal). */
  dataDir: string;
  profilePath: string;
  rendererDir: string;
  /** Deadline of one API attempt. */
  apiTimeoutMs: number;
  /** Time between health probes while the API is unreachable or failing: how soon it is seen back. */
  recoveryProbeMs: number;
  /** Seconds between two heartbeats to the API (a minute; the API keeps one per 15 seconds). */
  heartbeatSeconds: number;
  /** Service name under which secrets are kept in the OS keychain. */
  keychainService: string;
  /** Demo mode only: a dataset file for the built-in simulator instead of the demo population. */
  demoDataset: string | null;
  /**
   * Demo mode only: the built-in simulator also serves its test controls (mailbox, clock), for
   * end-to-end tests and trainers. They take no credential: never on a kiosk in use.
   */
  simulatorControls: boolean;
}

/** True for a host that never leaves this machine: 127.0.0.0/8, ::1 or localhost. */
export function isLoopbackHost(hostname: string): boolean {
  // WHATWG URL parsing has already normalised the host (127.1 and 0x7f.1 become 127.0.0.1).
  const host = hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Plain http is for the simulator on this machine (tests, demo): on a network it would carry the
 * device credential and student data in clear.
 */
export function isSecureOrLoopback(url: string): boolean {
  if (!URL.canParse(url)) return true; // reported by the URL check itself
  const parsed = new URL(url);
  return parsed.protocol === 'https:' || isLoopbackHost(parsed.hostname);
}

const ConfigSchema = z
  .object({
    apiUrl: z
      .url({ protocol: /^https?$/ })
      .refine(isSecureOrLoopback, {
        message:
          'http:// is allowed only for a loopback host (127.0.0.0/8, ::1, localhost); use https://',
      })
      .nullable(),
    dataDir: z.string().min(1),
    profilePath: z.string().min(1),
    rendererDir: z.string().min(1),
    apiTimeoutMs: z.coerce.number().int().min(100).max(120_000),
    recoveryProbeMs: z.coerce.number().int().min(200).max(600_000),
    heartbeatSeconds: z.coerce.number().int().min(1).max(3600),
    keychainService: z.string().regex(/^[A-Za-z0-9._-]+$/),
    demoDataset: z.string().min(1).nullable(),
    simulatorControls: z.union([z.boolean(), z.stringbool()]),
  })
  .strict();

/** Environment variables, and the config key each one sets. */
export const ENV_KEYS = {
  GUICHET_API_URL: 'apiUrl',
  GUICHET_DATA_DIR: 'dataDir',
  GUICHET_PROFILE: 'profilePath',
  GUICHET_RENDERER_DIR: 'rendererDir',
  GUICHET_API_TIMEOUT_MS: 'apiTimeoutMs',
  GUICHET_RECOVERY_PROBE_MS: 'recoveryProbeMs',
  GUICHET_HEARTBEAT_SECONDS: 'heartbeatSeconds',
  GUICHET_KEYCHAIN_SERVICE: 'keychainService',
  GUICHET_DEMO_DATASET: 'demoDataset',
  GUICHET_SIMULATOR_CONTROLS: 'simulatorControls',
} as const satisfies Record<string, keyof KioskConfig>;

function defaultDataDir(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(base, 'guichet');
}

/**
 * Builds the configuration from defaults, then the environment, then explicit overrides (command
 * line). Throws an Error whose lines name each bad key ("config.apiUrl: Invalid URL").
 */
export function loadConfig(
  env: NodeJS.ProcessEnv,
  overrides: Partial<KioskConfig> = {},
): KioskConfig {
  const fromEnv: Record<string, unknown> = {};
  for (const [name, key] of Object.entries(ENV_KEYS)) {
    const value = env[name];
    if (value !== undefined && value !== '') fromEnv[key] = value;
  }
  const merged = {
    apiUrl: null,
    dataDir: defaultDataDir(env),
    profilePath: DEFAULT_PROFILE,
    rendererDir: DEFAULT_RENDERER_DIR,
    apiTimeoutMs: 8000,
    recoveryProbeMs: DEFAULT_PROBE_INTERVALS.offline,
    heartbeatSeconds: HEARTBEAT_EVERY_MS / 1000,
    keychainService: 'guichet',
    demoDataset: null,
    simulatorControls: false,
    ...fromEnv,
    ...overrides,
  };
  const parsed = ConfigSchema.safeParse(merged);
  if (!parsed.success)
    throw new Error(`Invalid configuration:\n${describeIssues(parsed.error, 'config')}`);
  const config = parsed.data;
  return {
    ...config,
    dataDir: resolve(config.dataDir),
    profilePath: resolve(config.profilePath),
    rendererDir: resolve(config.rendererDir),
    demoDataset: config.demoDataset ? resolve(config.demoDataset) : null,
  };
}
