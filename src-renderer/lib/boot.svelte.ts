import type { AppError } from '../../src-main/core/result';
import type { KioskApi, KioskInfo } from '../../src-main/ipc/contract';

export type BootState =
  | { status: 'loading' }
  | { status: 'ready'; info: KioskInfo }
  | { status: 'failed'; error: AppError };

/** Fetches the institution profile and the mode before any screen can be drawn. */
export class KioskBoot {
  state = $state.raw<BootState>({ status: 'loading' });
  readonly #api: KioskApi;

  constructor(api: KioskApi) {
    this.#api = api;
  }

  /** Asks main for `kiosk.info`; also the retry when the kiosk could not start. */
  async load(): Promise<void> {
    this.state = { status: 'loading' };
    const reply = await this.#api['kiosk.info']({});
    this.state = reply.ok
      ? { status: 'ready', info: reply.value }
      : { status: 'failed', error: reply.error };
  }
}
