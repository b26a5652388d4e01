/**
 * A well-formed request for every operation, naming an account no target knows: what the
 * contract-wide cases (no token, no key, wrong content type …) break one rule of, so that the
 * rule they break is the only thing wrong with the request.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { chainEntry, type AuditEntry } from '../../src-main/core/staff-audit-chain';
import { createSubjectKeys } from '../../src-main/secrets/audit-subjects';
import { checkSealingKey } from '../../src-main/secrets/sealing';
import type { SuiteContext } from './suite';
import type { Request } from './target';

export const plain = (value: string) => ({ type: 'plain', value });
/** A password every policy in the project accepts (length, classes, no dictionary word). */
export const STRONG = 'Qv7#Lichen-Marbre-41';
export const IDENTITY_CHECK = { document: 'student_card', checkedAt: new Date().toISOString() };

/** Opens (once per run) a staff session for `who`; its header for staff requests. */
async function staffSession(ctx: SuiteContext, who: 'agent' | 'supervisor') {
  const memoKey = `${who}Session`;
  let token = ctx.memo.get(memoKey) as string | undefined;
  if (!token) {
    const login = ctx.staff?.[who];
    if (!login) throw new Error(`no staff ${who} in the fixtures`);
    const answer = await ctx.send('openStaffSession', { body: login });
    const opened = (answer.body as { sessionToken?: unknown } | undefined)?.sessionToken;
    if (answer.status !== 201 || typeof opened !== 'string')
      throw new Error(`the ${who}'s staff sign-in was refused (${answer.status})`);
    token = opened;
    ctx.memo.set(memoKey, token);
  }
  return { 'x-staff-session': token };
}

/** The agent's staff session header (opened once per run). */
export const agentSession = (ctx: SuiteContext) => staffSession(ctx, 'agent');
/** The supervisor's staff session header (opened once per run). */
export const supervisorSession = (ctx: SuiteContext) => staffSession(ctx, 'supervisor');

/**
 * Operations whose sample needs more than the fixtures always hold. The audit list needs a
 * supervisor: with an agent, the role's 403 may come before the broken rule's 400 (the
 * contract does not order them).
 */
export const SAMPLE_NEEDS: Record<string, (ctx: SuiteContext) => string | null> = {
  listAuditEvents: (ctx) =>
    ctx.staff?.supervisor ? null : 'needs a supervisor (fixtures "staff.supervisor")',
  liftStaffSignInLimits: (ctx) =>
    ctx.staff?.supervisor ? null : 'needs a supervisor (fixtures "staff.supervisor")',
};

type Sample = (ctx: SuiteContext, identifier: string) => Promise<Request> | Request;

const withAgent =
  (build: (identifier: string) => Request): Sample =>
  async (ctx, identifier) => ({ ...build(identifier), headers: await agentSession(ctx) });

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** `count` linked entries of a kiosk's audit journal, each with a fresh eventId, to upload. */
export function auditChain(count: number, subject: string, after: AuditEntry | null = null) {
  const entries: (AuditEntry & { eventId: string })[] = [];
  let previous: AuditEntry | null = after;
  for (let i = 0; i < count; i += 1) {
    const draft = {
      at: new Date(Date.now() - (count - i) * 1000).toISOString(),
      actor: 'conformance',
      action: 'staff.lookup',
      subject,
      reason: null,
      outcome: 'success' as const,
    };
    const entry = chainEntry(previous, draft, sha256Hex);
    entries.push({ ...entry, eventId: randomUUID() });
    previous = entry;
  }
  return entries;
}

/**
 * An account subject as a kiosk uploads it (core/audit-subject.ts): a keyed tag, and the
 * identifier sealed to the key the service publishes (some 600 characters for RSA-2048).
 */
export async function sealedSubject(ctx: SuiteContext, identifier: string): Promise<string> {
  const answer = await ctx.send('getSealingKey');
  if (answer.status !== 200) throw new Error(`the sealing key was refused (${answer.status})`);
  return createSubjectKeys(randomBytes(32), checkSealingKey(answer.body)).protect(identifier);
}

/** The memo key of the last audit entry the service took from this run (suite.ts). */
export const AUDIT_HEAD = 'audit:head';

/** `count` entries continuing the chain the service holds for the suite's kiosk. */
export function nextAuditEntries(ctx: SuiteContext, count: number, subject: string) {
  return auditChain(count, subject, (ctx.memo.get(AUDIT_HEAD) as AuditEntry | undefined) ?? null);
}

