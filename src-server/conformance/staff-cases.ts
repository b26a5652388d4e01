/**
 * Cases for staff mode (/v1/staff/…, run only when staff credentials are given) and the audit
 * upload. The early ones run before the journeys (a resend needs a not-activated account); the
 * late ones after (the unlock lifts the lock the journeys' 409 cases need).
 */
import { randomUUID } from 'node:crypto';
import { expectAnswer, expectField, field, firstProblem } from './expect';
import { mailCode } from './journey-cases';
import { limitReached, sealed } from './kiosk-cases';
import type { AuditEntry } from '../../src-main/core/staff-audit-chain';
import {
  AUDIT_HEAD,
  IDENTITY_CHECK,
  STRONG,
  agentSession,
  auditChain,
  nextAuditEntries,
  sealedSubject,
  supervisorSession,
} from './samples';
import { needsStaff, type Case, type SuiteContext } from './suite';
import type { Answer, Request } from './target';

const c = (
  op: string,
  name: string,
  status: number,
  run: Case['run'],
  needs?: Case['needs'],
): Case => ({
  operationId: op,
  name,
  status,
  run,
  needs,
});

const agent = (ctx: SuiteContext) => ctx.staff!.agent;
const id = (identifier: string) => ({ identifier });
const asAgent = async (ctx: SuiteContext, request: Request): Promise<Request> => ({
  ...request,
  headers: { ...request.headers, ...(await agentSession(ctx)) },
});
const send = async (
  ctx: SuiteContext,
  op: string,
  request: Request,
  status: number,
  code?: string,
) => expectAnswer(await ctx.send(op, await asAgent(ctx, request)), status, code);

/** Another PIN of the same shape: one digit changed. */
const wrongPin = (pin: string) => pin.slice(0, -1) + (pin.endsWith('0') ? '1' : '0');

const sessions: Case[] = [
  c('openStaffSession', 'the agent', 201, async (ctx) => {
    const answer = await ctx.send('openStaffSession', { body: agent(ctx) });
    const token = field(answer, 'sessionToken');
    if (typeof token === 'string') ctx.memo.set('agentSession', token);
    return firstProblem(expectAnswer(answer, 201), expectField(answer, 'agent', 'staff', 'role'));
  }),
  c('openStaffSession', 'a wrong PIN', 401, async (ctx) => {
    const body = { staffId: agent(ctx).staffId, pin: wrongPin(agent(ctx).pin) };
    return expectAnswer(await ctx.send('openStaffSession', { body }), 401, 'invalid_pin');
  }),
  c('openStaffSession', 'an unknown staff member', 401, async (ctx) => {
    const body = { staffId: ctx.unknown, pin: '0000' };
    return expectAnswer(await ctx.send('openStaffSession', { body }), 401, 'invalid_pin');
  }),
  c('openStaffSession', 'failed PINs for one staff identifier, then the limit', 429, (ctx) => {
    const body = { staffId: `${ctx.unknown}-p`, pin: '0000' };
    return limitReached(() => ctx.send('openStaffSession', { body }), 401);
  }),
  c('closeStaffSession', 'a session of its own', 204, async (ctx) => {
    const opened = await ctx.send('openStaffSession', { body: agent(ctx) });
    const token = field(opened, 'sessionToken');
    if (typeof token !== 'string') return `could not open a session (${opened.status})`;
    const answer = await ctx.send('closeStaffSession', { headers: { 'x-staff-session': token } });
    return expectAnswer(answer, 204);
  }),
  c('closeStaffSession', 'an unknown session (closed all the same)', 204, async (ctx) => {
    const headers = { 'x-staff-session': `unknown-${randomUUID()}` };
    return expectAnswer(await ctx.send('closeStaffSession', { headers }), 204);
  }),
  c('closeStaffSession', 'no staff session', 401, async (ctx) =>
    expectAnswer(await ctx.send('closeStaffSession'), 401, 'staff_session_required'),
  ),
];

