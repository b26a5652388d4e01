/**
 * The codes this kiosk sent by e-mail (activation, password reset), remembered in main's memory
 * while they are valid. A student who walks away to read their phone may be wiped by the idle
 * reset; identified again, they land on "type the code you received" instead of a "send" button
 * that would cancel the code on their phone.
 *
 * Wrong codes are counted too: the central API drops a code after `CODE_MAX_FAILURES` wrong
 * tries (resources/openapi.yaml, checkActivationCode) and from then on only answers "invalid",
 * even to the right code. The kiosk says instead that the code was cancelled and that a new
 * e-mail is needed (`code_cancelled`).
 *
 * Keyed by the keyed hash of the account (never the identifier); nothing goes to disk, so a
 * restart forgets it (the student then simply asks for a new e-mail).
 */
import type { EmailSent } from './journeys';
import { err, type Result } from './result';

export type CodePurpose = 'activation' | 'password_reset';

/** The API's documented limit of wrong tries per code (the same for both purposes). */
export const CODE_MAX_FAILURES = 5;

/** Bounded memory: a kiosk serves one student at a time; a busy day stays far below this. */
const MAX_REMEMBERED = 500;

/** A code this kiosk sent, as the screens show it. */
export interface SentCode extends EmailSent {
  /** When the kiosk asked for the e-mail (ISO date-time), for "sent at 18 h 48". */
  sentAt: string;
  /** Too many wrong codes: the API dropped it; only a new e-mail helps. */
  cancelled: boolean;
}

export interface SentCodes {
  /** The e-mail went: remembers its code as the account's current one (the last replaces it). */
  record(key: string, purpose: CodePurpose, sent: EmailSent, now: Date): SentCode;
  /** The account's code still valid at `now`, cancelled or not; null when none or expired. */
  recent(key: string, purpose: CodePurpose, now: Date): SentCode | null;
  /** The API refused a code as wrong: true when this refusal made it drop the code. */
  wrong(key: string, purpose: CodePurpose): boolean;
  /** The code was used (or accepted): nothing left to remember. */
  forget(key: string, purpose: CodePurpose): void;
}

interface Entry {
  sent: SentCode;
  failures: number;
}

/** The codes in memory. */
export function createSentCodes(): SentCodes {
  const entries = new Map<string, Entry>();
  const at = (key: string, purpose: CodePurpose) => `${purpose}\u0000${key}`;

  return {
    record(key, purpose, sent, now) {
      const id = at(key, purpose);
      entries.delete(id); // re-inserted last: the oldest entry is the first to go
      while (entries.size >= MAX_REMEMBERED) {
        const oldest = entries.keys().next();
        if (oldest.done) break;
        entries.delete(oldest.value);
      }
      const entry = { sent: { ...sent, sentAt: now.toISOString(), cancelled: false }, failures: 0 };
      entries.set(id, entry);
      return entry.sent;
    },
    recent(key, purpose, now) {
      const id = at(key, purpose);
      const entry = entries.get(id);
      if (!entry) return null;
      if (Date.parse(entry.sent.validUntil) <= now.getTime()) {
        entries.delete(id);
        return null;
      }
      return entry.sent;
    },
    wrong(key, purpose) {
      const entry = entries.get(at(key, purpose));
      if (!entry) return false;
      entry.failures += 1;
      if (entry.failures < CODE_MAX_FAILURES) return false;
      entry.sent = { ...entry.sent, cancelled: true };
      return true;
    },
    forget(key, purpose) {
      entries.delete(at(key, purpose));
    },
  };
}

/**
 * The API's answer to a code, seen with what the kiosk knows: a wrong code that made the API drop
 * it (or one typed after) is `code_cancelled`; a right one ends the count.
 */
export function judgedCode<T>(
  codes: SentCodes,
  key: string,
  purpose: CodePurpose,
  answer: Result<T>,
  now: Date,
): Result<T> {
  if (answer.ok) return answer;
  if (answer.error.code !== 'code_invalid') return answer;
  const droppedNow = codes.wrong(key, purpose);
  if (droppedNow || codes.recent(key, purpose, now)?.cancelled === true) {
    return err({ code: 'code_cancelled' });
  }
  return answer;
}
