/**
 * The staff channels about the kiosk itself: dead letters (list, retry, discard with a reason),
 * diagnostics (no personal data), sync now, retry the outbox, the audit chain and the support
 * bundle. Each runs after the channel's authorisation (ipc/staff-handlers.ts).
 */
import type { KioskStatus } from '../../core/connectivity';
import type { Clock } from '../../core/ports';
import { failure, ok, type AppError, type Result } from '../../core/result';
import type { StaffSession } from '../../core/staff-session';
import { SUBJECT_TAG_SHOWN, parseSubject } from '../../core/audit-subject';
import type {
  StaffAuditEntry,
  StaffAuditView,
  StaffDiagnostics,
  StaffReason,
} from '../../core/staff-view';
import type { Input, Output } from '../../ipc/contract';
import type { StaffChannel } from '../../ipc/staff-contract';
import type { Outbox } from '../../outbox/outbox';
import type { AuditChainStore } from '../../store/audit-chain';
import type { AuditLog } from '../../store/journal';
import { AUDIT_UPLOAD_KIND } from './audit-upload';
import { freeDiskBytes, writeSupportBundle } from './support-bundle';

type Out<C extends StaffChannel> = Promise<Result<Output<C>, AppError>>;

export interface KioskOpsDeps {
  outbox: Pick<Outbox, 'store' | 'replayer' | 'canQueuePasswords'>;
  chain: AuditChainStore;
  audit: AuditLog;
  clock: Clock;
  dataDir: string;
  status(): KioskStatus;
  syncNow(): Promise<Result<unknown>>;
  lastSyncAt(): string | null;
  /** How long the API's last answer took, any call of any transport; null before one. */
  lastLatencyMs(): number | null;
  cachedRecords(): number;
  keychainReachable(): Promise<boolean>;
  versions: StaffDiagnostics['versions'];
  /**
   * Lifts every staff sign-in lock and slow-down of this kiosk: its own, and the API's waits for
   * wrong PINs typed here when the supervisor's session is live (false when it could not).
   */
  clearStaffLockouts(): Promise<boolean>;
  /** How far the API verified this kiosk's audit chain, or null (offline, no session). */
  centralAudit(): Promise<StaffAuditView['central']>;
  /** The account of a subject's tag when this staff session opened it, or null. */
  accountOfTag(tag: string): string | null;
  /** The configuration without secrets, for the support bundle. */
  configuration: Record<string, unknown>;
}

/**
 * What the audit screen shows of a line's subject: an account by the start of its keyed tag
 * (two lines of one account share it), named only when this session opened that account; a
 * reference as it is.
 */
function subjectView(
  subject: string | null,
  accountOfTag: (tag: string) => string | null,
): Pick<StaffAuditEntry, 'subject' | 'subjectTag'> {
  const parsed = subject === null ? null : parseSubject(subject);
  if (!parsed) return { subject, subjectTag: null };
  return {
    subject: accountOfTag(parsed.tag),
    subjectTag: parsed.tag.slice(0, SUBJECT_TAG_SHOWN),
  };
}