const lookups: Case[] = [
  c('searchStudents', 'by student number', 200, async (ctx) => {
    const { studentNumber, identifier } = ctx.fixtures.notActivated;
    const answer = await ctx.send(
      'searchStudents',
      await asAgent(ctx, { query: { q: studentNumber } }),
    );
    const results = field(answer, 'results');
    const found =
      Array.isArray(results) &&
      results.some((r) => (r as { identifier?: unknown }).identifier === identifier);
    return firstProblem(
      expectAnswer(answer, 200),
      !found && 'the student is not among the results',
    );
  }),
  c('searchStudents', 'a query of one character', 400, (ctx) =>
    send(ctx, 'searchStudents', { query: { q: 'a' } }, 400),
  ),
  c('searchStudents', 'no staff session', 401, async (ctx) =>
    expectAnswer(
      await ctx.send('searchStudents', { query: { q: 'zz' } }),
      401,
      'staff_session_required',
    ),
  ),
  c('searchStudents', 'an unknown staff session', 401, async (ctx) => {
    const request = {
      query: { q: 'zz' },
      headers: { 'x-staff-session': `unknown-${randomUUID()}` },
    };
    return expectAnswer(await ctx.send('searchStudents', request), 401, 'staff_session_expired');
  }),
  c('getStaffAccountView', 'an active account', 200, async (ctx) => {
    const request = await asAgent(ctx, { params: id(ctx.fixtures.active.identifier) });
    const answer = await ctx.send('getStaffAccountView', request);
    return firstProblem(expectAnswer(answer, 200), expectField(answer, 'active', 'status'));
  }),
  c('getStaffAccountView', 'an unknown account', 404, (ctx) =>
    send(ctx, 'getStaffAccountView', { params: id(ctx.unknown) }, 404),
  ),
  c('listAccountEvents', 'the not-activated student', 200, (ctx) =>
    send(ctx, 'listAccountEvents', { params: id(ctx.fixtures.notActivated.identifier) }, 200),
  ),
  c('listAccountEvents', 'an unknown account', 404, (ctx) =>
    send(ctx, 'listAccountEvents', { params: id(ctx.unknown) }, 404),
  ),
  c('revealPersonalEmail', 'after an identity check', 200, (ctx) => {
    const body = { verification: IDENTITY_CHECK, reason: 'student_request' };
    return send(
      ctx,
      'revealPersonalEmail',
      { params: id(ctx.fixtures.active.identifier), body },
      200,
    );
  }),
  c('revealPersonalEmail', 'an unknown account', 404, (ctx) => {
    const body = { verification: IDENTITY_CHECK, reason: 'student_request' };
    return send(ctx, 'revealPersonalEmail', { params: id(ctx.unknown), body }, 404);
  }),
];

const resend = (
  ctx: SuiteContext,
  identifier: string,
  body: unknown,
  headers?: Record<string, string>,
) => ({ params: id(identifier), body, headers }) satisfies Request;

/** A proof the agent's session gets for one queueable action on one account. */
async function proofFor(
  ctx: SuiteContext,
  identifier: string,
  action: 'unlock_account' | 'resend_activation',
): Promise<string> {
  const answer = await ctx.send(
    'issueStaffActionProofs',
    await asAgent(ctx, { params: id(identifier), body: { actions: [action] } }),
  );
  const proofs = field(answer, 'proofs');
  const proof = Array.isArray(proofs) ? (proofs[0] as { proof?: unknown } | undefined) : undefined;
  if (typeof proof?.proof !== 'string') throw new Error(`no ${action} proof: ${answer.status}`);
  return proof.proof;
}
const proofHeader = (proof: string) => ({ 'x-staff-proof': proof });

const proofs: Case[] = [
  c('issueStaffActionProofs', 'for the agent’s session', 201, async (ctx) => {
    const body = { actions: ['unlock_account', 'resend_activation'] };
    const answer = await ctx.send(
      'issueStaffActionProofs',
      await asAgent(ctx, { params: id(ctx.fixtures.active.identifier), body }),
    );
    const issued = field(answer, 'proofs');
    const count = Array.isArray(issued) ? issued.length : 0;
    return firstProblem(
      expectAnswer(answer, 201),
      count === 2 ? null : `expected two proofs, got ${count}`,
    );
  }),
  c('issueStaffActionProofs', 'without a session', 401, async (ctx) => {
    const body = { actions: ['unlock_account'] };
    const request = { params: id(ctx.fixtures.active.identifier), body };
    const answer = await ctx.send('issueStaffActionProofs', request);
    return expectAnswer(answer, 401, 'staff_session_required');
  }),
  c('issueStaffActionProofs', 'an unknown account', 404, (ctx) =>
    send(
      ctx,
      'issueStaffActionProofs',
      { params: id(ctx.unknown), body: { actions: ['unlock_account'] } },
      404,
    ),
  ),
];

