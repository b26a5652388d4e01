/**
 * The AccountService the journeys use, with the outbox in front of its writes: activation and
 * password writes are committed to the outbox (passwords sealed) before they are sent, and are
 * queued with a receipt when the central API does not answer. A mail redirection asked for after
 * an offline login is queued the same way, with the password sealed at login instead of a
 * session. Offline, an activation code is taken on trust (`provisional`: the API checks it when
 * the queued activation is sent) and the charter is the copy last read, or the one shipped with
 * the kiosk (kept in memory only: a restart while offline falls back to the shipped one). What
 * cannot wait for the API (an e-mail the student needs now) says `not_available_offline`.
 */
import type { z } from 'zod';
import charterFile from '../../resources/charter.json';
import type { WriteOutcome } from '../core/connectivity';
import type { Charter } from '../core/journeys';
import type { AccountService, AccountSnapshot } from '../core/journey-ports';
import { isConnectivityError, type AppError, type Result } from '../core/result';
import { AccountStatusResponse } from '../api/wire';
import {
  CharterWire,
  JOURNEY_PATHS,
  MailRedirectionWire,
  PasswordChanged,
  type MailRedirectionRequest,
} from '../api/wire-journeys';
import { activationBody, passwordChangeBody, passwordResetBody } from '../api/journey-requests';
import type { Outbox } from './outbox';

/** The charter shipped with the kiosk: shown offline when none was read from the API yet. */
const BUNDLED_CHARTER: Charter = (({ version, title, paragraphs }) => ({
  version,
  title,
  paragraphs,
}))(CharterWire.parse(charterFile));

/** The snapshot a use case gets back: the API's, or a receipt while the write waits. */
function snapshotOf<T>(
  outcome: Result<WriteOutcome<T>, AppError>,
  read: (value: T) => AccountStatusResponse,
): Result<AccountSnapshot> {
  if (!outcome.ok) return outcome;
  if (outcome.value.kind === 'queued') {
    // Nothing is known of the account until the API applies the write.
    return {
      ok: true,
      value: { status: 'active', leavingYear: null, receipt: outcome.value.receipt },
    };
  }
  const account = read(outcome.value.value);
  return { ok: true, value: { status: account.status, leavingYear: account.leavingYear } };
}

/** Turns "the API is unreachable" into "this needs the API: ask at the desk". */
async function onlineOnly<T>(answer: Promise<Result<T>>): Promise<Result<T>> {
  const result = await answer;
  if (result.ok || !isConnectivityError(result.error.code)) return result;
  return { ok: false, error: { code: 'not_available_offline' } };
}

/** Wraps the API client's AccountService so that its writes go through the outbox. */
export function withOutbox(accounts: AccountService, outbox: Outbox): AccountService {
  const same = (a: AccountStatusResponse) => a;
  const changed = (v: z.infer<typeof PasswordChanged>) => v.account;
  let lastCharter: Charter | null = null;
  return {
    ...accounts,
    sendActivationEmail: (identifier, key) =>
      onlineOnly(accounts.sendActivationEmail(identifier, key)),
    async checkActivationCode(identifier, code) {
      const answer = await onlineOnly(accounts.checkActivationCode(identifier, code));
      if (answer.ok || answer.error.code !== 'not_available_offline') return answer;
      if (!outbox.canQueuePasswords) return answer;
      // Taken on trust: the API checks the code when it applies the queued activation, and a
      // wrong one leaves the account as it was (the write is dead-lettered).
      return { ok: true, value: { validUntil: null, provisional: true } };
    },
    async charter() {
      const answer = await accounts.charter();
      if (answer.ok) lastCharter = answer.value;
      if (answer.ok || !isConnectivityError(answer.error.code)) return answer;
      // Offline: the copy last read from the API, or the one shipped with the kiosk.
      return { ok: true, value: lastCharter ?? BUNDLED_CHARTER };
    },
    requestPasswordReset: (identifier, key) =>
      onlineOnly(accounts.requestPasswordReset(identifier, key)),
    openStudentSession: (identifier, password) =>
      onlineOnly(accounts.openStudentSession(identifier, password)),
    mailRedirection: (identifier, session) =>
      onlineOnly(accounts.mailRedirection(identifier, session)),
    // The request carries the student's session, which is never written to disk.
    setMailRedirection: (identifier, session, redirection, key) =>
      onlineOnly(accounts.setMailRedirection(identifier, session, redirection, key)),
    sealPassword: async (password) => (await outbox.sealPassword(password))?.jwe ?? null,
    // Offline login: the password, sealed at login, stands in for the session.
    async setMailRedirectionWithPassword(identifier, sealedPassword, redirection, key) {
      const body = {
        ...redirection,
        password: { type: 'sealed', jwe: sealedPassword },
      } satisfies z.input<typeof MailRedirectionRequest>;
      const path = JOURNEY_PATHS.mailRedirection(identifier);
      const write = { kind: 'mail.redirection', account: identifier, method: 'put' as const, path };
      const outcome = await outbox.submit(
        { ...write, body, idempotencyKey: key },
        MailRedirectionWire,
      );
      if (!outcome.ok) return outcome;
      if (outcome.value.kind === 'queued') {
        return { ok: true, value: { redirection, receipt: outcome.value.receipt } };
      }
      const { address, keepCopy } = outcome.value.value;
      return { ok: true, value: { redirection: { address, keepCopy }, receipt: null } };
    },
    async activate(identifier, request, key) {
      const path = JOURNEY_PATHS.activation(identifier);
      const write = { kind: 'activation', account: identifier, method: 'post' as const, path };
      const body = activationBody(request);
      return snapshotOf(
        await outbox.submit({ ...write, body, idempotencyKey: key }, AccountStatusResponse),
        same,
      );
    },
    async resetPassword(identifier, request, key) {
      const path = JOURNEY_PATHS.passwordReset(identifier);
      const write = { kind: 'password.reset', account: identifier, method: 'post' as const, path };
      const body = passwordResetBody(request);
      return snapshotOf(
        await outbox.submit({ ...write, body, idempotencyKey: key }, PasswordChanged),
        changed,
      );
    },
    async changePassword(identifier, request, key) {
      const path = JOURNEY_PATHS.passwordChange(identifier);
      const write = { kind: 'password.change', account: identifier, method: 'post' as const, path };
      const body = passwordChangeBody(request);
      return snapshotOf(
        await outbox.submit({ ...write, body, idempotencyKey: key }, PasswordChanged),
        changed,
      );
    },
  };
}
