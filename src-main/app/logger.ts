import type { Logger } from '../core/ports';

/** Field names whose values must never reach a log, whatever a caller passes by mistake. */
const FORBIDDEN_FIELDS =
  /password|passwd|birth|studentnumber|secret|token|^pin$|otp|(activation|reset|verification)code/i;

function clean(fields: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!fields) return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = FORBIDDEN_FIELDS.test(key) ? '[redacted]' : value;
  }
  return out;
}

/** A JSON-lines logger writing to the given sink (stderr by default), with personal fields redacted. */
export function createLogger(
  sink: (line: string) => void = (line) => process.stderr.write(line + '\n'),
  now: () => Date = () => new Date(),
): Logger {
  const write = (level: string, message: string, fields?: Record<string, unknown>) =>
    sink(JSON.stringify({ at: now().toISOString(), level, message, ...clean(fields) }));
  return {
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}

/** A logger that drops everything (quiet tests and benchmarks). */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