const resends: Case[] = [
  // Each waits for its mail, so that none arrives during the journeys' activation.
  c('staffResendActivationEmail', 'the not-activated student', 202, async (ctx) => {
    const { identifier, personalEmail } = ctx.fixtures.notActivated;
    const request = await asAgent(ctx, resend(ctx, identifier, { reason: 'email_not_received' }));
    return mailCode(ctx, 'staffResendActivationEmail', personalEmail, 'staffCode', request);
  }),
  c('staffResendActivationEmail', 'queued: a proof instead of a session', 202, async (ctx) => {
    const { identifier, personalEmail } = ctx.fixtures.notActivated;
    const proof = await proofFor(ctx, identifier, 'resend_activation');
    ctx.memo.set('spentProof', proof);
    const request = resend(ctx, identifier, { reason: 'email_not_received' }, proofHeader(proof));
    return mailCode(ctx, 'staffResendActivationEmail', personalEmail, 'staffCode', request);
  }),
  c('staffResendActivationEmail', 'a proof spent by another write', 401, async (ctx) => {
    const spent = ctx.memo.get('spentProof');
    const proof = typeof spent === 'string' ? spent : 'no-proof-was-issued-before-this-case';
    const request = resend(
      ctx,
      ctx.fixtures.notActivated.identifier,
      { reason: 'email_not_received' },
      proofHeader(proof),
    );
    const answer = await ctx.send('staffResendActivationEmail', request);
    return expectAnswer(answer, 401, 'staff_proof_refused');
  }),
  c('staffResendActivationEmail', 'naming an agent without a proof', 401, async (ctx) => {
    const request = resend(
      ctx,
      ctx.fixtures.notActivated.identifier,
      { reason: 'email_not_received' },
      { 'x-staff-actor': agent(ctx).staffId },
    );
    const answer = await ctx.send('staffResendActivationEmail', request);
    return expectAnswer(answer, 401, 'staff_session_required');
  }),
  c('staffResendActivationEmail', 'a corrected address on a proof', 403, async (ctx) => {
    const body = {
      reason: 'email_address_wrong',
      correctedEmail: 'guichet-conformance@example.org',
      verification: IDENTITY_CHECK,
    };
    const { identifier } = ctx.fixtures.notActivated;
    const proof = await proofFor(ctx, identifier, 'resend_activation');
    const request = resend(ctx, identifier, body, proofHeader(proof));
    return expectAnswer(await ctx.send('staffResendActivationEmail', request), 403, 'forbidden');
  }),
  c('staffResendActivationEmail', 'a corrected address that is not one', 422, (ctx) => {
    const body = {
      reason: 'email_address_wrong',
      correctedEmail: 'not-an-address',
      verification: IDENTITY_CHECK,
    };
    return send(
      ctx,
      'staffResendActivationEmail',
      resend(ctx, ctx.fixtures.notActivated.identifier, body),
      422,
      'invalid_email',
    );
  }),
  c('staffResendActivationEmail', 'an active account', 409, (ctx) =>
    send(
      ctx,
      'staffResendActivationEmail',
      resend(ctx, ctx.fixtures.active.identifier, { reason: 'other' }),
      409,
      'account_state',
    ),
  ),
  c('staffResendActivationEmail', 'an unknown account', 404, (ctx) =>
    send(ctx, 'staffResendActivationEmail', resend(ctx, ctx.unknown, { reason: 'other' }), 404),
  ),
];

const unlock = (identifier: string, headers?: Record<string, string>) =>
  ({
    params: id(identifier),
    body: { verification: IDENTITY_CHECK, reason: 'account_locked' },
    headers,
  }) satisfies Request;
const grant = (identifier: string, purpose: string) => ({
  body: {
    identifier,
    purpose,
    verification: IDENTITY_CHECK,
    reason: purpose === 'activation' ? 'activation_help' : 'forgotten_password',
  },
});