/** Builds the kiosk-wide staff operations. */
export function createKioskOps(deps: KioskOpsDeps) {
  // The free note may hold anything (a document number): it goes to the API with the write,
  // which records it in the account's events, and is not kept in this kiosk's journal.
  const why = (input: { reason: StaffReason }) => input.reason;
  const record = (
    session: StaffSession,
    action: string,
    ok: boolean,
    reason: string | null,
    subject?: string,
    detail?: Record<string, string>,
  ) =>
    deps.audit.record({
      kind: `staff.${action}`,
      outcome: ok ? 'success' : 'failure',
      actor: session.staffId,
      ...(subject !== undefined && { subject }),
      ...(reason !== null && { reason }),
      ...(detail !== undefined && { detail }),
    });

  async function diagnostics(): Promise<StaffDiagnostics> {
    const status = deps.status();
    const lastSyncAt = deps.lastSyncAt();
    return {
      connectivity: status.connectivity.state,
      connectivitySince: status.connectivity.since,
      lastLatencyMs: deps.lastLatencyMs(),
      lastSyncAt,
      cursorAgeSeconds: lastSyncAt
        ? Math.round((deps.clock.now().getTime() - Date.parse(lastSyncAt)) / 1000)
        : null,
      cachedRecords: deps.cachedRecords(),
      outbox: { pending: status.outbox.pending, dead: status.outbox.dead },
      keychainReachable: await deps.keychainReachable(),
      sealingKeyPinned: deps.outbox.canQueuePasswords,
      versions: deps.versions,
      freeDiskBytes: freeDiskBytes(deps.dataDir),
      auditRefused: deps.outbox.store.deadLetters().filter((row) => row.kind === AUDIT_UPLOAD_KIND)
        .length,
    };
  }

  return {
    async deadLetters(): Out<'staff.deadLetters'> {
      return ok(
        deps.outbox.store.deadLetters().map((row) => ({
          id: row.id,
          reference: row.reference,
          kind: row.kind,
          identifier: row.account,
          reason: row.lastError ?? 'unknown',
          queuedAt: new Date(row.createdAt).toISOString(),
          settledAt: new Date(row.settledAt ?? row.createdAt).toISOString(),
        })),
      );
    },
    async retryDeadLetter(
      input: Input<'staff.retryDeadLetter'>,
      session: StaffSession,
    ): Out<'staff.retryDeadLetter'> {
      const row = deps.outbox.store.get(input.id);
      const revived = deps.outbox.store.revive(input.id, deps.clock.now().getTime()) === 1;
      record(session, 'retry_dead_letter', revived, why(input), row?.account);
      if (!revived) return failure('not_found');
      deps.outbox.replayer.kick();
      return ok(null);
    },
    async discardDeadLetter(
      input: Input<'staff.discardDeadLetter'>,
      session: StaffSession,
    ): Out<'staff.discardDeadLetter'> {
      const row = deps.outbox.store.get(input.id);
      const removed = deps.outbox.store.discardDead(input.id) === 1;
      record(
        session,
        'discard_dead_letter',
        removed,
        `${why(input)} [${row?.reference ?? input.id}]`,
        row?.account,
      );
      return removed ? ok(null) : failure('not_found');
    },
    async diagnostics(): Out<'staff.diagnostics'> {
      return ok(await diagnostics());
    },
    async syncNow(_: unknown, session: StaffSession): Out<'staff.syncNow'> {
      const result = await deps.syncNow();
      record(session, 'sync_now', result.ok, null);
      return result.ok ? ok(null) : result;
    },
    async retryOutbox(_: unknown, session: StaffSession): Out<'staff.retryOutbox'> {
      deps.outbox.store.hurry(deps.clock.now().getTime());
      deps.outbox.replayer.hurry();
      record(session, 'retry_outbox', true, null);
      return ok(null);
    },
    async clearStaffLockouts(_: unknown, session: StaffSession): Out<'staff.clearStaffLockouts'> {
      const central = await deps.clearStaffLockouts();
      // This kiosk's limits are lifted either way; the line says whether the API's were too.
      const scope = central ? 'kiosk_and_api' : 'kiosk';
      record(session, 'clear_staff_lockouts', true, null, undefined, { scope });
      return ok(null);
    },
    async audit(input: Input<'staff.audit'>): Out<'staff.audit'> {
      const verdict = deps.chain.verify();
      return ok({
        entries: deps.chain.latest(input.limit ?? 100).map((e) => ({
          seq: e.seq,
          at: e.at,
          actor: e.actor,
          action: e.action,
          ...subjectView(e.subject, deps.accountOfTag),
          reason: e.reason,
          outcome: e.outcome,
        })),
        verdict: verdict.ok
          ? { ok: true, count: verdict.count }
          : { ok: false, brokenAt: verdict.brokenAt },
        central: await deps.centralAudit(),
      });
    },
    async supportBundle(_: unknown, session: StaffSession): Out<'staff.supportBundle'> {
      const written = writeSupportBundle({
        dataDir: deps.dataDir,
        now: deps.clock.now(),
        diagnostics: await diagnostics(),
        configuration: deps.configuration,
        chainHead: deps.chain.latest(1)[0] ?? null,
        verdict: deps.chain.verify(),
      });
      record(session, 'support_bundle', true, null);
      return ok(written);
    },
  };
}
export type KioskOps = ReturnType<typeof createKioskOps>;
