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
  type MailRedirectionWire,
  type PasswordInput,
  type StudentSession,
} from '../api/wire-journeys';
import { validateExternalEmail } from '../core/email';
import { CURRENT_CHARTER } from './charter';
import type { DatasetStudent } from './dataset';
import { json, type Reply } from './http';
import { accountStatusOf, findStudent, journeyError, requireStatus } from './journey-support';
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
    // Opened first: the checks after it run in one step that no parallel call can get between.
    const password = await readPassword(env.state.sealing, body.password);
    const known = env.state.studentByIdentifier(body.identifier);
    if (!password.ok) return password.reply;
    const checked = checkPassword(env, body.identifier, device, known, password.value);
    if (!checked.ok) return checked.reply;
    const { student } = checked;
    const wrongState = requireStatus(student, 'active');
    if (wrongState) return wrongState;
    const session: StudentSession = {
      ...env.state.journeys.openSession(student.identifier),
      account: accountStatusOf(student, env),
    };
    return json(session, 201);
  },
});

/** The student of the path, when the request carries a valid session for that very account. */
function sessionStudent(
  ctx: RouteContext<unknown>,
): { ok: true; student: DatasetStudent } | { ok: false; reply: Reply } {
  const found = findStudent(ctx.env, ctx.params.identifier);
  if (!found.ok) return found;
  const header = ctx.headers[STUDENT_SESSION_HEADER];
  const token = typeof header === 'string' ? header : '';
  if (ctx.env.state.journeys.sessionAccount(token) !== found.student.identifier) {
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
): Promise<{ ok: true; student: DatasetStudent } | { ok: false; reply: Reply }> {
  const password = await readPassword(ctx.env.state.sealing, input);
  if (!password.ok) return password;
  const identifier = ctx.params.identifier ?? '';
  const student = ctx.env.state.studentByIdentifier(identifier);
  const checked = checkPassword(ctx.env, identifier, ctx.device, student, password.value);
  if (!checked.ok) return checked;
  const wrongState = requireStatus(checked.student, 'active');
  return wrongState ? { ok: false, reply: wrongState } : checked;
}

function redirectionOf(student: DatasetStudent, ctx: RouteContext<unknown>): MailRedirectionWire {
  return {
    address: student.mailRedirection ?? null,
    ...ctx.env.state.journeys.redirectionOf(student),
  };
}

const mailPath = pathTemplate(JOURNEY_PATHS.mailRedirection, 'identifier');

const getMailRedirection = defineRoute({
  method: 'GET',
  path: mailPath,
  auth: 'kiosk',
  body: null,
  handle: (ctx) => {
    const found = sessionStudent(ctx);
    return found.ok ? json(redirectionOf(found.student, ctx)) : found.reply;
  },
});

const setMailRedirection = defineRoute({
  method: 'PUT',
  path: mailPath,
  auth: 'kiosk',
  body: MailRedirectionRequest,
  handle: async (ctx) => {
    // Opening a sealed password is the only await: everything after it runs in one go.
    const found = ctx.body.password
      ? await passwordStudent(ctx, ctx.body.password)
      : sessionStudent(ctx);
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
    ctx.env.state.journeys.setRedirection(found.student, address, keepCopy);
    ctx.env.state.events.record(found.student.identifier, 'mail_redirection_changed');
    return json(redirectionOf(found.student, ctx));
  },
});

/** The charter, login and mail redirection endpoints. */
export const MAIL_ROUTES: readonly Route[] = [
  getCharter,
  openStudentSession,
  getMailRedirection,
  setMailRedirection,
];