const actions: Case[] = [
  c('unlockAccount', 'an account that is not locked (on a proof)', 409, async (ctx) => {
    const { identifier } = ctx.fixtures.active;
    const proof = await proofFor(ctx, identifier, 'unlock_account');
    const request = unlock(identifier, proofHeader(proof));
    return expectAnswer(await ctx.send('unlockAccount', request), 409, 'account_state');
  }),
  c('unlockAccount', 'a proof for another account', 401, async (ctx) => {
    const proof = await proofFor(ctx, ctx.fixtures.active.identifier, 'unlock_account');
    const request = unlock(ctx.fixtures.locked?.identifier ?? ctx.unknown, proofHeader(proof));
    return expectAnswer(await ctx.send('unlockAccount', request), 401, 'staff_proof_refused');
  }),
  c('unlockAccount', 'an unknown account', 404, (ctx) =>
    send(ctx, 'unlockAccount', unlock(ctx.unknown), 404),
  ),
  c(
    'unlockAccount',
    'the locked account',
    200,
    async (ctx) => {
      const answer = await ctx.send(
        'unlockAccount',
        await asAgent(ctx, unlock(ctx.fixtures.locked!.identifier)),
      );
      return firstProblem(
        expectAnswer(answer, 200),
        expectField(answer, 'active', 'account', 'status'),
      );
    },
    (ctx) => (ctx.fixtures.locked ? null : 'needs a locked test account (fixtures "locked")'),
  ),
  c('issueStaffGrant', 'an activation grant for an active account', 409, (ctx) =>
    send(
      ctx,
      'issueStaffGrant',
      grant(ctx.fixtures.active.identifier, 'activation'),
      409,
      'account_state',
    ),
  ),
  c('issueStaffGrant', 'an unknown account', 404, (ctx) =>
    send(ctx, 'issueStaffGrant', grant(ctx.unknown, 'activation'), 404),
  ),
  c('issueStaffGrant', 'a reset grant for the active student', 201, async (ctx) => {
    const answer = await ctx.send(
      'issueStaffGrant',
      await asAgent(ctx, grant(ctx.fixtures.active.identifier, 'password_reset')),
    );
    const issued = field(answer, 'grant');
    if (typeof issued === 'string') ctx.memo.set('grant', issued);
    return expectAnswer(answer, 201);
  }),
  c(
    'resetPassword',
    'a staff grant as proof',
    200,
    async (ctx) => {
      const next = `Grant-${STRONG}`;
      const body = {
        proof: { method: 'staff_grant', grant: ctx.memo.get('grant') },
        newPassword: await sealed(ctx, next),
      };
      const answer = await ctx.send('resetPassword', {
        params: id(ctx.fixtures.active.identifier),
        body,
      });
      if (answer.status === 200) ctx.memo.set('activePassword', next);
      return expectAnswer(answer, 200);
    },
    (ctx) =>
      needsStaff(ctx) ??
      (ctx.memo.has('grant') ? null : 'needs the grant an earlier case did not obtain'),
  ),
];

const auditList: Case[] = [
  c('listAuditEvents', 'an agent (supervisors only)', 403, (ctx) =>
    send(ctx, 'listAuditEvents', {}, 403, 'forbidden'),
  ),
  c(
    'listAuditEvents',
    'a supervisor',
    200,
    async (ctx) => {
      const opened = await ctx.send('openStaffSession', { body: ctx.staff!.supervisor });
      const token = field(opened, 'sessionToken');
      if (typeof token !== 'string')
        return `the supervisor's sign-in was refused (${opened.status})`;
      const request = {
        query: { afterSeq: '0', limit: '10' },
        headers: { 'x-staff-session': token },
      };
      return expectAnswer(await ctx.send('listAuditEvents', request), 200);
    },
    (ctx) => (ctx.staff?.supervisor ? null : 'needs a supervisor (fixtures "staff.supervisor")'),
  ),
];

const needsSupervisor = (ctx: SuiteContext) =>
  ctx.staff?.supervisor ? null : 'needs a supervisor (fixtures "staff.supervisor")';

const signInLimits: Case[] = [
  c('liftStaffSignInLimits', 'an agent (supervisors only)', 403, (ctx) =>
    send(ctx, 'liftStaffSignInLimits', {}, 403, 'forbidden'),
  ),
  c(
    'liftStaffSignInLimits',
    'a supervisor, after a wrong PIN at this kiosk',
    200,
    async (ctx) => {
      const { staffId, pin } = agent(ctx);
      await ctx.send('openStaffSession', { body: { staffId, pin: wrongPin(pin) } });
      const request = { headers: await supervisorSession(ctx) };
      const answer = await ctx.send('liftStaffSignInLimits', request);
      const lifted = field(answer, 'lifted');
      return firstProblem(
        expectAnswer(answer, 200),
        typeof lifted === 'number' && lifted >= 1 ? null : `lifted ${String(lifted)}, not ≥ 1`,
      );
    },
    needsSupervisor,
  ),
];

