/**
 * Wires staff mode for startKiosk: the session in main, sign-in (online and offline, limited),
 * the student and kiosk operations, and the audit chain's upload.
 */
import { SECRET_NAMES, type SecretStore } from '../../secrets/secret-store';
import { createHmac, hkdfSync, randomUUID } from 'node:crypto';
import type { StaffApi } from '../../api/staff-client';
import type { KioskStatus } from '../../core/connectivity';
import type { JourneyStore } from '../../core/journey-ports';
import type { LimitResets } from '../../core/limit-resets';
import { createLockout, STAFF_LOCKOUT_POLICY } from '../../core/lockout';
import type { Clock, DirectoryCache, Logger } from '../../core/ports';
import { DEFAULT_STAFF_SETTINGS, type InstitutionProfile } from '../../core/profile';
import { ok } from '../../core/result';
import type { Outbox } from '../../outbox/outbox';
import type { AuditKey } from '../../secrets/audit-key';
import { createRecordKeys } from '../../secrets/lookup-keys';
import type { StaffHandlerDeps } from '../../ipc/staff-handlers';
import type { SubjectKeys } from '../../secrets/audit-subjects';
import { createAuditChainStore } from '../../store/audit-chain';
import type { Db } from '../../store/database';
import type { AuditLog } from '../../store/journal';
import { createLockoutStore } from '../../store/lockout-store';
import { createStaffVerifierStore } from '../../store/staff-verifier-store';
import { createStaffActions } from './actions';
import { AUDIT_UPLOAD_KIND, startAuditUpload } from './audit-upload';
import { createKioskOps, type KioskOpsDeps } from './kiosk-ops';
import { createStaffSessionHolder } from './session';
import { createStaffSignIn } from './sign-in';
import { createStaffWrites } from './staff-writes';

export interface StaffModeOptions {
  journal: Db;
  lookupKey: Buffer;
  /** The keychain's audit key: the chain's lines are sealed with it. */
  auditKey: AuditKey;
  /** The keyed tag the audit chain finds an account's lines by (secrets/audit-subjects.ts). */
  subjects: Pick<SubjectKeys, 'tag'>;
  /** The keychain: where the audit chain's acknowledged head is kept, off the disk. */
  secrets: SecretStore;
  api: StaffApi;
  audit: AuditLog;
  clock: Clock;
  logger: Logger;
  profile: InstitutionProfile;
  cache: DirectoryCache;
  resets: LimitResets;
  journeys: Pick<JourneyStore, 'open'>;
  outbox: Outbox;
  status(): KioskStatus;
  ops: Omit<
    KioskOpsDeps,
    | 'outbox'
    | 'chain'
    | 'audit'
    | 'clock'
    | 'status'
    | 'centralAudit'
    | 'clearStaffLockouts'
    | 'accountOfTag'
  >;
}

