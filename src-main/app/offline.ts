/**
 * The kiosk's resilience to an unreachable central API: the shared breaker and connectivity
 * monitor, health probes, the sealing key, and the outbox every write goes through. Wired by
 * startKiosk; pushes `connectivity` and `outbox` events to the renderer.
 */
import { createResilience, type Resilience } from '../api/resilience/resilience';
import { startProber } from '../api/resilience/prober';
import { realTimers, type Timers } from '../api/resilience/timers';
import { createTransport, type TransportOptions } from '../api/transport';
import { HealthResponse, PATHS } from '../api/wire';
import { SEALING_PATH, SealingKeyResponse } from '../api/wire-sealing';
import type { KioskStatus } from '../core/connectivity';
import type { KioskEvent } from '../ipc/contract';
import type { AtRest } from '../outbox/at-rest';
import { createOutbox, type Outbox } from '../outbox/outbox';
import {
  checkSealingKey,
  createSealer,
  loadPinnedSealingKey,
  pinSealingKey,
  type PinnedSealingKey,
} from '../secrets/sealing';
import type { SecretStore } from '../secrets/secret-store';
import type { Db } from '../store/database';
import type { AuditLog } from '../store/journal';
import { AUDIT_UPLOAD_KIND } from './staff/audit-upload';

/** Demo mode pins its simulator's key apart from a live kiosk's pinned key. */
const DEMO_SEALING_KEY = 'demo-sealing-key';

export interface OfflineOptions extends Pick<
  TransportOptions,
  'baseUrl' | 'timeoutMs' | 'credential' | 'clock' | 'logger'
> {
  journal: Db;
  secrets: SecretStore;
  /** The journal's audit trail (sealed with the keychain's audit key). */
  audit: AuditLog;
  /** Seals the outbox's bodies and answers in the journal (key derived from the keychain's). */
  atRest: AtRest;
  /** Dead letters are deleted this many days after they died (profile outbox setting). */
  deadLetterRetentionDays: number;
  /** Demo mode fetches and pins the built-in simulator's key at start. */
  demo: boolean;
  /** Time between health probes while the API is degraded or offline (config). */
  recoveryProbeMs: number;
  timers?: Timers;
}

export interface OfflineServices {
  /** Shared with the API client, so that every call feeds the same breaker and monitor. */
  resilience: Resilience;
  outbox: Outbox;
  /** The central API's key pinned at provisioning (demo: the simulator's), or null. */
  sealingKey: PinnedSealingKey | null;
  status(): KioskStatus;
  /** Subscribes to the events the renderer is pushed. Returns the unsubscribe function. */
  subscribe(listener: (event: KioskEvent) => void): () => void;
  close(): Promise<void>;
}

/** The API refused this kiosk's device credential: the kiosk cannot serve anyone. */
export class DeviceCredentialRefused extends Error {
  override name = 'DeviceCredentialRefused';
}

/** How long the start waits for the API's answer before going on (offline, maybe). */
const CREDENTIAL_CHECK_MS = 5000;

/**
 * One authenticated read at start (the sealing key): a device secret the API refuses stops the
 * start with the calm failure page, instead of a kiosk that fails every student later. An API
 * that does not answer in time changes nothing: the kiosk starts and works offline. A published
 * sealing key other than the pinned one (rotated) is logged for the installer.
 */
async function checkDeviceCredential(
  transport: ReturnType<typeof createTransport>,
  pinned: PinnedSealingKey | null,
  logger: OfflineOptions['logger'],
  timers: Timers,
): Promise<void> {
  let cancel = () => {};
  const late = new Promise<null>((resolve) => {
    cancel = timers.schedule(() => resolve(null), CREDENTIAL_CHECK_MS);
  });
  const answer = await Promise.race([
    transport.call({
      method: 'get',
      path: SEALING_PATH,
      schema: SealingKeyResponse,
      probe: true,
      retry: false,
    }),
    late,
  ]);
  cancel();
  if (answer === null || (!answer.ok && answer.error.code !== 'auth')) return;
  if (!answer.ok)
    throw new DeviceCredentialRefused(
      'the central API refused this kiosk’s device credential: provision it again (npm run provision -- --device-id ID, secret on standard input)',
    );
  if (pinned && answer.value.kid !== pinned.kid)
    logger.warn('offline: the API publishes another sealing key than the pinned one', {
      fix: 'npm run provision -- --pin-sealing-key',
    });
}

