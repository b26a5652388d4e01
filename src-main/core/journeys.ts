/**
 * What the student journeys exchange between main and the renderer (activation, password,
 * mail redirection). Pure types: the renderer imports them too.
 */

/** Where the student stands with activation ("1ère connexion"), decided by main. */
export type ActivationInfo =
  /** Enrolment validated less than the profile's delay ago: possible from `availableAt`. */
  | { state: 'too_early'; availableAt: string }
  /** Not activated yet: the e-mail can be (re)sent to `maskedEmail` (null: no address known). */
  | { state: 'ready'; maskedEmail: string | null }
  | { state: 'already_active' }
  | { state: 'locked' }
  | { state: 'disabled' }
  /** No enrolment this academic year: the desk must look into it. */
  | { state: 'no_enrollment' };

/** An e-mail the central API has sent (activation link or reset code). */
export interface EmailSent {
  /** e.g. "e*****d@example.org" — never the full address on screen. */
  maskedEmail: string;
  /** The code or link expires then (24 h for activation). */
  validUntil: string;
}

/** A request accepted while the central API was unreachable (issue "Offline-first"). */
export interface OfflineReceipt {
  /** Short reference the student can quote at the desk. */
  reference: string;
  acceptedAt: string;
}

/** What a success screen shows. */
export interface JourneyDone {
  identifier: string;
  entUrl: string;
  /** 31/12 of the academic year the student leaves in, when known; null while enrolled. */
  accessUntil: string | null;
  /** Set when the request was queued offline instead of applied at once. */
  receipt: OfflineReceipt | null;
}

/** The current redirection of the university mailbox. */
export interface MailRedirection {
  /** External address mail is forwarded to; null when not redirected. */
  address: string | null;
  /** Keep a copy in the university mailbox as well. */
  keepCopy: boolean;
}

/** The IT charter a student accepts during activation. */
export interface Charter {
  version: string;
  title: { fr: string; en: string };
  paragraphs: { fr: string[]; en: string[] };
}

/** A journey opened in main by identification or by login; later calls name it. */
export interface JourneyRef {
  journeyId: string;
}
