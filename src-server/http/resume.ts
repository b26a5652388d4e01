/**
 * A password write to the directory cannot share the database's transaction: an instance can die
 * (or lose the database) after the directory took the new password and before the answer was
 * stored under the request's Idempotency-Key. Re-running the route then gives another answer
 * (the current password no longer binds: "wrong password"; the account is no longer waiting for
 * activation: 409) and may write again.
 *
 * The key's claim, stored with the request's digest before any work (postgres/idempotency.ts), is
 * the intent: the retry that takes it over once its lease ran out is `resumed`. These wrappers
 * then ask the directory whether the write happened, by binding with the new password (through
 * the attempt limits, as every bind). If it did, they finish what the first attempt left undone
 * (the proof used up, the charter noted, the events) and answer as it would have; if not, the
 * route runs as usual, since nothing was written.
 */
import type { z } from 'zod';
import {
  JOURNEY_PATHS,
  type ActivationRequest,
  type PasswordChangeRequest,
  type PasswordResetRequest,
} from '../../src-main/api/wire-journeys';
import type { PasswordInput } from '../../src-main/api/wire-sealing';
import type { AccountRecord } from '../../src-main/simulator/backends';
import { claimProof } from '../../src-main/simulator/grant-proof';
import { json, type Reply } from '../../src-main/simulator/http';
import { accountStatusOf, findAccount } from '../../src-main/simulator/journey-support';
import { changed, checkPassword } from '../../src-main/simulator/password-routes';
import {
  pathTemplate,
  type Route,
  type RouteContext,
  type SimulatorEnv,
} from '../../src-main/simulator/router';
import { readPassword } from '../../src-main/simulator/sealing-key';

/** What finishing an activation needs beside the route's own ports. */
export interface ResumeDeps {
  /** Records the charter's acceptance (it was in the transaction the crash rolled back). */
  charterAccepted(identifier: string, at: Date): Promise<void>;
}

/**
 * The account, when `sealed` opens and binds for it and it is `status`: the write the first
 * attempt was making is done. Null otherwise (the route then runs as usual).
 */
async function writtenBefore(
  ctx: RouteContext<unknown>,
  sealed: PasswordInput,
  status: AccountRecord['account']['status'],
): Promise<AccountRecord | null> {
  const { env, params, device } = ctx;
  const password = await readPassword(env.state.sealing, sealed);
  if (!password.ok) return null;
  const found = await findAccount(env, params.identifier);
  if (!found.ok || found.student.account.status !== status) return null;
  const bound = await checkPassword(env, found.student.identifier, device, password.value);
  return bound.ok ? bound.student : null;
}

/**
 * Uses up the proof the first attempt checked. Its code is still held by that attempt (until the
 * hold runs out), so it is checked and used up here rather than claimed again; a code the first
 * attempt already used up is simply gone.
 */
async function useUpProof(
  student: AccountRecord,
  purpose: 'activation' | 'password_reset',
  proof: ActivationRequest['proof'],
  env: SimulatorEnv,
): Promise<void> {
  const { secrets } = env.backends;
  if (proof.method === 'email_code') {
    const check = await secrets.checkCode(student.identifier, purpose, proof.code);
    if (check.ok) await secrets.consumeCode(student.identifier, purpose);
    return;
  }
  const claimed = await claimProof(student, purpose, proof, env);
  if (claimed.ok) await claimed.settle(true);
}

const resumedLog = (env: SimulatorEnv, route: string) =>
  env.logger.warn('server: a keyed write whose first attempt never answered was already done', {
    route,
  });

async function changeDone(ctx: RouteContext<unknown>): Promise<Reply | null> {
  const body = ctx.body as z.infer<typeof PasswordChangeRequest>;
  const student = await writtenBefore(ctx, body.newPassword, 'active');
  if (!student) return null;
  resumedLog(ctx.env, 'password change');
  await ctx.env.backends.events.record(student.identifier, 'password_changed');
  return changed(student.identifier, ctx.env);
}

async function resetDone(ctx: RouteContext<unknown>): Promise<Reply | null> {
  const body = ctx.body as z.infer<typeof PasswordResetRequest>;
  // A reset with a staff grant also unlocks: a locked account that binds is not there yet.
  const student = await writtenBefore(ctx, body.newPassword, 'active');
  if (!student) return null;
  resumedLog(ctx.env, 'password reset');
  await useUpProof(student, 'password_reset', body.proof, ctx.env);
  await ctx.env.backends.events.record(student.identifier, 'password_reset', {
    detail: body.proof.method,
  });
  return changed(student.identifier, ctx.env);
}

function activationDone(deps: ResumeDeps) {
  return async (ctx: RouteContext<unknown>): Promise<Reply | null> => {
    const body = ctx.body as ActivationRequest;
    const student = await writtenBefore(ctx, body.newPassword, 'active');
    if (!student) return null;
    resumedLog(ctx.env, 'activation');
    const { env } = ctx;
    await deps.charterAccepted(student.identifier, env.clock.now());
    await useUpProof(student, 'activation', body.proof, env);
    await env.backends.events.record(student.identifier, 'activated', {
      detail: body.proof.method,
    });
    await env.backends.events.record(student.identifier, 'charter_accepted');
    return json(accountStatusOf(student, env));
  };
}

/**
 * `routes`, with the password writes (activation, change, reset) made safe to resume: a resumed
 * attempt whose write is already in the directory gets the answer, not a second write.
 */
export function resumableWrites(routes: readonly Route[], deps: ResumeDeps): Route[] {
  const at = (build: (identifier: string) => string) => `POST ${pathTemplate(build, 'identifier')}`;
  const finishers = new Map([
    [at(JOURNEY_PATHS.activation), activationDone(deps)],
    [at(JOURNEY_PATHS.passwordChange), changeDone],
    [at(JOURNEY_PATHS.passwordReset), resetDone],
  ]);
  return routes.map((route) => {
    const done = finishers.get(`${route.method} ${route.path}`);
    if (!done) return route;
    return {
      ...route,
      handle: async (ctx) => (ctx.resumed ? await done(ctx) : null) ?? route.handle(ctx),
    };
  });
}
