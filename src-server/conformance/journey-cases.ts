/**
 * Cases for the student journeys, in the order a student meets them: activation with the
 * mailed code, password change and reset, the student login and mail redirection. They change
 * the test accounts (see fixtures.ts); passwords are sealed as a provisioned kiosk seals them.
 */
import { expectAnswer, expectField, firstProblem } from './expect';
import { limitReached, sealed } from './kiosk-cases';
import { STRONG, plain } from './samples';
import { needsMailbox, type Case, type SuiteContext } from './suite';
import type { Answer, Request } from './target';

type Needs = Case['needs'];

const c = (op: string, name: string, status: number, run: Case['run'], needs?: Needs): Case => ({
  operationId: op,
  name,
  status,
  run,
  needs,
});

/** Both needs, the first missing one named. */
const both =
  (a: Needs, b: Needs): Needs =>
  (ctx) =>
    a?.(ctx) ?? b?.(ctx) ?? null;

const needsLocked: Needs = (ctx) =>
  ctx.fixtures.locked ? null : 'needs a locked test account (fixtures "locked")';
const needsLockedPassword: Needs = (ctx) =>
  ctx.fixtures.locked?.password
    ? null
    : 'needs the locked account\'s password (fixtures "locked.password")';
const needsTooEarly: Needs = (ctx) =>
  ctx.fixtures.tooEarly
    ? null
    : 'needs an account whose activation is not open yet (fixtures "tooEarly")';
const needsMemo =
  (key: string, what: string): Needs =>
  (ctx) =>
    ctx.memo.has(key) ? null : `needs ${what}, which an earlier case did not obtain`;

/** A failure unless `answer` is `status`; then `after` runs on it (to remember what it gave). */
async function expecting(
  answer: Promise<Answer>,
  status: number,
  code?: string,
  after?: (a: Answer) => void | Promise<void>,
) {
  const got = await answer;
  const wrong = expectAnswer(got, status, code);
  if (!wrong) await after?.(got);
  return wrong;
}

const WEAK = 'password';
const activePassword = (ctx: SuiteContext) =>
  (ctx.memo.get('activePassword') as string | undefined) ?? ctx.fixtures.active.password;
const charterVersion = (ctx: SuiteContext) =>
  (ctx.memo.get('charterVersion') as string | undefined) ?? 'unknown';
const id = (identifier: string): Request['params'] => ({ identifier });
const na = (ctx: SuiteContext) => id(ctx.fixtures.notActivated.identifier);
const active = (ctx: SuiteContext) => id(ctx.fixtures.active.identifier);
const locked = (ctx: SuiteContext) => id(ctx.fixtures.locked?.identifier ?? '');

/**
 * Sends an e-mail through `operationId` (202) and, with a mailbox, waits for it and remembers
 * its code under `memoKey`: no mail is left in flight to pass for a later case's.
 */
export async function mailCode(
  ctx: SuiteContext,
  operationId: string,
  to: string | undefined,
  memoKey: string,
  request: Request,
) {
  const seen = ctx.mailbox && to ? await ctx.mailbox.count(to) : 0;
  return expecting(ctx.send(operationId, request), 202, undefined, async () => {
    if (ctx.mailbox && to) ctx.memo.set(memoKey, await ctx.mailbox.codeAfter(to, seen));
  });
}

const activationEmail: Case[] = [
  c('resendActivationEmail', 'an unknown account', 404, (ctx) =>
    expecting(ctx.send('resendActivationEmail', { params: id(ctx.unknown) }), 404, 'not_found'),
  ),
  c('resendActivationEmail', 'an active account', 409, (ctx) =>
    expecting(ctx.send('resendActivationEmail', { params: active(ctx) }), 409, 'account_state'),
  ),
  c(
    'resendActivationEmail',
    'activation not open yet',
    409,
    (ctx) => {
      const params = id(ctx.fixtures.tooEarly?.identifier ?? '');
      return expecting(ctx.send('resendActivationEmail', { params }), 409, 'too_early');
    },
    needsTooEarly,
  ),
  c('resendActivationEmail', 'the not-activated student (code read from the mailbox)', 202, (ctx) =>
    mailCode(
      ctx,
      'resendActivationEmail',
      ctx.fixtures.notActivated.personalEmail,
      'activationCode',
      {
        params: na(ctx),
      },
    ),
  ),
];

const codeNeeds = both(needsMailbox, needsMemo('activationCode', 'the mailed activation code'));
const activationCode = (ctx: SuiteContext) => ctx.memo.get('activationCode') as string;
const activationBody = (
  ctx: SuiteContext,
  code: string,
  password: unknown,
  charter = charterVersion(ctx),
) => ({
  proof: { method: 'email_code', code },
  newPassword: password,
  charterVersion: charter,
});

