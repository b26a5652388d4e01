/**
 * The wire bodies of the journeys' writes, built in one place: the direct client
 * (journey-client.ts) and the outbox (src-main/outbox/account-writes.ts) send the same ones.
 */
import type { z } from 'zod';
import type { AccountService } from '../core/journey-ports';
import type {
  ActivationRequest,
  PasswordChangeRequest,
  PasswordInput,
  PasswordResetRequest,
} from './wire-journeys';

type RequestOf<K extends 'activate' | 'resetPassword' | 'changePassword'> = Parameters<
  AccountService[K]
>[1];

/** A password as typed; the outbox seals it before anything is stored. */
export const plainPassword = (value: string): PasswordInput => ({ type: 'plain', value });

const emailCode = (code: string) => ({ method: 'email_code' as const, code });

/** Activation: the e-mail's code, the first password, the accepted charter version. */
export function activationBody(request: RequestOf<'activate'>): z.input<typeof ActivationRequest> {
  return {
    proof: emailCode(request.code),
    newPassword: plainPassword(request.password),
    charterVersion: request.charterVersion,
  };
}

/** Forgotten password: the reset e-mail's code and the new password. */
export function passwordResetBody(
  request: RequestOf<'resetPassword'>,
): z.input<typeof PasswordResetRequest> {
  return { proof: emailCode(request.code), newPassword: plainPassword(request.password) };
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