/** A heartbeat as a kiosk sends it, now. */
export function heartbeat() {
  const now = new Date().toISOString();
  return {
    sentAt: now,
    version: 'conformance',
    profile: 'conformance',
    mode: 'online',
    startedAt: now,
    lastSyncAt: null,
    outbox: [{ kind: 'staff.unlock', pending: 1 }],
    deadLetters: 1,
    recentDeadLetters: [
      { at: now, kind: 'staff.resend_activation', reason: 'invalid_state', account: '3901bf30' },
    ],
    audit: { head: 0, acknowledged: null, refused: 0 },
    slowDownSeconds: null,
    freeDiskBytes: null,
  };
}

/** Operation id → a well-formed request for `identifier` (an unknown account by default). */
export const SAMPLES: Record<string, Sample> = {
  getHealth: () => ({}),
  issueKioskToken: (ctx) => ({ body: { deviceId: ctx.target.deviceId, secret: 'not-the-secret' } }),
  getSealingKey: () => ({}),
  sendHeartbeat: () => ({ body: heartbeat() }),
  identifyStudent: () => ({ body: { studentNumber: '0', birthDate: '2000-01-01' } }),
  getAccountStatus: (_, identifier) => ({ params: { identifier } }),
  resendActivationEmail: (_, identifier) => ({ params: { identifier } }),
  checkActivationCode: (_, identifier) => ({ params: { identifier }, body: { code: '00000000' } }),
  activateAccount: (_, identifier) => ({
    params: { identifier },
    body: {
      proof: { method: 'email_code', code: '00000000' },
      newPassword: plain(STRONG),
      charterVersion: '1',
    },
  }),
  changePassword: (_, identifier) => ({
    params: { identifier },
    body: { currentPassword: plain('not-the-password'), newPassword: plain(STRONG) },
  }),
  sendPasswordResetEmail: (_, identifier) => ({ params: { identifier } }),
  resetPassword: (_, identifier) => ({
    params: { identifier },
    body: { proof: { method: 'email_code', code: '00000000' }, newPassword: plain(STRONG) },
  }),
  getCharter: () => ({}),
  acceptCharter: (_, identifier) => ({ params: { identifier }, body: { version: '1' } }),
  openStudentSession: (_, identifier) => ({
    body: { identifier, password: plain('not-the-password') },
  }),
  getMailRedirection: (_, identifier) => ({ params: { identifier } }),
  setMailRedirection: (_, identifier) => ({
    params: { identifier },
    body: { address: null, keepCopy: true },
  }),
  getDirectoryChanges: () => ({ query: { limit: '1' } }),
  openStaffSession: (_, identifier) => ({ body: { staffId: identifier, pin: '0000' } }),
  closeStaffSession: withAgent(() => ({})),
  searchStudents: withAgent(() => ({ query: { q: 'zz-conformance' } })),
  getStaffAccountView: withAgent((identifier) => ({ params: { identifier } })),
  listAccountEvents: withAgent((identifier) => ({ params: { identifier } })),
  revealPersonalEmail: withAgent((identifier) => ({
    params: { identifier },
    body: { verification: IDENTITY_CHECK, reason: 'student_request' },
  })),
  staffResendActivationEmail: withAgent((identifier) => ({
    params: { identifier },
    body: { reason: 'email_not_received' },
  })),
  unlockAccount: withAgent((identifier) => ({
    params: { identifier },
    body: { verification: IDENTITY_CHECK, reason: 'account_locked' },
  })),
  issueStaffActionProofs: withAgent((identifier) => ({
    params: { identifier },
    body: { actions: ['unlock_account'] },
  })),
  issueStaffGrant: withAgent((identifier) => ({
    body: {
      identifier,
      purpose: 'activation',
      verification: IDENTITY_CHECK,
      reason: 'activation_help',
    },
  })),
  listAuditEvents: async (ctx) => ({ headers: await supervisorSession(ctx) }),
  liftStaffSignInLimits: async (ctx) => ({ headers: await supervisorSession(ctx) }),
  uploadAuditEvents: (ctx, identifier) => ({
    body: { events: nextAuditEntries(ctx, 1, identifier) },
  }),
};

/** The sample of `operationId`; throws when the suite has none (a new operation in the contract). */
export function sampleOf(ctx: SuiteContext, operationId: string, identifier = ctx.unknown) {
  const build = SAMPLES[operationId];
  if (!build) throw new Error(`the suite has no sample request for ${operationId}`);
  return build(ctx, identifier);
}
