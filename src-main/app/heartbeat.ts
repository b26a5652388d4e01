/**
 * The kiosk's heartbeat (issue 18): every minute, what the help desk needs to see from afar
 * (version, mode, last sync, outbox by kind, dead letters, audit heads, slow-down, free disk),
 * sent to the API. Never queued: a heartbeat that finds the API down is simply not sent, and the
 * next one says how long the kiosk was alone. Nothing personal is in it (wire-fleet.ts).
 */
import {
  HEARTBEAT_DEAD_LETTERS,
  type HeartbeatDeadLetterWire,
  type HeartbeatWire,
} from '../api/wire-fleet';
import { SUBJECT_TAG_SHOWN } from '../core/audit-subject';
import type { Logger } from '../core/ports';
import type { Result } from '../core/result';
import type { OutboxRow } from '../outbox/store';

export const HEARTBEAT_EVERY_MS = 60_000;

/**
 * The latest dead letters as a heartbeat carries them, newest first: the refusal's code (the
 * journal keeps "409 invalid_state"), and the account as the staff screens show it (the first
 * characters of its keyed tag, "compte 3901bf30"), never the identifier; none for a queue that is
 * no account (the audit upload's).
 */
export function heartbeatDeadLetters(
  rows: readonly Pick<OutboxRow, 'kind' | 'account' | 'lastError' | 'createdAt' | 'settledAt'>[],
  tag: (identifier: string) => string,
): HeartbeatDeadLetterWire[] {
  return [...rows]
    .sort((a, b) => (b.settledAt ?? b.createdAt) - (a.settledAt ?? a.createdAt))
    .slice(0, HEARTBEAT_DEAD_LETTERS)
    .map((row) => ({
      at: new Date(row.settledAt ?? row.createdAt).toISOString(),
      kind: /^[a-z][a-z_]*(\.[a-z][a-z_]*)+$/.test(row.kind)
        ? row.kind.slice(0, 64)
        : 'unknown.kind',
      reason:
        /^(?:\d{3} |no answer )?([a-z][a-z0-9_]{0,63})\b/.exec(row.lastError ?? '')?.[1] ??
        'unknown',
      account:
        row.account === '' || row.account.startsWith('~')
          ? null
          : tag(row.account).slice(0, SUBJECT_TAG_SHOWN),
    }));
}

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
