/**
 * The stack's controls over its kiosks, for the help-desk console's demos and tests: take a
 * kiosk offline (its link to the API cut, its page still up) and back, give it a real dead letter,
 * make its next audit upload arrive tampered. Each acts through the kiosk's normal paths (its
 * page's channels, its link to the API) and returns once the effect can be seen where the
 * console looks: the heartbeats and refusals in PostgreSQL.
 */
import { DEMO_STAFF } from '../../src-main/simulator/demo-students';
import type { Pool } from '../postgres/database';
import type { KioskLink } from './kiosk-link';
import type { KioskPage, RpcAnswer } from './kiosk-page';
import { waitFor } from './wait';

/** An active demo account: a resend of its activation e-mail is refused when replayed. */
export const DEAD_LETTER_ACCOUNT = 'zlefevre';
const SUPERVISOR = DEMO_STAFF.find((s) => s.role === 'supervisor')!;
/** Replays and uploads wait for the kiosk to see the API again: generous on a busy machine. */
const LIMIT_MS = 90_000;

export interface StackKiosk {
  deviceId: string;
  label: string;
  /** The URL the web host printed (its single-use token in the fragment). */
  url: string;
  link: KioskLink;
  /** The kiosk's page session, opened (spending the token) the first time a control needs it. */
  page(): Promise<KioskPage>;
}

export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function must<T>(answer: RpcAnswer<T>, what: string): T {
  if (!answer.ok) throw new ControlError(500, `${what}: refused (${answer.error.code})`);
  return answer.value;
}

async function connectivity(page: KioskPage): Promise<string> {
  const status = await page.call<{ connectivity: { state: string } }>('kiosk.status');
  return status.ok ? status.value.connectivity.state : 'unknown';
}

