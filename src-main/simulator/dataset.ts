/**
 * The simulator's data file: students, staff and (optionally) the kiosk devices allowed to ask
 * for a token. Validated when loaded; every error names its key path
 * ("dataset.students.0.birthDate: …") and never echoes a value, since values are personal data.
 *
 * Optional fields beyond the minimal format:
 * - `devices`: kiosk credentials; when absent, only DEMO_DEVICE is accepted.
 * - `students[].personalEmail`: where activation mail would go (may be null).
 * - `students[].charterAcceptedAt`: when the student accepted the IT charter, or null.
 * - `students[].mailRedirection`: external address university mail is redirected to, or null.
 * - `students[].mailKeepCopy`: whether a redirected mailbox keeps a copy (default true).
 * - `students[].lockReason`: why a `locked` account is locked (`too_many_failures`, the
 *   default, `security` or `administrative`), shown to staff.
 * - `students[].lockedAt`: when it was locked: the account's events report it (the staff
 *   timeline's lock line), with the lock reason.
 * - `students[].password`: the account's current password, so that login, password change and
 *   mail settings can be tried (demo data only: the simulator keeps a hash once it is running).
 *   Without one, an active account can only get a password through "mot de passe oublié".
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { describeIssues } from '../app/describe-issues';
import { ACCOUNT_STATUSES } from '../core/student';
import { LOCK_REASONS } from '../api/wire-staff';

/** The device credential accepted when the dataset lists no devices (demo and training mode). */
export const DEMO_DEVICE_ID = 'kiosk-demo';
export const DEMO_DEVICE_SECRET = 'demo-secret';
export const DEMO_DEVICE = { deviceId: DEMO_DEVICE_ID, secret: DEMO_DEVICE_SECRET } as const;

export const STAFF_ROLES = ['agent', 'supervisor'] as const;

const isoDateTime = z.iso.datetime({ offset: true });

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2001-03-14')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, 'not a calendar date');

const academicYear = z
  .string()
  .regex(/^\d{4}-\d{4}$/, 'an academic year like 2026-2027')
  .refine((y) => Number(y.slice(5)) === Number(y.slice(0, 4)) + 1, 'years must follow each other');

const EnrollmentSchema = z
  .object({ academicYear, program: z.string().min(1), validatedAt: isoDateTime })
  .strict();

const AccountSchema = z
  .object({
    status: z.enum(ACCOUNT_STATUSES),
    activatedAt: isoDateTime.nullable(),
    leavingYear: academicYear.nullable(),
  })
  .strict()
  .refine((a) => a.status !== 'not_activated' || a.activatedAt === null, {
    message: 'must be null while the account is not_activated',
    path: ['activatedAt'],
  })
  .refine((a) => a.status !== 'active' || a.activatedAt !== null, {
    message: 'is required when the account is active',
    path: ['activatedAt'],
  });

const StudentSchema = z
  .object({
    studentNumber: z.string().regex(/^\d{4,20}$/, '4 to 20 digits'),
    birthDate: isoDate,
    firstName: z.string().min(1),
    lastName: z.string().min(1),
    identifier: z.string().regex(/^[a-z][a-z0-9._-]{0,63}$/, 'lowercase letters, digits, . _ -'),
    personalEmail: z.email().nullable().optional(),
    enrollments: z.array(EnrollmentSchema),
    account: AccountSchema,
    charterAcceptedAt: isoDateTime.nullable().optional(),
    mailRedirection: z.email().nullable().optional(),
    mailKeepCopy: z.boolean().optional(),
    lockReason: z.enum(LOCK_REASONS).optional(),
    lockedAt: isoDateTime.optional(),
    password: z.string().min(1).max(256).optional(),
  })
  .strict();

const StaffSchema = z
  .object({
    staffId: z.string().min(1).max(64),
    displayName: z.string().min(1),
    pin: z.string().regex(/^\d{4,12}$/, '4 to 12 digits'),
    role: z.enum(STAFF_ROLES),
  })
  .strict();

const DeviceSchema = z
  .object({ deviceId: z.string().min(1).max(128), secret: z.string().min(8).max(512) })
  .strict();

/** Reports a repeated value of `key` in `items` at the second occurrence, without the value. */
function unique<T>(
  items: readonly T[],
  key: keyof T & string,
  listName: string,
  ctx: z.RefinementCtx,
) {
  const first = new Map<unknown, number>();
  items.forEach((item, index) => {
    const value = item[key];
    const seen = first.get(value);
    if (seen === undefined) first.set(value, index);
    else
      ctx.addIssue({
        code: 'custom',
        message: `duplicate of ${listName}.${seen}.${key}`,
        path: [listName, index, key],
      });
  });
}

export const DatasetSchema = z
  .object({
    students: z.array(StudentSchema),
    staff: z.array(StaffSchema).default([]),
    devices: z.array(DeviceSchema).min(1).optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    unique(d.students, 'studentNumber', 'students', ctx);
    unique(d.students, 'identifier', 'students', ctx);
    unique(d.staff, 'staffId', 'staff', ctx);
    if (d.devices) unique(d.devices, 'deviceId', 'devices', ctx);
  });

export type Dataset = z.infer<typeof DatasetSchema>;
export type DatasetStudent = Dataset['students'][number];
export type DatasetStaff = Dataset['staff'][number];
export type DatasetDevice = NonNullable<Dataset['devices']>[number];

/** Raised for a dataset that cannot be read or does not validate; the message is for people. */
export class DatasetError extends Error {
  override name = 'DatasetError';
}

/** Validates dataset data; errors name the key path ("dataset.students.0.birthDate: …"). */
export function parseDataset(data: unknown, source = 'dataset'): Dataset {
  const parsed = DatasetSchema.safeParse(data);
  if (!parsed.success) {
    throw new DatasetError(
      `Invalid dataset ${source}:\n${describeIssues(parsed.error, 'dataset')}`,
    );
  }
  return parsed.data;
}

// V8's JSON messages quote the text around the fault, which may be a birth date or a number.
function readFailure(error: unknown): string {
  if (!(error instanceof SyntaxError)) return (error as Error).message;
  const position = /position (\d+)/.exec(error.message)?.[1];
  return position === undefined ? 'not valid JSON' : `not valid JSON (at position ${position})`;
}

/** Reads and validates a dataset file. */
export function loadDataset(path: string): Dataset {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new DatasetError(`Cannot read dataset ${path}: ${readFailure(error)}`);
  }
  return parseDataset(data, path);
}

/** The devices allowed to ask for a token: the dataset's, or the demo device. */
export function allowedDevices(dataset: Dataset): readonly DatasetDevice[] {
  return dataset.devices ?? [DEMO_DEVICE];
}