/** Starts probes and the outbox (which resumes what an earlier run left pending). */
export async function startOffline(options: OfflineOptions): Promise<OfflineServices> {
  const { logger, clock } = options;
  const timers = options.timers ?? realTimers;
  const resilience = createResilience({ clock });
  const transport = createTransport({ ...options, resilience, timers });

  let pinned: PinnedSealingKey | null;
  if (options.demo) {
    const answer = await transport.call({
      method: 'get',
      path: SEALING_PATH,
      schema: SealingKeyResponse,
    });
    if (!answer.ok) throw new Error(`demo: the simulator's sealing key: ${answer.error.code}`);
    pinned = checkSealingKey(answer.value);
    await pinSealingKey(options.secrets, pinned, DEMO_SEALING_KEY);
  } else {
    pinned = await loadPinnedSealingKey(options.secrets);
    if (!pinned) {
      logger.warn('offline: no sealing key pinned; password changes cannot be queued offline', {
        fix: 'npm run provision -- --pin-sealing-key',
      });
    }
    await checkDeviceCredential(transport, pinned, logger, timers);
  }

  const outbox = createOutbox({
    db: options.journal,
    exchange: transport.exchange,
    sealer: pinned && createSealer(pinned),
    atRest: options.atRest,
    keepDeadMs: options.deadLetterRetentionDays * 24 * 3600_000,
    clock,
    timers,
    logger,
    monitor: resilience.monitor,
  });
  const prober = startProber({
    probe: () =>
      transport.call({
        method: 'get',
        path: PATHS.health,
        schema: HealthResponse,
        auth: false,
        probe: true,
        retry: false,
      }),
    monitor: resilience.monitor,
    timers,
    intervals: { degraded: options.recoveryProbeMs, offline: options.recoveryProbeMs },
  });

  // The journal's audit trail keeps how each queued write ended (never its payload); the line
  // that queued it (journey-handlers.ts) has the same reference.
  const { audit } = options;
  outbox.onSettled(({ row, verdict }) => {
    // An audit batch's own end is no audit line: each would be uploaded in turn, for ever.
    if (row.kind === AUDIT_UPLOAD_KIND) return;
    audit.record({
      kind: `outbox.${row.kind}`,
      outcome: verdict.kind === 'sent' ? 'applied' : 'dead_lettered',
      detail: {
        reference: row.reference,
        attempts: row.attempts + 1,
        ...(verdict.kind === 'dead' ? { reason: verdict.reason } : {}),
      },
    });
  });

  const listeners = new Set<(event: KioskEvent) => void>();
  const emit = (event: KioskEvent) => listeners.forEach((listener) => listener(event));
  let pending = outbox.summary().pending;
  const unsubscribe = [
    resilience.monitor.subscribe((status) => {
      logger.info('offline: connectivity', { state: status.state });
      emit({ name: 'connectivity', payload: status });
    }),
    outbox.onChange((summary) => {
      if (pending > 0 && summary.pending === 0) logger.info('outbox: queue drained');
      pending = summary.pending;
      emit({ name: 'outbox', payload: summary });
    }),
  ];

  return {
    resilience,
    outbox,
    sealingKey: pinned,
    status: () => ({ connectivity: resilience.monitor.current(), outbox: outbox.summary() }),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      prober.stop();
      unsubscribe.forEach((stop) => stop());
      listeners.clear();
      await outbox.stop();
    },
  };
}