const codeCheck: Case[] = [
  c('checkActivationCode', 'an unknown account', 404, (ctx) =>
    expecting(
      ctx.send('checkActivationCode', { params: id(ctx.unknown), body: { code: '00000000' } }),
      404,
    ),
  ),
  c('checkActivationCode', 'an active account', 409, (ctx) =>
    expecting(
      ctx.send('checkActivationCode', { params: active(ctx), body: { code: '00000000' } }),
      409,
      'account_state',
    ),
  ),
  c('checkActivationCode', 'a wrong code', 403, (ctx) =>
    expecting(
      ctx.send('checkActivationCode', { params: na(ctx), body: { code: '00000000' } }),
      403,
      'code_invalid',
    ),
  ),
  c(
    'checkActivationCode',
    'the mailed code',
    200,
    (ctx) =>
      expecting(
        ctx.send('checkActivationCode', { params: na(ctx), body: { code: activationCode(ctx) } }),
        200,
      ),
    codeNeeds,
  ),
];

const activation: Case[] = [
  c('activateAccount', 'an unknown account', 404, (ctx) =>
    expecting(
      ctx.send('activateAccount', {
        params: id(ctx.unknown),
        body: activationBody(ctx, '00000000', plain(STRONG)),
      }),
      404,
    ),
  ),
  c('activateAccount', 'a wrong code', 403, (ctx) =>
    expecting(
      ctx.send('activateAccount', {
        params: na(ctx),
        body: activationBody(ctx, '00000000', plain(STRONG)),
      }),
      403,
      'code_invalid',
    ),
  ),
  c(
    'activateAccount',
    'an outdated charter version',
    409,
    (ctx) => {
      const body = activationBody(ctx, activationCode(ctx), plain(STRONG), '1999-01');
      return expecting(
        ctx.send('activateAccount', { params: na(ctx), body }),
        409,
        'charter_outdated',
      );
    },
    codeNeeds,
  ),
  c(
    'activateAccount',
    'a password the policy refuses',
    422,
    (ctx) => {
      const body = activationBody(ctx, activationCode(ctx), plain(WEAK));
      return expecting(
        ctx.send('activateAccount', { params: na(ctx), body }),
        422,
        'password_policy',
      );
    },
    codeNeeds,
  ),
  c(
    'activateAccount',
    'the mailed code and a sealed password',
    200,
    async (ctx) => {
      const body = activationBody(ctx, activationCode(ctx), await sealed(ctx, STRONG));
      const answer = await ctx.send('activateAccount', { params: na(ctx), body });
      ctx.memo.set('activated', answer.status === 200);
      return firstProblem(expectAnswer(answer, 200), expectField(answer, 'active', 'status'));
    },
    codeNeeds,
  ),
  c(
    'activateAccount',
    'activated already',
    409,
    async (ctx) => {
      const body = activationBody(ctx, activationCode(ctx), await sealed(ctx, STRONG));
      return expecting(
        ctx.send('activateAccount', { params: na(ctx), body }),
        409,
        'account_state',
      );
    },
    both(codeNeeds, needsMemo('activated', 'an activated account')),
  ),
];

const change = (ctx: SuiteContext, identifier: string, current: unknown, next: unknown) =>
  ctx.send('changePassword', {
    params: id(identifier),
    body: { currentPassword: current, newPassword: next },
  });

const passwordChange: Case[] = [
  c('changePassword', 'an unknown account', 403, (ctx) =>
    expecting(change(ctx, ctx.unknown, plain(STRONG), plain(STRONG)), 403, 'invalid_credentials'),
  ),
  c('changePassword', 'a wrong current password', 403, (ctx) =>
    expecting(
      change(ctx, ctx.fixtures.active.identifier, plain(`${STRONG}x`), plain(STRONG)),
      403,
      'invalid_credentials',
    ),
  ),
  c('changePassword', 'a new password the policy refuses', 422, (ctx) =>
    expecting(
      change(ctx, ctx.fixtures.active.identifier, plain(activePassword(ctx)), plain(WEAK)),
      422,
      'password_policy',
    ),
  ),
  c('changePassword', 'sealed passwords, as a kiosk sends them', 200, async (ctx) => {
    const next = `Change-${STRONG}`;
    const answer = await change(
      ctx,
      ctx.fixtures.active.identifier,
      await sealed(ctx, activePassword(ctx)),
      await sealed(ctx, next),
    );
    if (answer.status === 200) ctx.memo.set('activePassword', next);
    return expectAnswer(answer, 200);
  }),
  c(
    'changePassword',
    'a locked account',
    409,
    (ctx) => {
      const current = plain(ctx.fixtures.locked?.password ?? '');
      return expecting(
        change(ctx, ctx.fixtures.locked?.identifier ?? '', current, plain(STRONG)),
        409,
        'account_state',
      );
    },
    needsLockedPassword,
  ),
  c('changePassword', 'failed guesses for one account, then the limit', 429, (ctx) => {
    const identifier = `${ctx.unknown}-c`;
    return limitReached(() => change(ctx, identifier, plain(STRONG), plain(STRONG)), 403);
  }),
];

