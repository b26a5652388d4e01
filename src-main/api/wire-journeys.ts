/**
 * The student journeys on the wire (activation, passwords, charter, mail redirection): paths
 * and JSON bodies shared by the client and the simulator, described in resources/openapi.yaml.
 */
import { z } from 'zod';
import { PASSWORD_RULES } from '../core/password-policy';
import { API_PREFIX, AccountStatusResponse } from './wire';
import { PasswordInput } from './wire-sealing';

const account = (identifier: string) => `${API_PREFIX}/accounts/${encodeURIComponent(identifier)}`;

export const JOURNEY_PATHS = {
  activationEmail: (identifier: string) => `${account(identifier)}/activation-email`,
  activationCodeCheck: (identifier: string) => `${account(identifier)}/activation-code/check`,
  activation: (identifier: string) => `${account(identifier)}/activation`,
  passwordChange: (identifier: string) => `${account(identifier)}/password/change`,
  passwordResetEmail: (identifier: string) => `${account(identifier)}/password/reset-email`,
  passwordReset: (identifier: string) => `${account(identifier)}/password/reset`,
  mailRedirection: (identifier: string) => `${account(identifier)}/mail-redirection`,
  charter: `${API_PREFIX}/charter`,
  studentSessions: `${API_PREFIX}/student-sessions`,
} as const;

/** The header that carries a student session (mail settings), next to the kiosk's bearer token. */
export const STUDENT_SESSION_HEADER = 'x-student-session';

const instant = z.string().min(1);

export { PasswordInput } from './wire-sealing';

/**
 * A new password, in clear or sealed (wire-sealing.ts). Unlike a current password it may be
 * empty: the policy, not the schema, refuses it, so that the answer names the broken rules.
 */
export const NewPasswordInput = z.discriminatedUnion('type', [
  z.object({ type: z.literal('plain'), value: z.string().max(256) }),
  PasswordInput.options[1],
]);

/**
 * Proof for activation or reset: the code from the e-mail, or a grant a staff member issued
 * after an in-person identity check (wire-staff.ts, POST /v1/staff/grants).
 */
export const OneTimeProof = z.discriminatedUnion('method', [
  z.object({ method: z.literal('email_code'), code: z.string().min(1).max(64) }),
  z.object({ method: z.literal('staff_grant'), grant: z.string().min(1).max(128) }),
]);
export type OneTimeProof = z.infer<typeof OneTimeProof>;

export const EmailSentResponse = z.object({
  /** The address, masked ("e*****d@example.org"). */
  sentTo: z.string(),
  expiresAt: instant,
});
export type EmailSentResponse = z.infer<typeof EmailSentResponse>;

export const ActivationCodeCheckRequest = z.object({ code: z.string().min(1).max(64) });
export const ActivationCodeCheckResponse = z.object({ expiresAt: instant });

export const ActivationRequest = z.object({
  proof: OneTimeProof,
  newPassword: NewPasswordInput,
  charterVersion: z.string().min(1).max(32),
});
export type ActivationRequest = z.infer<typeof ActivationRequest>;

export const PasswordChangeRequest = z.object({
  currentPassword: PasswordInput,
  newPassword: NewPasswordInput,
});

export const PasswordResetRequest = z.object({
  proof: OneTimeProof,
  newPassword: NewPasswordInput,
});

export const PasswordChanged = z.object({ changedAt: instant, account: AccountStatusResponse });
export type PasswordChanged = z.infer<typeof PasswordChanged>;

export const CharterWire = z.object({
  version: z.string().min(1).max(32),
  publishedAt: instant,
  title: z.object({ fr: z.string().min(1), en: z.string().min(1) }),
  paragraphs: z.object({ fr: z.array(z.string().min(1)), en: z.array(z.string().min(1)) }),
});
export type CharterWire = z.infer<typeof CharterWire>;

export const StudentSessionRequest = z.object({
  identifier: z.string().min(1).max(64),
  password: PasswordInput,
});

export const StudentSession = z.object({
  sessionToken: z.string().min(1),
  expiresIn: z.number().int().positive(),
  account: AccountStatusResponse,
});
export type StudentSession = z.infer<typeof StudentSession>;

export const MailRedirectionWire = z.object({
  /** The external address mail goes to, or null when it stays in the university mailbox. */
  address: z.string().nullable(),
  keepCopy: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type MailRedirectionWire = z.infer<typeof MailRedirectionWire>;

export const MailRedirectionRequest = z.object({
  // Its length (254 at most) and form are checked by validateExternalEmail, with a reason.
  address: z.string().nullable(),
  keepCopy: z.boolean(),
  /**
   * The student's password instead of the X-Student-Session header: how a kiosk that was
   * offline at login sends a redirection it queued (the password sealed in its outbox).
   */
  password: PasswordInput.optional(),
});

/** 409 `too_early`: activation opens at `availableAt`. */
export const TooEarlyBody = z.object({
  code: z.literal('too_early'),
  message: z.string().optional(),
  availableAt: instant,
});

/** 409 `account_state`: the account's status does not allow this operation. */
export const AccountStateBody = z.object({
  code: z.literal('account_state'),
  message: z.string().optional(),
  accountStatus: AccountStatusResponse.shape.status,
});

/** 422 `password_policy`: the rules of the institution's policy the password breaks. */
export const PasswordPolicyBody = z.object({
  code: z.literal('password_policy'),
  message: z.string().optional(),
  violations: z.array(z.enum(PASSWORD_RULES)),
});

/** 422 `invalid_email`: not an address, or one of the university's own domains. */
export const InvalidEmailBody = z.object({
  code: z.literal('invalid_email'),
  message: z.string().optional(),
  reason: z.enum(['email_format', 'email_own_domain']),
});

/** Error codes of the journey operations, in ErrorBody.code. */
export const JOURNEY_API_ERROR_CODES = [
  'too_early',
  'account_state',
  'no_enrollment',
  'no_personal_email',
  'charter_outdated',
  'code_invalid',
  'code_expired',
  'password_policy',
  'invalid_credentials',
  'session_expired',
  'invalid_email',
] as const;
export type JourneyApiErrorCode = (typeof JOURNEY_API_ERROR_CODES)[number];