/** Staff mode's handler dependencies and its background work (session timer, audit upload). */
export function startStaffMode(o: StaffModeOptions): {
  handlers: StaffHandlerDeps;
  uploadAudit(): Promise<number>;
  close(): Promise<void>;
} {
  const settings = o.profile.staff ?? DEFAULT_STAFF_SETTINGS;
  const holder = createStaffSessionHolder({
    clock: o.clock,
    idleSeconds: settings.idleSeconds,
    api: o.api,
    logger: o.logger,
  });
  const verifierKey = Buffer.from(
    hkdfSync('sha256', o.lookupKey, Buffer.alloc(0), 'guichet staff verifier v1', 32),
  );
  const staffKey = (staffId: string) =>
    createHmac('sha256', o.lookupKey).update(`staff-id\u0000${staffId}`).digest('base64url');
  const staffLimiter = createLockout(createLockoutStore(o.journal, 'staff'), STAFF_LOCKOUT_POLICY);
  const signIn = createStaffSignIn({
    api: o.api,
    limiter: staffLimiter,
    staffKey,
    verifiers: createStaffVerifierStore(o.journal),
    verifierKey,
    clock: o.clock,
    offlineSignInDays: settings.offlineSignInDays,
    audit: o.audit,
  });
  const chain = createAuditChainStore(o.journal, o.auditKey);
  const keys = createRecordKeys(o.lookupKey);
  // The accounts this staff session opened, by tag: the audit screen names them (in memory,
  // forgotten when the session ends); every other account is shown by its tag alone.
  const opened = new Map<string, string>();
  holder.onEnd(() => opened.clear());
  const actions = createStaffActions({
    holder,
    api: o.api,
    writes: createStaffWrites(o.outbox),
    audit: o.audit,
    clock: o.clock,
    profile: o.profile,
    cache: o.cache,
    resets: o.resets,
    journeys: o.journeys,
    newKey: randomUUID,
    identification: {
      limiter: createLockout(createLockoutStore(o.journal, 'identify')),
      numberKey: (n) => keys.attempts(n.trim()),
    },
    page: {
      api: o.api,
      identification: createLockoutStore(o.journal, 'identify'),
      numberKey: (n) => keys.attempts(n.trim()),
      outboxRows: (identifier) => o.outbox.store.byAccount(identifier),
      auditOf(identifier) {
        const tag = o.subjects.tag(identifier);
        opened.set(tag, identifier);
        return chain.byTag(tag);
      },
      profile: o.profile,
      clock: o.clock,
    },
  });
  const ops = createKioskOps({
    ...o.ops,
    outbox: o.outbox,
    chain,
    async clearStaffLockouts() {
      staffLimiter.clearAll();
      const token = holder.token();
      if (!token) return false;
      return (await o.api.liftSignInLimits(token)).ok;
    },
    accountOfTag: (tag) => opened.get(tag) ?? null,
    // The supervisor's live session asks; signed in offline, there is nothing to ask.
    async centralAudit() {
      const token = holder.token();
      if (!token) return null;
      const page = await o.api.auditLog(token, { limit: 1 });
      return page.ok ? page.value.verified : null;
    },
    audit: o.audit,
    clock: o.clock,
    status: o.status,
  });
  const upload = startAuditUpload({
    outbox: o.outbox,
    chain,
    clock: o.clock,
    logger: o.logger,
  });
  // A batch the API took (at once or replayed later): its last entry is where the central copy
  // ends. Kept in the keychain, off the disk, for audit:verify; the key names that entry.
  const stopAnchoring = o.outbox.replayer.onAttempt(({ row, verdict }) => {
    if (row.kind !== AUDIT_UPLOAD_KIND || verdict.kind !== 'sent') return;
    const last = chain.byEventId(row.idempotencyKey.slice(-36));
    if (!last || last.seq <= anchored) return;
    anchored = last.seq;
    // One after the other, so a later entry is never overwritten by an earlier one; close()
    // waits for them, so none lands after the kiosk stopped (a demo reset deletes the anchor).
    anchoring = anchoring.then(() =>
      o.secrets
        .set(SECRET_NAMES.auditAnchor, JSON.stringify({ seq: last.seq, hash: last.hash }))
        .catch((error: Error) => o.logger.warn('audit: anchor not kept', { error: error.message })),
    );
  });
  let anchored = 0;
  let anchoring: Promise<void> = Promise.resolve();
  // Never backwards: a batch replayed after a restart may end before the anchor kept then.
  void o.secrets
    .get(SECRET_NAMES.auditAnchor)
    .then((text) => {
      const seq = text ? Number((JSON.parse(text) as { seq?: unknown }).seq) : 0;
      if (Number.isInteger(seq)) anchored = Math.max(anchored, seq);
    })
    .catch(() => {});
  return {
    handlers: {
      holder,
      async signIn(staffId, pin) {
        const result = await signIn(staffId, pin);
        if (!result.ok) return result;
        const { token, ...session } = result.value;
        holder.open(session, token);
        return ok(holder.info()!);
      },
      actions,
      ops,
    },
    uploadAudit: upload.uploadNow,
    async close() {
      stopAnchoring();
      await holder.stop();
      await upload.stop();
      await anchoring;
    },
  };
}
