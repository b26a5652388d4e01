/**
 * Student login and mail redirection on the simulator, plus the charter. A redirection diverts
 * every message (reset codes included), so it needs a student session opened with the password,
 * or the password itself in the body (a redirection a kiosk queued while offline).
 */
import {
  JOURNEY_PATHS,
  MailRedirectionRequest,
  STUDENT_SESSION_HEADER,
  StudentSessionRequest,
  type PasswordInput,
  type StudentSession,
} from '../api/wire-journeys';
import { validateExternalEmail } from '../core/email';
import { CURRENT_CHARTER } from './charter';
import type { AccountRecord } from './backends';
import { json, type Reply } from './http';
import { accountStatusOf, findAccount, journeyError, requireStatus } from './journey-support';
import { checkPassword } from './password-routes';
import { defineRoute, pathTemplate, type Route, type RouteContext } from './router';
import { readPassword } from './sealing-key';

const getCharter = defineRoute({
  method: 'GET',
  path: JOURNEY_PATHS.charter,
  auth: 'kiosk',
  body: null,
  handle: () => json(CURRENT_CHARTER),
});

const openStudentSession = defineRoute({
  method: 'POST',
  path: JOURNEY_PATHS.studentSessions,
  auth: 'kiosk',
  body: StudentSessionRequest,
  handle: async ({ body, env, device }) => {
    const password = await readPassword(env.state.sealing, body.password);
    if (!password.ok) return password.reply;
    const checked = await checkPassword(env, body.identifier, device, password.value);
    if (!checked.ok) return checked.reply;
    const { student } = checked;
    const wrongState = requireStatus(student, 'active');
    if (wrongState) return wrongState;
    const session: StudentSession = {
      ...(await env.backends.secrets.openSession(student.identifier)),
      account: accountStatusOf(student, env),
    };
    return json(session, 201);
  },
});

/** The student of the path, when the request carries a valid session for that very account. */
async function sessionStudent(
  ctx: RouteContext<unknown>,
): Promise<{ ok: true; student: AccountRecord } | { ok: false; reply: Reply }> {
  const found = await findAccount(ctx.env, ctx.params.identifier);
  if (!found.ok) return found;
  const header = ctx.headers[STUDENT_SESSION_HEADER];
  const token = typeof header === 'string' ? header : '';
  if ((await ctx.env.backends.secrets.sessionAccount(token)) !== found.student.identifier) {
    return {
      ok: false,
      reply: journeyError(403, 'session_expired', 'log in again (X-Student-Session)'),
    };
  }
  return found;
}

/**
 * The student of the path, when the body carries that account's password (a redirection the
 * kiosk queued offline, with the password sealed): the same check as a login.
 */
async function passwordStudent(
  ctx: RouteContext<unknown>,
  input: PasswordInput,
): Promise<{ ok: true; student: AccountRecord } | { ok: false; reply: Reply }> {
  const password = await readPassword(ctx.env.state.sealing, input);
  if (!password.ok) return password;
  const identifier = ctx.params.identifier ?? '';
  const checked = await checkPassword(ctx.env, identifier, ctx.device, password.value);
  if (!checked.ok) return checked;
  const wrongState = requireStatus(checked.student, 'active');
  return wrongState ? { ok: false, reply: wrongState } : checked;
}

const mailPath = pathTemplate(JOURNEY_PATHS.mailRedirection, 'identifier');

const getMailRedirection = defineRoute({
  method: 'GET',
  path: mailPath,
  auth: 'kiosk',
  body: null,
  handle: async (ctx) => {
    const found = await sessionStudent(ctx);
    if (!found.ok) return found.reply;
    return json(await ctx.env.backends.accounts.redirection(found.student.identifier));
  },
});

const setMailRedirection = defineRoute({
  method: 'PUT',
  path: mailPath,
  auth: 'kiosk',
  body: MailRedirectionRequest,
  handle: async (ctx) => {
    const found = ctx.body.password
      ? await passwordStudent(ctx, ctx.body.password)
      : await sessionStudent(ctx);
    if (!found.ok) return found.reply;
    let address: string | null = null;
    if (ctx.body.address !== null) {
      const checked = validateExternalEmail(ctx.body.address, ctx.env.settings.mailDomains);
      if (!checked.ok) {
        return journeyError(422, 'invalid_email', 'not a usable external address', {
          reason: checked.error,
        });
      }
      address = checked.value;
    }
    // Without a redirection every message stays in the university mailbox.
    const keepCopy = address === null ? true : ctx.body.keepCopy;
    const { accounts } = ctx.env.backends;
    await accounts.setRedirection(found.student.identifier, address, keepCopy);
    await ctx.env.backends.events.record(found.student.identifier, 'mail_redirection_changed');
    return json(await accounts.redirection(found.student.identifier));
  },
});

/** The charter, login and mail redirection endpoints. */
export const MAIL_ROUTES: readonly Route[] = [
  getCharter,
  openStudentSession,
  getMailRedirection,
  setMailRedirection,
];
