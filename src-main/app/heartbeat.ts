/**
 * The kiosk's heartbeat (issue 18): every minute, what the help desk needs to see from afar
 * (version, mode, last sync, outbox by kind, dead letters, audit heads, slow-down, free disk),
 * sent to the API. Never queued: a heartbeat that finds the API down is simply not sent, and the
 * next one says how long the kiosk was alone. Nothing personal is in it (wire-fleet.ts).
 */
import type { HeartbeatWire } from '../api/wire-fleet';
import type { Logger } from '../core/ports';
import type { Result } from '../core/result';

export const HEARTBEAT_EVERY_MS = 60_000;

export interface HeartbeatDeps {
  collect(): Promise<HeartbeatWire>;
  send(beat: HeartbeatWire): Promise<Result<unknown>>;
  logger: Logger;
  /** A minute by default. */
  everyMs?: number;
}

/** Starts the heartbeats (the first at once); `stop` ends them and waits for one in flight. */
export function startHeartbeats(deps: HeartbeatDeps): {
  beatNow(): Promise<boolean>;
  stop(): Promise<void>;
} {
  let inFlight: Promise<boolean> | null = null;
  let stopped = false;
  let failures = 0;

  const beat = async (): Promise<boolean> => {
    const sent = await deps.send(await deps.collect());
    if (sent.ok) {
      if (failures > 0) deps.logger.info('heartbeat: sent again', { missed: failures });
      failures = 0;
      return true;
    }
    // Logged once per outage, not every minute.
    if (failures === 0) deps.logger.warn('heartbeat: not sent', { code: sent.error.code });
    failures += 1;
    return false;
  };
  const beatNow = () => {
    if (stopped) return Promise.resolve(false);
    // One at a time: a slow API never stacks heartbeats up.
    inFlight ??= beat()
      .catch((error: Error) => {
        deps.logger.warn('heartbeat: not collected', { error: error.message });
        return false;
      })
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  };
  const timer = setInterval(() => void beatNow(), deps.everyMs ?? HEARTBEAT_EVERY_MS);
  timer.unref();
  void beatNow();
  return {
    beatNow,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await inFlight;
    },
  };
}
