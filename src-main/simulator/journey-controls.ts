/**
 * Simulator-only controls for the student journeys, outside /v1 and outside the contract:
 *   GET  /_simulator/mailbox?to=<address>  the e-mails "sent", oldest first (codes and links)
 *   POST /_simulator/clock {advanceSeconds} moves the simulator's clock forward (code expiry)
 * They take no credential, so they are only served when passed in `SimulatorDeps.routes`
 * (tests, trainers' tools), never by the demo kiosk.
 */
import { z } from 'zod';
import type { Clock } from '../core/ports';
import { apiError, json } from './http';
import { defineRoute, type Route } from './router';

export const JOURNEY_CONTROL_PATHS = {
  mailbox: '/_simulator/mailbox',
  clock: '/_simulator/clock',
} as const;

/** A clock that follows `base` plus an offset the controls can move forward. */
export interface AdjustableClock extends Clock {
  advance(ms: number): void;
  /** Back to `base`'s time (a reset of the demo). */
  reset(): void;
}

/** Wraps a clock so that POST /_simulator/clock can move it; give it to createSimulator. */
export function adjustableClock(base: Clock): AdjustableClock {
  let offset = 0;
  return {
    now: () => new Date(base.now().getTime() + offset),
    advance: (ms) => void (offset += ms),
    reset: () => void (offset = 0),
  };
}

function isAdjustable(clock: Clock): clock is AdjustableClock {
  return typeof (clock as Partial<AdjustableClock>).advance === 'function';
}

const mailbox = defineRoute({
  method: 'GET',
  path: JOURNEY_CONTROL_PATHS.mailbox,
  auth: 'none',
  body: null,
  handle: ({ query, env }) => {
    const to = query.get('to') ?? undefined;
    return json({ messages: env.state.journeys.mailbox(to) });
  },
});

// At most ten years at once: enough for any expiry, and no overflow of a Date.
const ClockBody = z
  .object({
    advanceSeconds: z
      .number()
      .int()
      .min(0)
      .max(10 * 366 * 86_400),
  })
  .strict();

const clock = defineRoute({
  method: 'POST',
  path: JOURNEY_CONTROL_PATHS.clock,
  auth: 'none',
  body: ClockBody,
  handle: ({ body, env }) => {
    if (!isAdjustable(env.clock)) {
      return apiError(409, 'invalid_request', 'this simulator was not given an adjustableClock');
    }
    env.clock.advance(body.advanceSeconds * 1000);
    return json({ now: env.clock.now().toISOString() });
  },
});

/** The controls, for `createSimulator({ routes: JOURNEY_CONTROL_ROUTES })`. */
export const JOURNEY_CONTROL_ROUTES: readonly Route[] = [mailbox, clock];
