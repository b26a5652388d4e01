/**
 * The test accounts a conformance run needs on the target, from a JSON file
 * (`--fixtures FILE`). The run changes them: the not-activated account is activated, the
 * active account's password changes, the locked account is unlocked (with staff cases); reseed
 * them before the next run. The file holds a test password and PINs: keep it private (mode 600).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const BirthDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const Identifier = z.string().min(1).max(64);

const StaffLogin = z.object({ staffId: z.string().min(1).max(64), pin: z.string() }).strict();
export type StaffLogin = z.infer<typeof StaffLogin>;

export const Fixtures = z
  .object({
    /** Not activated, enrolled this academic year, activation open now, with a personal address. */
    notActivated: z
      .object({
        identifier: Identifier,
        studentNumber: z.string().regex(/^\d{1,20}$/),
        birthDate: BirthDate,
        personalEmail: z.string().optional(),
      })
      .strict(),
    /** Active, with its current password and personal address. */
    active: z
      .object({
        identifier: Identifier,
        studentNumber: z.string().regex(/^\d{1,20}$/),
        birthDate: BirthDate,
        password: z.string().min(1),
        personalEmail: z.string().optional(),
      })
      .strict(),
    /** Locked after too many failures (the 409 cases; unlocked by the staff case). */
    locked: z
      .object({ identifier: Identifier, password: z.string().optional() })
      .strict()
      .optional(),
    /** Not activated, with an enrolment validated too recently (the 409 `too_early` case). */
    tooEarly: z.object({ identifier: Identifier }).strict().optional(),
    /** A help-desk agent, and a supervisor for the audit list: the staff cases run with them. */
    staff: z.object({ agent: StaffLogin, supervisor: StaffLogin.optional() }).strict().optional(),
    /**
     * GET `mailbox?to=ADDRESS` answers `{"messages":[{"code"|"text", …}]}`, oldest first (the
     * simulator's /_simulator/mailbox, `npm run stack`'s mailbox): the cases that need a mailed
     * code read it there.
     */
    mailbox: z.url().optional(),
  })
  .strict();
export type Fixtures = z.infer<typeof Fixtures>;
export type StaffLogins = NonNullable<Fixtures['staff']>;

/** Reads and checks a fixtures file; the error names the bad key, never a value. */
export function readFixtures(path: string): Fixtures {
  const parsed = Fixtures.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (parsed.success) return parsed.data;
  const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`);
  throw new Error(`${path}: ${where.join('; ')}`);
}
