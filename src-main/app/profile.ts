import { readFileSync } from 'node:fs';
import { z } from 'zod';
import {
  DEFAULT_AWAITING_CODE_IDLE,
  DEFAULT_STAFF_SETTINGS,
  type InstitutionProfile,
} from '../core/profile';
import { describeIssues } from './describe-issues';

const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #0a3d62');
const seconds = z.number().int().positive();
/** A short text in both languages, French first (shown as plain text, never as markup). */
const bilingual = (max: number) =>
  z.object({ fr: z.string().min(1).max(max), en: z.string().min(1).max(max) }).strict();

const ProfileSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    name: z.object({ fr: z.string().min(1), en: z.string().min(1) }).strict(),
    shortName: z.string().min(1),
    timeZone: z.string().refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'an IANA time zone such as Europe/Paris'),
    entUrl: z.url({ protocol: /^https?$/ }),
    mailDomains: z
      .array(z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'a domain like umontpellier.fr'))
      .min(1)
      .optional(),
    helpUrl: z.url({ protocol: /^https?$/ }),
    helpDesk: z
      .object({ location: bilingual(200), hours: bilingual(200) })
      .strict()
      .optional(),
    colors: z.object({ primary: color, onPrimary: color, accent: color }).strict(),
    studentNumber: z.object({ length: z.number().int().min(4).max(20) }).strict(),
    password: z
      .object({
        minLength: z.number().int().min(8).max(64),
        recommendedLength: z.number().int().min(8).max(128),
        forbiddenCharacters: z.string(),
      })
      .strict(),
    idle: z
      .object({
        warnAfterSeconds: seconds,
        resetAfterSeconds: seconds,
        awaitingCode: z
          .object({ warnAfterSeconds: seconds, resetAfterSeconds: seconds })
          .strict()
          .default({ ...DEFAULT_AWAITING_CODE_IDLE }),
      })
      .strict(),
    activationDelayMinutes: z.number().int().min(0),
    sync: z
      .object({ intervalSeconds: z.number().int().min(60).max(86_400) })
      .strict()
      .default({ intervalSeconds: 900 }),
    outbox: z
      .object({ deadLetterRetentionDays: z.number().int().min(1).max(365) })
      .strict()
      .default({ deadLetterRetentionDays: 30 }),
    limits: z
      .object({ emailCooldownSeconds: z.array(z.number().int().min(0).max(86_400)).min(1) })
      .strict()
      .optional(),
    staff: z
      .object({
        idleSeconds: z.number().int().min(15).max(3600),
        offlineSignInDays: z.number().int().min(0).max(90),
      })
      .strict()
      .default({ ...DEFAULT_STAFF_SETTINGS }),
  })
  .strict()
  .refine((p) => p.idle.resetAfterSeconds > p.idle.warnAfterSeconds, {
    message: 'must be greater than idle.warnAfterSeconds',
    path: ['idle', 'resetAfterSeconds'],
  })
  .refine((p) => p.idle.awaitingCode.resetAfterSeconds > p.idle.awaitingCode.warnAfterSeconds, {
    message: 'must be greater than idle.awaitingCode.warnAfterSeconds',
    path: ['idle', 'awaitingCode', 'resetAfterSeconds'],
  })
  .refine((p) => p.idle.awaitingCode.resetAfterSeconds >= p.idle.resetAfterSeconds, {
    message: 'must be at least idle.resetAfterSeconds (the code steps allow more time, not less)',
    path: ['idle', 'awaitingCode', 'resetAfterSeconds'],
  })
  .refine((p) => p.password.recommendedLength >= p.password.minLength, {
    message: 'must be at least password.minLength',
    path: ['password', 'recommendedLength'],
  });

/** Validates an institution profile; errors name the key path ("profile.colors.primary: …"). */
export function parseProfile(data: unknown, source = 'profile'): InstitutionProfile {
  const parsed = ProfileSchema.safeParse(data);
  if (!parsed.success) {
    throw new Error(
      `Invalid institution profile ${source}:\n${describeIssues(parsed.error, 'profile')}`,
    );
  }
  return parsed.data;
}

/** Reads and validates an institution profile file. */
export function loadProfile(path: string): InstitutionProfile {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read institution profile ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return parseProfile(data, path);
}
