/**
 * The staff writes to the central API, each through the outbox with its Idempotency-Key. What
 * may wait is queued with a receipt when the API does not answer, and replayed later with the
 * proof the API gave the agent's session for it (staff-envelope.ts): a resend to the address on
 * file, an unlock. Without a proof they cannot wait either.
 * What the agent needs the answer of now cannot wait and says `not_available_offline`: the
 * revealed address (fresh data), a corrected address (it needs the agent's live session), and
 * the grant that hands the kiosk over to the student.
 */
import type { z } from 'zod';
import {
  RevealedEmail,
  STAFF_PATHS,
  StaffEmailSent,
  StaffGrantWire,
  StaffUnlocked,
  type StaffGrantRequest,
  type StaffResendRequest,
  type StaffRevealRequest,
  type StaffUnlockRequest,
} from '../../api/wire-staff';
import type { WriteOutcome } from '../../core/connectivity';
import type { AppError, Result } from '../../core/result';
import type { Outbox } from '../../outbox/outbox';
import type { StaffAuthor } from '../../outbox/staff-envelope';

type Written<T> = Promise<Result<WriteOutcome<T>, AppError>>;

/** The outbox kinds of staff writes (the journal's rows, the audit's `outbox.<kind>` lines). */
export const STAFF_WRITE_KINDS = {
  reveal: 'staff.reveal_email',
  resend: 'staff.resend_activation',
  unlock: 'staff.unlock',
  grant: 'staff.grant',
} as const;

/** Builds the staff writes over the outbox. */
export function createStaffWrites(outbox: Pick<Outbox, 'submit'>) {
  function write<S extends z.ZodType>(
    kind: string,
    account: string,
    path: string,
    body: unknown,
    schema: S,
    author: StaffAuthor,
    key: string,
    onlineOnly: boolean,
  ): Written<z.infer<S>> {
    return outbox.submit(
      { kind, account, method: 'post', path, body, idempotencyKey: key, staff: author, onlineOnly },
      schema,
    );
  }
  return {
    reveal: (author: StaffAuthor, identifier: string, body: StaffRevealRequest, key: string) =>
      write(
        STAFF_WRITE_KINDS.reveal,
        identifier,
        STAFF_PATHS.revealEmail(identifier),
        body,
        RevealedEmail,
        author,
        key,
        true,
      ),
    /** Queued only to the address on file: a corrected one needs the agent's live session. */
    resend: (author: StaffAuthor, identifier: string, body: StaffResendRequest, key: string) =>
      write(
        STAFF_WRITE_KINDS.resend,
        identifier,
        STAFF_PATHS.activationEmail(identifier),
        body,
        StaffEmailSent,
        author,
        key,
        body.correctedEmail !== undefined || author.proof === null,
      ),
    unlock: (author: StaffAuthor, identifier: string, body: StaffUnlockRequest, key: string) =>
      write(
        STAFF_WRITE_KINDS.unlock,
        identifier,
        STAFF_PATHS.unlock(identifier),
        body,
        StaffUnlocked,
        author,
        key,
        author.proof === null,
      ),
    grant: (author: StaffAuthor, body: StaffGrantRequest, key: string) =>
      write(
        STAFF_WRITE_KINDS.grant,
        body.identifier,
        STAFF_PATHS.grants,
        body,
        StaffGrantWire,
        author,
        key,
        true,
      ),
  };
}
export type StaffWrites = ReturnType<typeof createStaffWrites>;