const resetCodeNeeds = both(needsMailbox, needsMemo('resetCode', 'the mailed reset code'));
const resetBody = (code: string, password: unknown) => ({
  proof: { method: 'email_code', code },
  newPassword: password,
});

const passwordReset: Case[] = [
  c('sendPasswordResetEmail', 'an unknown account', 404, (ctx) =>
    expecting(ctx.send('sendPasswordResetEmail', { params: id(ctx.unknown) }), 404, 'not_found'),
  ),
  c(
    'sendPasswordResetEmail',
    'a locked account',
    409,
    (ctx) =>
      expecting(ctx.send('sendPasswordResetEmail', { params: locked(ctx) }), 409, 'account_state'),
    needsLocked,
  ),
  c('sendPasswordResetEmail', 'the active student (code read from the mailbox)', 202, (ctx) =>
    mailCode(ctx, 'sendPasswordResetEmail', ctx.fixtures.active.personalEmail, 'resetCode', {
      params: active(ctx),
    }),
  ),
  c('resetPassword', 'an unknown account', 404, (ctx) =>
    expecting(
      ctx.send('resetPassword', {
        params: id(ctx.unknown),
        body: resetBody('00000000', plain(STRONG)),
      }),
      404,
    ),
  ),
  c('resetPassword', 'a wrong code', 403, (ctx) =>
    expecting(
      ctx.send('resetPassword', {
        params: active(ctx),
        body: resetBody('00000000', plain(STRONG)),
      }),
      403,
      'code_invalid',
    ),
  ),
  c(
    'resetPassword',
    'a locked account, with a code',
    409,
    (ctx) =>
      expecting(
        ctx.send('resetPassword', {
          params: locked(ctx),
          body: resetBody('00000000', plain(STRONG)),
        }),
        409,
        'account_state',
      ),
    needsLocked,
  ),
  c(
    'resetPassword',
    'a password the policy refuses',
    422,
    (ctx) => {
      const body = resetBody(ctx.memo.get('resetCode') as string, plain(WEAK));
      return expecting(
        ctx.send('resetPassword', { params: active(ctx), body }),
        422,
        'password_policy',
      );
    },
    resetCodeNeeds,
  ),
  c(
    'resetPassword',
    'the mailed code and a sealed password',
    200,
    async (ctx) => {
      const next = `Reset-${STRONG}`;
      const body = resetBody(ctx.memo.get('resetCode') as string, await sealed(ctx, next));
      const answer = await ctx.send('resetPassword', { params: active(ctx), body });
      if (answer.status === 200) ctx.memo.set('activePassword', next);
      return expectAnswer(answer, 200);
    },
    resetCodeNeeds,
  ),
];

const login = (ctx: SuiteContext, identifier: string, password: string) =>
  ctx.send('openStudentSession', { body: { identifier, password: plain(password) } });

const studentSession: Case[] = [
  c('openStudentSession', 'an unknown account', 403, (ctx) =>
    expecting(login(ctx, ctx.unknown, STRONG), 403, 'invalid_credentials'),
  ),
  c('openStudentSession', 'a wrong password', 403, (ctx) =>
    expecting(
      login(ctx, ctx.fixtures.active.identifier, `${activePassword(ctx)}x`),
      403,
      'invalid_credentials',
    ),
  ),
  c(
    'openStudentSession',
    'a locked account',
    409,
    (ctx) =>
      expecting(
        login(ctx, ctx.fixtures.locked?.identifier ?? '', ctx.fixtures.locked?.password ?? ''),
        409,
        'account_state',
      ),
    needsLockedPassword,
  ),
  c('openStudentSession', 'the active student', 201, (ctx) =>
    expecting(
      login(ctx, ctx.fixtures.active.identifier, activePassword(ctx)),
      201,
      undefined,
      (a) => {
        ctx.memo.set('studentSession', (a.body as { sessionToken: string }).sessionToken);
      },
    ),
  ),
  c('openStudentSession', 'failed guesses for one account, then the limit', 429, (ctx) => {
    const identifier = `${ctx.unknown}-s`;
    return limitReached(() => login(ctx, identifier, STRONG), 403);
  }),
];