const upload = (ctx: SuiteContext, events: unknown[]): Promise<Answer> =>
  ctx.send('uploadAuditEvents', { body: { events } });

const audit: Case[] = [
  c(
    'uploadAuditEvents',
    'three entries continuing the chain, their subject sealed as a kiosk does, then the same again (deduplicated)',
    202,
    async (ctx) => {
      const subject = await sealedSubject(ctx, ctx.fixtures.active.identifier);
      const chain = nextAuditEntries(ctx, 3, subject);
      const first = await upload(ctx, chain);
      const again = await upload(ctx, chain);
      return firstProblem(
        expectAnswer(first, 202),
        expectField(first, 3, 'accepted'),
        expectAnswer(again, 202),
        expectField(again, 3, 'duplicates'),
      );
    },
  ),
  c('uploadAuditEvents', 'a broken hash', 422, (ctx) => {
    const chain = nextAuditEntries(ctx, 2, ctx.fixtures.active.identifier).map((e, i) =>
      i === 1 ? { ...e, subject: 'changed' } : e,
    );
    return upload(ctx, chain).then((a) => expectAnswer(a, 422, 'audit_hash_mismatch'));
  }),
  c('uploadAuditEvents', 'a known eventId with other content', 422, async (ctx) => {
    const [entry] = nextAuditEntries(ctx, 1, ctx.fixtures.active.identifier);
    const first = await upload(ctx, [entry]);
    const [next] = nextAuditEntries(ctx, 1, `${ctx.fixtures.active.identifier}-x`);
    return firstProblem(
      expectAnswer(first, 202),
      expectAnswer(
        await upload(ctx, [{ ...next!, eventId: entry!.eventId }]),
        422,
        'audit_event_conflict',
      ),
    );
  }),
  c('uploadAuditEvents', 'entries missing before the batch', 422, async (ctx) => {
    const [, second] = nextAuditEntries(ctx, 2, ctx.fixtures.active.identifier);
    return expectAnswer(await upload(ctx, [second]), 422, 'audit_chain_gap');
  }),
  c('uploadAuditEvents', 'a previous link other than the stored end', 422, async (ctx) => {
    const head = ctx.memo.get(AUDIT_HEAD) as AuditEntry | undefined;
    // The right next sequence number, linked to an entry the service never had.
    const stranger = { ...(head ?? { seq: 0 }), hash: 'f'.repeat(64) } as AuditEntry;
    const [entry] = auditChain(1, ctx.fixtures.active.identifier, stranger);
    return expectAnswer(await upload(ctx, [entry]), 422, 'audit_chain_link');
  }),
  c('uploadAuditEvents', 'a stored place with other content (a second chain)', 422, async (ctx) => {
    const [entry] = nextAuditEntries(ctx, 1, ctx.fixtures.active.identifier);
    await upload(ctx, [entry]);
    // Another entry at the place the service just stored.
    const before = { ...entry!, seq: entry!.seq - 1, hash: entry!.prevHash } as AuditEntry;
    const [other] = auditChain(1, `${ctx.fixtures.active.identifier}-y`, before);
    return expectAnswer(await upload(ctx, [other]), 422, 'audit_chain_fork');
  }),
  c('uploadAuditEvents', 'sequence numbers repeated in the batch', 422, async (ctx) => {
    const [entry] = nextAuditEntries(ctx, 1, ctx.fixtures.active.identifier);
    return expectAnswer(await upload(ctx, [entry, entry]), 422, 'audit_chain_order');
  }),
];

/** Before the journeys: sign-in, look-ups and resends (on the not-activated account). */
export const STAFF_EARLY_CASES: readonly Case[] = [...sessions, ...lookups, ...proofs, ...resends];
/** After the journeys: unlock, grants (and a reset proven by one), the audit list. */
export const STAFF_LATE_CASES: readonly Case[] = [...actions, ...auditList, ...signInLimits];
/** The kiosk's audit upload (no staff session). */
export const AUDIT_CASES: readonly Case[] = audit;
