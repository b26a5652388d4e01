/**
 * The kiosk's logger: pino, writing JSON lines to the console and to rotating files under the
 * data folder (`<dataDir>/logs/kiosk.log`, read by the support bundle). No pino transport: they
 * run in worker threads, which the Electron bundle cannot load; the streams stay in this thread.
 */
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type DestinationStream, type Level, type StreamEntry } from 'pino';
import { createStream, type RotatingFileStream } from 'rotating-file-stream';
import type { Logger } from '../core/ports';

/**
 * Field names whose values must never reach a log, whatever a caller passes by mistake, at any
 * depth. A bare `code` stays: it is the error code an operator needs ("code: timeout"); the
 * codes a student types are `activationCode`, `resetCode`… or `code` inside a request body.
 */
const FORBIDDEN_FIELDS =
  /password|passwd|birth|studentnumber|secret|token|^pin$|otp|(activation|reset|verification)code|e-?mail|^address$|firstname|lastname|^jwe$/i;

/** The same names as exact pino redact paths, at the top and one level down. */
const PERSONAL_KEYS = [
  'password',
  'newPassword',
  'currentPassword',
  'birthDate',
  'studentNumber',
  'activationCode',
  'resetCode',
  'verificationCode',
  'email',
  'personalEmail',
  'address',
  'pin',
  'token',
  'accessToken',
  'secret',
  'jwe',
  'firstName',
  'lastName',
];
export const REDACT_PATHS = [
  ...PERSONAL_KEYS,
  ...PERSONAL_KEYS.map((key) => `*.${key}`),
  'body.code',
  'input.code',
  '*.body.code',
];

const MAX_DEPTH = 6;

/** Redacts by name at any depth (pino's paths cover the known names at known places). */
function clean(value: unknown, depth = 0): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (Array.isArray(value)) return value.map((item) => clean(item, depth + 1));
  if (value instanceof Error) return { message: value.message };
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = FORBIDDEN_FIELDS.test(key) ? '[redacted]' : clean(item, depth + 1);
  }
  return out;
}

export interface LogFileOptions {
  /** Folder of the log files; created 0700, files 0600. */
  dir: string;
  /** Rotate past this size ("10M", "512K", "100B"). */
  size?: string;
  /** Rotate at least this often ("1d"). */
  interval?: string;
  /** Rotated files kept; older ones are deleted. */
  maxFiles?: number;
}

export interface LoggerOptions {
  /** Where console lines go (stderr by default); null: no console. */
  console?: DestinationStream | null;
  /** Rotating log files; absent: console only. */
  file?: LogFileOptions;
  /** The lowest level written (default info; "debug" shows every request and health check). */
  level?: Extract<Level, 'debug' | 'info' | 'warn' | 'error'>;
  now?: () => Date;
}

/** A logger that owns streams: close it last, so that the file gets every line. */
export interface KioskLogger extends Logger {
  /** The file being written now, or null without files. */
  readonly file: string | null;
  /** The rotating stream, for whoever needs its events ("rotated"). */
  readonly fileStream: RotatingFileStream | null;
  close(): Promise<void>;
}

/** The log folder under a data folder (what the support bundle reads). */
export function logDirOf(dataDir: string): string {
  return join(dataDir, 'logs');
}

function openLogFile(options: LogFileOptions): RotatingFileStream {
  mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  // An existing folder keeps its mode through mkdir: repair it.
  chmodSync(options.dir, 0o700);
  return createStream('kiosk.log', {
    path: options.dir,
    size: options.size ?? '10M',
    interval: options.interval ?? '1d',
    maxFiles: options.maxFiles ?? 10,
    mode: 0o600,
  });
}

/** A JSON-lines logger (pino) to the console and, given `file`, to rotating files. */
export function createLogger(options: LoggerOptions = {}): KioskLogger {
  const level = options.level ?? 'info';
  const now = options.now ?? (() => new Date());
  const fileStream = options.file ? openLogFile(options.file) : null;
  const streams: StreamEntry[] = [];
  const consoleStream = options.console === undefined ? process.stderr : options.console;
  if (consoleStream) streams.push({ level, stream: consoleStream });
  if (fileStream) streams.push({ level, stream: fileStream });

  const log = pino(
    {
      level,
      base: null,
      messageKey: 'message',
      timestamp: () => `,"at":"${now().toISOString()}"`,
      formatters: {
        level: (label) => ({ level: label }),
        log: (fields) => clean(fields) as Record<string, unknown>,
      },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    },
    pino.multistream(streams),
  );
  const write =
    (method: 'debug' | 'info' | 'warn' | 'error') =>
    (message: string, fields?: Record<string, unknown>) =>
      fields ? log[method](fields, message) : log[method](message);

  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    file: fileStream ? join(options.file!.dir, 'kiosk.log') : null,
    fileStream,
    close: () =>
      new Promise<void>((resolve) => {
        if (!fileStream || fileStream.destroyed) return resolve();
        fileStream.end(() => resolve());
      }),
  };
}

/** A logger that drops everything (quiet tests and benchmarks). */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
