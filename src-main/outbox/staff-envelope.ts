/**
 * A staff write in the outbox keeps who asked for it next to its body (both sealed at rest):
 * the agent's session lives in memory only and is gone by the time a queued write is replayed,
 * so a replay carries instead the proof the API issued to that session for this action and
 * account (X-Staff-Proof): the kiosk alone never acts in an agent's name. The session token
 * itself is never written to the journal.
 */
import { STAFF_PROOF_HEADER, STAFF_SESSION_HEADER } from '../api/wire-staff';

/** Outbox kinds of staff writes start with this (`staff.unlock`, `staff.resend_activation`). */
export const STAFF_KIND_PREFIX = 'staff.';

/** Who a staff write is for: the agent, their session while it is open, and its proof. */
export interface StaffAuthor {
  actor: string;
  /** Sent with the first attempt only; null after an offline sign-in. */
  session: string | null;
  /** The API's proof for this action and account, for a replay; null when there is none. */
  proof: string | null;
}

/** What a staff row's sealed payload holds. */
interface Envelope {
  staffActor: string;
  /** Absent on rows queued before proofs existed: their replay is refused, a dead letter. */
  proof?: string | null;
  body: unknown;
}

/** The payload to seal: the body itself, or for a staff write the body and its author. */
export function payloadOf(kind: string, body: unknown, author: StaffAuthor | undefined): unknown {
  if (!kind.startsWith(STAFF_KIND_PREFIX)) return body;
  if (!author) throw new Error(`outbox: a ${kind} write needs its staff author`);
  return { staffActor: author.actor, proof: author.proof, body } satisfies Envelope;
}

/**
 * The body to send and its staff headers: the live session on the first attempt when there is
 * one, the proof otherwise (none: the API refuses, and the row becomes a dead letter).
 */
export function requestOf(
  kind: string,
  payload: unknown,
  session: string | undefined,
): { body: unknown; headers?: Record<string, string> } {
  if (!kind.startsWith(STAFF_KIND_PREFIX)) return { body: payload };
  const { proof, body } = payload as Envelope;
  if (session) return { body, headers: { [STAFF_SESSION_HEADER]: session } };
  return { body, headers: proof ? { [STAFF_PROOF_HEADER]: proof } : {} };
}

/** The headers of a staff write sent directly (never queued): its session, if any. */
export function directHeaders(author: StaffAuthor | undefined): Record<string, string> {
  return author?.session ? { [STAFF_SESSION_HEADER]: author.session } : {};
}
