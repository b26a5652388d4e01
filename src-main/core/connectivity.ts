/**
 * How well the kiosk reaches the central account API, as main reports it to the renderer.
 * Pure types: the renderer imports them too.
 */
import type { OfflineReceipt } from './journeys';

/** online: answers normally; degraded: answers, but with errors or slowly; offline: unreachable. */
export const CONNECTIVITY_STATES = ['online', 'degraded', 'offline'] as const;
export type ConnectivityState = (typeof CONNECTIVITY_STATES)[number];

/** The current state and since when (ISO instant) the kiosk has been in it. */
export interface ConnectivityStatus {
  state: ConnectivityState;
  since: string;
}

/** Requests accepted while offline and not yet applied, and those the API refused for good. */
export interface OutboxSummary {
  pending: number;
  dead: number;
}

/** What `kiosk.status` answers and what main pushes when it changes. */
export interface KioskStatus {
  connectivity: ConnectivityStatus;
  outbox: OutboxSummary;
}

/**
 * What became of a write to the central API: applied at once (the API's answer), or accepted
 * into the kiosk's outbox while the API was unreachable, to be applied when it comes back.
 */
export type WriteOutcome<T> =
  { kind: 'applied'; value: T } | { kind: 'queued'; receipt: OfflineReceipt };
