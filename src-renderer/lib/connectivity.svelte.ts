import type { KioskStatus } from '../../src-main/core/connectivity';
import type { KioskApi, KioskEventSource } from '../../src-main/ipc/contract';

/**
 * What the kiosk knows of the central account service, kept current: read once with
 * `kiosk.status`, then updated by main's `connectivity` and `outbox` events.
 */
export class KioskConnectivity {
  status = $state.raw<KioskStatus | null>(null);
  readonly #api: KioskApi;
  readonly #events: KioskEventSource;
  // Events are newer than the `kiosk.status` answer they may overtake: they win.
  #latest: Partial<KioskStatus> = {};

  constructor(api: KioskApi, events: KioskEventSource) {
    this.#api = api;
    this.#events = events;
  }

  #update(change: Partial<KioskStatus>) {
    this.#latest = { ...this.#latest, ...change };
    if (this.status) this.status = { ...this.status, ...change };
  }

  /** Starts listening; returns the function that stops it. */
  start(): () => void {
    let live = true;
    const stops = [
      this.#events('connectivity', (connectivity) => this.#update({ connectivity })),
      this.#events('outbox', (outbox) => this.#update({ outbox })),
    ];
    void this.#api['kiosk.status']({}).then((reply) => {
      if (live && reply.ok) this.status = { ...reply.value, ...this.#latest };
    });
    return () => {
      live = false;
      stops.forEach((stop) => stop());
    };
  }

  /** The banner's state: nothing to say while the service answers normally. */
  get notice(): { state: 'degraded' | 'offline'; since: string } | null {
    const connectivity = this.status?.connectivity;
    if (!connectivity || connectivity.state === 'online') return null;
    return { state: connectivity.state, since: connectivity.since };
  }
}
