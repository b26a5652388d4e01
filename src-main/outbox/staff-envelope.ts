/**
 * A staff write in the outbox keeps who asked for it next to its body (both sealed at rest):
 * the agent's session lives in memory only and is gone by the time a queued write is replayed,
 * so a replay names the staff member in X-Staff-Actor instead, and the API checks their role.
 * The session token itself is never written to the journal.
 */
import { STAFF_ACTOR_HEADER, STAFF_SESSION_HEADER } from '../api/wire-staff';

/** Outbox kinds of staff writes start with this (`staff.unlock`, `staff.resend_activation`). */
export const STAFF_KIND_PREFIX = 'staff.';

/** Who a staff write is for: the agent, and their session token while it is still open. */
export interface StaffAuthor {
  actor: string;
  /** Sent with the first attempt only; null after an offline sign-in. */
  session: string | null;
}

/** What a staff row's sealed payload holds. */
interface Envelope {
  staffActor: string;
  body: unknown;
}

/** The payload to seal: the body itself, or for a staff write the body and its author. */
export function payloadOf(kind: string, body: unknown, author: StaffAuthor | undefined): unknown {
  if (!kind.startsWith(STAFF_KIND_PREFIX)) return body;
  if (!author) throw new Error(`outbox: a ${kind} write needs its staff author`);
  return { staffActor: author.actor, body } satisfies Envelope;
}

/**
 * The body to send and its staff headers: the live session on the first attempt when there is
 * one, the vouched-for staff identifier otherwise.
 */
export function requestOf(
  kind: string,
  payload: unknown,
  session: string | undefined,
): { body: unknown; headers?: Record<string, string> } {
  if (!kind.startsWith(STAFF_KIND_PREFIX)) return { body: payload };
  const { staffActor, body } = payload as Envelope;
  return {
    body,
    headers: session ? { [STAFF_SESSION_HEADER]: session } : { [STAFF_ACTOR_HEADER]: staffActor },
  };
}

/** The headers of a staff write sent directly (never queued): its session, if any. */
export function directHeaders(author: StaffAuthor | undefined): Record<string, string> {
  return author?.session ? { [STAFF_SESSION_HEADER]: author.session } : {};
}
