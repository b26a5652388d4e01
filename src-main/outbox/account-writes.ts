/**
 * The AccountService the journeys use, with the outbox in front of its writes: activation and
 * password writes are committed to the outbox (passwords sealed) before they are sent, and are
 * queued with a receipt when the central API does not answer. What cannot wait for the API (an
 * e-mail the student needs now, a login) says `not_available_offline` when it is unreachable.
 */
import type { z } from 'zod';
import type { WriteOutcome } from '../core/connectivity';
import type { AccountService, AccountSnapshot } from '../core/journey-ports';
import { isConnectivityError, type AppError, type Result } from '../core/result';
import { AccountStatusResponse } from '../api/wire';
import {
  JOURNEY_PATHS,
  PasswordChanged,
  type ActivationRequest,
  type PasswordChangeRequest,
  type PasswordInput,
  type PasswordResetRequest,
} from '../api/wire-journeys';
import type { Outbox } from './outbox';

const plain = (value: string): PasswordInput => ({ type: 'plain', value });
const proof = (code: string) => ({ method: 'email_code' as const, code });

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
  return {
    ...accounts,
    sendActivationEmail: (identifier, key) =>
      onlineOnly(accounts.sendActivationEmail(identifier, key)),
    checkActivationCode: (identifier, code) =>
      onlineOnly(accounts.checkActivationCode(identifier, code)),
    requestPasswordReset: (identifier, key) =>
      onlineOnly(accounts.requestPasswordReset(identifier, key)),
    openStudentSession: (identifier, password) =>
      onlineOnly(accounts.openStudentSession(identifier, password)),
    mailRedirection: (identifier, session) =>
      onlineOnly(accounts.mailRedirection(identifier, session)),
    // The request carries the student's session, which is never written to disk.
    setMailRedirection: (identifier, session, redirection, key) =>
      onlineOnly(accounts.setMailRedirection(identifier, session, redirection, key)),
    async activate(identifier, request, key) {
      const body = {
        proof: proof(request.code),
        newPassword: plain(request.password),
        charterVersion: request.charterVersion,
      } satisfies z.input<typeof ActivationRequest>;
      const path = JOURNEY_PATHS.activation(identifier);
      const write = { kind: 'activation', account: identifier, method: 'post' as const, path };
      return snapshotOf(
        await outbox.submit({ ...write, body, idempotencyKey: key }, AccountStatusResponse),
        same,
      );
    },
    async resetPassword(identifier, request, key) {
      const body = {
        proof: proof(request.code),
        newPassword: plain(request.password),
      } satisfies z.input<typeof PasswordResetRequest>;
      const path = JOURNEY_PATHS.passwordReset(identifier);
      const write = { kind: 'password.reset', account: identifier, method: 'post' as const, path };
      return snapshotOf(
        await outbox.submit({ ...write, body, idempotencyKey: key }, PasswordChanged),
        changed,
      );
    },
    async changePassword(identifier, request, key) {
      const body = {
        currentPassword: plain(request.currentPassword),
        newPassword: plain(request.password),
      } satisfies z.input<typeof PasswordChangeRequest>;
      const path = JOURNEY_PATHS.passwordChange(identifier);
      const write = { kind: 'password.change', account: identifier, method: 'post' as const, path };
      return snapshotOf(
        await outbox.submit({ ...write, body, idempotencyKey: key }, PasswordChanged),
        changed,
      );
    },
  };
}
