import { CHANNELS, type Channel } from './channels';
import { contract, type Handlers } from './contract';
import type { Logger } from '../core/ports';
import type { AppError, Result } from '../core/result';

/** Untrusted call from the renderer, as it arrives over Electron IPC or the web host. */
export type Dispatch = (channel: string, input: unknown) => Promise<Result<unknown, AppError>>;

function isChannel(name: string): name is Channel {
  return (CHANNELS as readonly string[]).includes(name);
}

/**
 * The single entry point for renderer calls: unknown channels and inputs that do not match the
 * channel's schema are refused before any handler runs, and a handler that throws answers
 * `internal` without leaking the exception (nor the input, which may hold personal data).
 */
export function createDispatch(
  handlers: Handlers,
  logger: Logger,
  /** Refuses a call before its input is looked at (the staff channels' session check). */
  precheck: (channel: Channel) => AppError | null = () => null,
): Dispatch {
  return async (channel, input) => {
    if (!isChannel(channel)) {
      logger.warn('ipc: unknown channel refused', { channel: channel.slice(0, 64) });
      return { ok: false, error: { code: 'invalid_input' } };
    }
    const refused = precheck(channel);
    if (refused) return { ok: false, error: refused };
    const parsed = contract[channel].input.safeParse(input);
    if (!parsed.success) {
      logger.warn('ipc: invalid input refused', {
        channel,
        issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.code}`),
      });
      return { ok: false, error: { code: 'invalid_input' } };
    }
    try {
      const handler = handlers[channel] as (value: unknown) => Promise<Result<unknown, AppError>>;
      return await handler(parsed.data);
    } catch (error) {
      logger.error('ipc: handler failed', {
        channel,
        error: error instanceof Error ? error.name + ': ' + error.message : 'unknown',
      });
      return { ok: false, error: { code: 'internal' } };
    }
  };
}
