/**
 * The student journeys' endpoints of the central API, behind the core's AccountService port:
 * wire bodies in, the journeys' shapes out. Writes carry the caller's idempotency key.
 */
import type { AccountService, AccountSnapshot } from '../core/journey-ports';
import type { Result } from '../core/result';
import {
  activationBody,
  passwordChangeBody,
  passwordResetBody,
  plainPassword,
} from './journey-requests';
import type { Call } from './transport';
import type { AccountStatusResponse } from './wire';
import {
  ActivationCodeCheckResponse,
  CharterWire,
  EmailSentResponse,
  JOURNEY_PATHS,
  MailRedirectionWire,
  PasswordChanged,
  STUDENT_SESSION_HEADER,
  StudentSession,
} from './wire-journeys';
import { AccountStatusResponse as AccountStatusSchema } from './wire';

function snapshot(account: AccountStatusResponse): AccountSnapshot {
  return { status: account.status, leavingYear: account.leavingYear };
}

/** Maps a successful result; errors pass through unchanged. */
function map<A, B>(result: Result<A>, f: (value: A) => B): Result<B> {
  return result.ok ? { ok: true, value: f(result.value) } : result;
}

/** Builds the journey endpoints over the transport's `call`. */
export function createJourneyEndpoints(call: Call): AccountService {
  const emailSent = (r: Result<EmailSentResponse>) =>
    map(r, (v) => ({ maskedEmail: v.sentTo, validUntil: v.expiresAt }));
  const session = (token: string) => ({ [STUDENT_SESSION_HEADER]: token });

  return {
    sendActivationEmail: async (identifier, key) =>
      emailSent(
        await call({
          method: 'post',
          path: JOURNEY_PATHS.activationEmail(identifier),
          schema: EmailSentResponse,
          idempotencyKey: key,
        }),
      ),
    checkActivationCode: async (identifier, code) =>
      map(
        await call({
          method: 'post',
          path: JOURNEY_PATHS.activationCodeCheck(identifier),
          schema: ActivationCodeCheckResponse,
          body: { code },
        }),
        (v) => ({ validUntil: v.expiresAt }),
      ),
    activate: async (identifier, request, key) =>
      map(
        await call({
          method: 'post',
          path: JOURNEY_PATHS.activation(identifier),
          schema: AccountStatusSchema,
          body: activationBody(request),
          idempotencyKey: key,
        }),
        snapshot,
      ),
    requestPasswordReset: async (identifier, key) =>
      emailSent(
        await call({
          method: 'post',
          path: JOURNEY_PATHS.passwordResetEmail(identifier),
          schema: EmailSentResponse,
          idempotencyKey: key,
        }),
      ),
    resetPassword: async (identifier, request, key) =>
      map(
        await call({
          method: 'post',
          path: JOURNEY_PATHS.passwordReset(identifier),
          schema: PasswordChanged,
          body: passwordResetBody(request),
          idempotencyKey: key,
        }),
        (v) => snapshot(v.account),
      ),
    changePassword: async (identifier, request, key) =>
      map(
        await call({
          method: 'post',
          path: JOURNEY_PATHS.passwordChange(identifier),
          schema: PasswordChanged,
          body: passwordChangeBody(request),
          idempotencyKey: key,
        }),
        (v) => snapshot(v.account),
      ),
    charter: async () =>
      map(await call({ method: 'get', path: JOURNEY_PATHS.charter, schema: CharterWire }), (v) => ({
        version: v.version,
        title: v.title,
        paragraphs: v.paragraphs,
      })),
    openStudentSession: async (identifier, password) =>
      map(
        await call({
          method: 'post',
          path: JOURNEY_PATHS.studentSessions,
          schema: StudentSession,
          body: { identifier, password: plainPassword(password) },
        }),
        (v) => ({ session: v.sessionToken, account: snapshot(v.account) }),
      ),
    mailRedirection: async (identifier, token) =>
      map(
        await call({
          method: 'get',
          path: JOURNEY_PATHS.mailRedirection(identifier),
          schema: MailRedirectionWire,
          headers: session(token),
        }),
        (v) => ({ address: v.address, keepCopy: v.keepCopy }),
      ),
    setMailRedirection: async (identifier, token, redirection, key) =>
      map(
        await call({
          method: 'put',
          path: JOURNEY_PATHS.mailRedirection(identifier),
          schema: MailRedirectionWire,
          body: redirection,
          headers: session(token),
          idempotencyKey: key,
        }),
        (v) => ({ address: v.address, keepCopy: v.keepCopy }),
      ),
  };
}
