/**
 * The central account API on the wire: paths and JSON bodies, shared by the client (src-main/api)
 * and the simulator (src-main/simulator). resources/openapi.yaml describes the same contract for
 * the university's implementers; test/integration/openapi.test.ts keeps the two in step.
 */
import { z } from 'zod';
import { ACCOUNT_STATUSES } from '../core/student';

export const API_PREFIX = '/v1';

export const PATHS = {
  health: `${API_PREFIX}/health`,
  kioskToken: `${API_PREFIX}/kiosk/token`,
  identify: `${API_PREFIX}/identify`,
  account: (identifier: string) => `${API_PREFIX}/accounts/${encodeURIComponent(identifier)}`,
} as const;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const dependency = z.enum(['ok', 'down']);

export const HealthResponse = z.object({
  status: z.enum(['ok', 'degraded']),
  time: z.string(),
  version: z.string(),
  /** The Guichet server's own systems; the simulator has none. */
  dependencies: z
    .object({ directory: dependency, database: dependency, mail: dependency })
    .optional(),
});
export type HealthResponse = z.infer<typeof HealthResponse>;

export const KioskTokenRequest = z.object({
  deviceId: z.string().min(1).max(128),
  secret: z.string().min(1).max(512),
});
export type KioskTokenRequest = z.infer<typeof KioskTokenRequest>;

export const KioskTokenResponse = z.object({
  accessToken: z.string().min(1),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int().positive(),
});
export type KioskTokenResponse = z.infer<typeof KioskTokenResponse>;

export const IdentifyRequest = z.object({
  studentNumber: z.string().regex(/^\d{1,20}$/),
  birthDate: isoDate,
});
export type IdentifyRequest = z.infer<typeof IdentifyRequest>;

export const EnrollmentWire = z.object({
  academicYear: z.string().regex(/^\d{4}-\d{4}$/),
  program: z.string().min(1),
  validatedAt: z.string(),
});

export const AccountWire = z.object({
  status: z.enum(ACCOUNT_STATUSES),
  activatedAt: z.string().nullable(),
  leavingYear: z.string().nullable(),
});

export const StudentWire = z.object({
  identifier: z.string().min(1),
  firstName: z.string(),
  lastName: z.string(),
  enrollments: z.array(EnrollmentWire),
  account: AccountWire,
  /** Identification only: the personal address, masked ("e*****d@example.org"), or null. */
  maskedEmail: z.string().nullable().optional(),
  /** Identification only: when activation opens, while the account is not activated. */
  activationAvailableAt: z.string().nullable().optional(),
});
export type StudentWire = z.infer<typeof StudentWire>;

export const AccountStatusResponse = z.object({
  identifier: z.string(),
  status: z.enum(ACCOUNT_STATUSES),
  activatedAt: z.string().nullable(),
  leavingYear: z.string().nullable(),
  /** When activation becomes possible (15 minutes after the enrolment was validated), or null. */
  activationAvailableAt: z.string().nullable(),
});
export type AccountStatusResponse = z.infer<typeof AccountStatusResponse>;

/** Every error body: a stable code and a human message (English, for logs only). */
export const ErrorBody = z.object({
  code: z.string(),
  message: z.string().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Error codes the API returns in ErrorBody.code. */
export const API_ERROR_CODES = [
  'invalid_request',
  'unauthorized',
  'forbidden',
  'identification_failed',
  'not_found',
  'rate_limited',
  'internal',
  'unavailable',
] as const;