export function fleetControls(pool: Pool, kiosks: readonly StackKiosk[]) {
  // One control at a time per kiosk: two would share its staff session and its link.
  const queues = new Map<string, Promise<unknown>>();
  const inTurn = (deviceId: string, work: () => Promise<void>): Promise<void> => {
    const turn = (queues.get(deviceId) ?? Promise.resolve()).catch(() => {}).then(work);
    queues.set(deviceId, turn);
    return turn;
  };
  const find = (deviceId: string) => {
    const kiosk = kiosks.find((k) => k.deviceId === deviceId);
    if (!kiosk) throw new ControlError(404, `no kiosk ${deviceId} in this stack`);
    return kiosk;
  };
  const online = (kiosk: StackKiosk) => {
    if (!kiosk.link.isOpen)
      throw new ControlError(409, `${kiosk.deviceId} is offline: POST …/online first`);
  };
  const latestBeat = async (deviceId: string) => {
    const { rows } = await pool.query<{ beat: { deadLetters?: number } }>(
      `SELECT beat FROM kiosk_heartbeats WHERE device_id = $1
        ORDER BY received_at DESC LIMIT 1`,
      [deviceId],
    );
    return rows[0]?.beat ?? null;
  };
  const refusals = async (deviceId: string) => {
    const { rows } = await pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM audit_refusals WHERE device_id = $1',
      [deviceId],
    );
    return rows[0]?.n ?? 0;
  };
  /** Cuts the link; `poke` calls the API through the kiosk, which then knows it is offline. */
  const cutAndNotice = async <T>(kiosk: StackKiosk, page: KioskPage, poke: () => Promise<T>) => {
    await kiosk.link.cut();
    const poked = await poke();
    await waitFor(
      async () => (await connectivity(page)) !== 'online',
      'the kiosk offline',
      LIMIT_MS,
    );
    return poked;
  };
  const openAndNotice = async (kiosk: StackKiosk, page: KioskPage) => {
    await kiosk.link.open();
    await waitFor(
      async () => (await connectivity(page)) === 'online',
      'the kiosk online',
      LIMIT_MS,
    );
  };
  const signInSupervisor = async (page: KioskPage) => {
    await page.call('staff.signOut');
    must(
      await page.call('staff.signIn', { staffId: SUPERVISOR.staffId, pin: SUPERVISOR.pin }),
      'staff sign-in',
    );
  };

  const controls = {
    /** The kiosk no longer reaches the API (its link cut); its page stays up. */
    async offline(deviceId: string) {
      await find(deviceId).link.cut();
    },
    async online(deviceId: string) {
      await find(deviceId).link.open();
    },

    /**
     * A supervisor at the kiosk resends the activation e-mail of an active account while the
     * API is out of reach: queued; back online, the replay is refused, a dead letter. Returns
     * once a heartbeat carrying it reached the server (what the console shows).
     */
    async deadLetter(deviceId: string) {
      const kiosk = find(deviceId);
      online(kiosk);
      const page = await kiosk.page();
      await signInSupervisor(page);
      try {
        const before = must(await page.call<unknown[]>('staff.deadLetters'), 'dead letters').length;
        must(await page.call('staff.student', { identifier: DEAD_LETTER_ACCOUNT }), 'lookup');
        const queued = await cutAndNotice(kiosk, page, async () =>
          must(
            await page.call<{ receipt: unknown }>('staff.resendActivation', {
              identifier: DEAD_LETTER_ACCOUNT,
              reason: 'email_not_received',
            }),
            'resend',
          ),
        );
        if (!queued.receipt) throw new ControlError(500, 'the resend was not queued');
        await openAndNotice(kiosk, page);
        await waitFor(
          async () => {
            const letters = await page.call<unknown[]>('staff.deadLetters');
            return letters.ok && letters.value.length > before;
          },
          'the dead letter',
          LIMIT_MS,
        );
        // The heartbeat's count, not its list: the list stops at the latest 20.
        await waitFor(
          async () => ((await latestBeat(deviceId))?.deadLetters ?? 0) > before,
          'a heartbeat with the dead letter',
          LIMIT_MS,
        );
      } finally {
        await kiosk.link.open();
        await page.call('staff.signOut');
      }
    },

    /**
     * The kiosk's next audit upload goes up altered on its way (its first entry's time moved):
     * the server's check of the chain refuses it (audit_refusals), the kiosk keeps it as a dead
     * letter. The upload is the one the kiosk makes when it sees the API again, after a
     * supervisor's sign-in left a line to send. 409 when a refused batch already holds its
     * uploads back (the one before, until a supervisor retries or discards it).
     */
    async tamperUpload(deviceId: string) {
      const kiosk = find(deviceId);
      online(kiosk);
      const page = await kiosk.page();
      const before = await refusals(deviceId);
      await signInSupervisor(page);
      // A refused batch holds every later upload back until a supervisor retries or discards
      // it: there is no next upload to tamper with.
      const letters = await page.call<{ kind: string }[]>('staff.deadLetters');
      await page.call('staff.signOut');
      if (must(letters, 'dead letters').some((letter) => letter.kind === 'audit.upload'))
        throw new ControlError(409, `${deviceId}'s uploads already wait on a refused batch`);
      kiosk.link.tamperNextAuditUpload();
      // Signed in after: the sign-in's line goes up in the tampered upload, whenever it goes.
      await signInSupervisor(page);
      try {
        await cutAndNotice(kiosk, page, () =>
          page.call('staff.student', { identifier: DEAD_LETTER_ACCOUNT }),
        );
      } finally {
        await page.call('staff.signOut');
        await openAndNotice(kiosk, page);
      }
      await waitFor(async () => (await refusals(deviceId)) > before, 'the refusal', LIMIT_MS);
    },
  };
  return {
    offline: (deviceId: string) => inTurn(deviceId, () => controls.offline(deviceId)),
    online: (deviceId: string) => inTurn(deviceId, () => controls.online(deviceId)),
    deadLetter: (deviceId: string) => inTurn(deviceId, () => controls.deadLetter(deviceId)),
    tamperUpload: (deviceId: string) => inTurn(deviceId, () => controls.tamperUpload(deviceId)),
  };
}
export type FleetControls = ReturnType<typeof fleetControls>;
