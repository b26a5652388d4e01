/**
 * The wire bodies of the journeys' writes, built in one place: the direct client
 * (journey-client.ts) and the outbox (src-main/outbox/account-writes.ts) send the same ones.
 */
import type { z } from 'zod';
import type { AccountService } from '../core/journey-ports';
import type {
  ActivationRequest,
  OneTimeProof,
  PasswordChangeRequest,
  PasswordInput,
  PasswordResetRequest,
} from './wire-journeys';

type RequestOf<K extends 'activate' | 'resetPassword' | 'changePassword'> = Parameters<
  AccountService[K]
>[1];

/** A password as typed; the outbox seals it before anything is stored. */
export const plainPassword = (value: string): PasswordInput => ({ type: 'plain', value });

/** What proves a one-time operation: the e-mail's code, or a staff grant (staff hand-off). */
export type ProofInput = { code: string } | { grant: string };

/** Replaces the journeys' `code` by either proof. */
type WithProof<R> = Omit<R, 'code'> & ProofInput;

function proofOf(input: ProofInput): OneTimeProof {
  return 'grant' in input
    ? { method: 'staff_grant', grant: input.grant }
    : { method: 'email_code', code: input.code };
}

/** Activation: the e-mail's code (or a staff grant), the first password, the charter version. */
export function activationBody(
  request: WithProof<RequestOf<'activate'>>,
): z.input<typeof ActivationRequest> {
  return {
    proof: proofOf(request),
    newPassword: plainPassword(request.password),
    charterVersion: request.charterVersion,
  };
}

/** Forgotten password: the reset e-mail's code (or a staff grant) and the new password. */
export function passwordResetBody(
  request: WithProof<RequestOf<'resetPassword'>>,
): z.input<typeof PasswordResetRequest> {
  return { proof: proofOf(request), newPassword: plainPassword(request.password) };
}

/** Password change: the current password and the new one. */
export function passwordChangeBody(
  request: RequestOf<'changePassword'>,
): z.input<typeof PasswordChangeRequest> {
  return {
    currentPassword: plainPassword(request.currentPassword),
    newPassword: plainPassword(request.password),
  };
}