const needsSession = needsMemo('studentSession', 'a student session');
const session = (ctx: SuiteContext) => ({
  'x-student-session': ctx.memo.get('studentSession') as string,
});
const redirect = (
  ctx: SuiteContext,
  identifier: string,
  body: unknown,
  headers?: Record<string, string>,
) => ctx.send('setMailRedirection', { params: id(identifier), body, headers });
const REDIRECT_TO = 'guichet-conformance@example.org';

const mailRedirection: Case[] = [
  c('getMailRedirection', 'no student session', 403, (ctx) =>
    expecting(ctx.send('getMailRedirection', { params: active(ctx) }), 403, 'session_expired'),
  ),
  c(
    'getMailRedirection',
    'with the student session',
    200,
    (ctx) =>
      expecting(
        ctx.send('getMailRedirection', { params: active(ctx), headers: session(ctx) }),
        200,
      ),
    needsSession,
  ),
  c(
    'getMailRedirection',
    'an unknown account',
    404,
    (ctx) =>
      expecting(
        ctx.send('getMailRedirection', { params: id(ctx.unknown), headers: session(ctx) }),
        404,
      ),
    needsSession,
  ),
  c('setMailRedirection', 'no student session', 403, (ctx) =>
    expecting(
      redirect(ctx, ctx.fixtures.active.identifier, { address: REDIRECT_TO, keepCopy: true }),
      403,
      'session_expired',
    ),
  ),
  c(
    'setMailRedirection',
    'an external address, with the session',
    200,
    async (ctx) => {
      const answer = await redirect(
        ctx,
        ctx.fixtures.active.identifier,
        { address: REDIRECT_TO, keepCopy: true },
        session(ctx),
      );
      return firstProblem(expectAnswer(answer, 200), expectField(answer, REDIRECT_TO, 'address'));
    },
    needsSession,
  ),
  c(
    'setMailRedirection',
    'an address that is not one',
    422,
    (ctx) =>
      expecting(
        redirect(
          ctx,
          ctx.fixtures.active.identifier,
          { address: 'not-an-address', keepCopy: true },
          session(ctx),
        ),
        422,
        'invalid_email',
      ),
    needsSession,
  ),
  c(
    'setMailRedirection',
    'an unknown account',
    404,
    (ctx) =>
      expecting(redirect(ctx, ctx.unknown, { address: null, keepCopy: true }, session(ctx)), 404),
    needsSession,
  ),
  c('setMailRedirection', 'a wrong password in the body', 403, (ctx) => {
    const body = { address: null, keepCopy: true, password: plain(`${activePassword(ctx)}x`) };
    return expecting(
      redirect(ctx, ctx.fixtures.active.identifier, body),
      403,
      'invalid_credentials',
    );
  }),
  c(
    'setMailRedirection',
    'no redirection, with the sealed password (queued offline)',
    200,
    async (ctx) => {
      const body = {
        address: null,
        keepCopy: true,
        password: await sealed(ctx, activePassword(ctx)),
      };
      const answer = await redirect(ctx, ctx.fixtures.active.identifier, body);
      return firstProblem(expectAnswer(answer, 200), expectField(answer, null, 'address'));
    },
  ),
  c(
    'setMailRedirection',
    'a locked account, with its password',
    409,
    (ctx) => {
      const body = {
        address: null,
        keepCopy: true,
        password: plain(ctx.fixtures.locked?.password ?? ''),
      };
      return expecting(
        redirect(ctx, ctx.fixtures.locked?.identifier ?? '', body),
        409,
        'account_state',
      );
    },
    needsLockedPassword,
  ),
  c('setMailRedirection', 'failed guesses for one account, then the limit', 429, (ctx) => {
    const body = { address: null, keepCopy: true, password: plain(STRONG) };
    return limitReached(() => redirect(ctx, `${ctx.unknown}-m`, body), 403);
  }),
];

const charterAcceptance: Case[] = [
  c('acceptCharter', 'the current version', 200, (ctx) =>
    expecting(
      ctx.send('acceptCharter', { params: active(ctx), body: { version: charterVersion(ctx) } }),
      200,
    ),
  ),
  c('acceptCharter', 'an outdated version', 409, (ctx) =>
    expecting(
      ctx.send('acceptCharter', { params: active(ctx), body: { version: '1999-01' } }),
      409,
      'charter_outdated',
    ),
  ),
  c('acceptCharter', 'an unknown account', 404, (ctx) =>
    expecting(
      ctx.send('acceptCharter', {
        params: id(ctx.unknown),
        body: { version: charterVersion(ctx) },
      }),
      404,
    ),
  ),
];

/** The journeys, in order: each may rely on what an earlier one left in the memo. */
export const JOURNEY_CASES: readonly Case[] = [
  ...activationEmail,
  ...codeCheck,
  ...activation,
  ...passwordChange,
  ...passwordReset,
  ...studentSession,
  ...mailRedirection,
  ...charterAcceptance,
];
