/**
 * The simulator's secrets for the student journeys, in memory only: one-time codes sent by
 * e-mail, password hashes, student sessions, and the mailbox where every outgoing e-mail is
 * captured (the simulator sends nothing; tests read codes from GET /_simulator/mailbox).
 */
import { createHash, randomBytes, randomInt, scryptSync, timingSafeEqual } from 'node:crypto';
import { normaliseCode } from '../core/activation';
import type { Clock } from '../core/ports';
import type { DatasetStudent } from './dataset';

export type CodePurpose = 'activation' | 'password_reset';

/** An e-mail the simulator "sent". */
export interface MailboxMessage {
  to: string;
  kind: CodePurpose;
  subject: string;
  code: string;
  link: string;
  sentAt: string;
}

export type CodeCheck =
  { ok: true; expiresAt: Date } | { ok: false; reason: 'code_invalid' | 'code_expired' };

export interface JourneyState {
  /** A new code for this account and purpose; the previous one stops working. */
  issueCode(identifier: string, purpose: CodePurpose, validForMs: number): CodeIssued;
  /** Checks a code without using it up; wrong codes count towards MAX_CODE_FAILURES. */
  checkCode(identifier: string, purpose: CodePurpose, code: string): CodeCheck;
  /** Uses a code up, once the operation it proves has succeeded. */
  consumeCode(identifier: string, purpose: CodePurpose): void;
  /** Reserves the code for one operation: false while another holds it. */
  holdCode(identifier: string, purpose: CodePurpose): boolean;
  /** Gives a held code back (the operation failed). */
  releaseCode(identifier: string, purpose: CodePurpose): void;
  verifyPassword(student: DatasetStudent, password: string): boolean;
  setPassword(student: DatasetStudent, password: string): void;
  openSession(identifier: string): { sessionToken: string; expiresIn: number };
  /** The account a valid, unexpired student session belongs to, or null. */
  sessionAccount(token: string): string | null;
  /** Keep-a-copy and last change of each account's mail redirection. */
  redirectionOf(student: DatasetStudent): { keepCopy: boolean; updatedAt: string | null };
  setRedirection(student: DatasetStudent, address: string | null, keepCopy: boolean): void;
  deliver(message: MailboxMessage): void;
  /** Captured e-mails, oldest first; only those to `to` when given. */
  mailbox(to?: string): MailboxMessage[];
}

export interface CodeIssued {
  code: string;
  expiresAt: Date;
}

/** A code is dropped after this many wrong tries: guessing 8 digits must stay hopeless. */
export const MAX_CODE_FAILURES = 5;
export const STUDENT_SESSION_TTL_SECONDS = 600;
const MAILBOX_LIMIT = 1000;

interface StoredCode {
  digest: Buffer;
  expiresAt: number;
  failures: number;
  held?: boolean;
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

// A low scrypt cost: the simulator hashes so that it never holds passwords in clear, not to
// resist an offline attack on a demo dataset.
const hashPassword = (password: string, salt: Buffer) =>
  scryptSync(password.normalize('NFC'), salt, 32, { N: 1024 });

/** Creates the journey secrets of one simulator, seeded with the dataset's demo passwords. */
export function createJourneyState(
  students: readonly DatasetStudent[],
  clock: Clock,
): JourneyState {
  const codes = new Map<string, StoredCode>();
  const passwords = new Map<string, { salt: Buffer; hash: Buffer }>();
  const sessions = new Map<string, { identifier: string; expiresAt: number }>();
  const redirections = new Map<string, { keepCopy: boolean; updatedAt: string | null }>();
  const messages: MailboxMessage[] = [];
  const codeKey = (identifier: string, purpose: CodePurpose) => `${purpose}\u0000${identifier}`;

  function setPassword(student: DatasetStudent, password: string) {
    const salt = randomBytes(16);
    passwords.set(student.identifier, { salt, hash: hashPassword(password, salt) });
    // From now on only the hash exists.
    delete student.password;
  }
  for (const student of students) if (student.password) setPassword(student, student.password);

  return {
    issueCode(identifier, purpose, validForMs) {
      const code = String(randomInt(0, 100_000_000)).padStart(8, '0');
      const expiresAt = new Date(clock.now().getTime() + validForMs);
      codes.set(codeKey(identifier, purpose), {
        digest: digest(code),
        expiresAt: expiresAt.getTime(),
        failures: 0,
      });
      return { code, expiresAt };
    },
    checkCode(identifier, purpose, code) {
      const key = codeKey(identifier, purpose);
      const stored = codes.get(key);
      const same = timingSafeEqual(stored?.digest ?? digest(''), digest(normaliseCode(code)));
      if (!stored || !same) {
        if (stored && (stored.failures += 1) >= MAX_CODE_FAILURES) codes.delete(key);
        return { ok: false, reason: 'code_invalid' };
      }
      if (clock.now().getTime() >= stored.expiresAt) return { ok: false, reason: 'code_expired' };
      return { ok: true, expiresAt: new Date(stored.expiresAt) };
    },
    consumeCode(identifier, purpose) {
      codes.delete(codeKey(identifier, purpose));
    },
    holdCode(identifier, purpose) {
      const stored = codes.get(codeKey(identifier, purpose));
      if (!stored || stored.held) return false;
      stored.held = true;
      return true;
    },
    releaseCode(identifier, purpose) {
      const stored = codes.get(codeKey(identifier, purpose));
      if (stored) stored.held = false;
    },
    verifyPassword(student, password) {
      const stored = passwords.get(student.identifier);
      // A put-in-place dataset record (simulator controls) may still carry a clear password.
      if (!stored) return student.password !== undefined && student.password === password;
      return timingSafeEqual(stored.hash, hashPassword(password, stored.salt));
    },
    setPassword,
    openSession(identifier) {
      const now = clock.now().getTime();
      for (const [token, entry] of sessions) if (entry.expiresAt <= now) sessions.delete(token);
      const sessionToken = randomBytes(24).toString('base64url');
      const expiresAt = now + STUDENT_SESSION_TTL_SECONDS * 1000;
      sessions.set(sessionToken, { identifier, expiresAt });
      return { sessionToken, expiresIn: STUDENT_SESSION_TTL_SECONDS };
    },
    sessionAccount(token) {
      const entry = sessions.get(token);
      if (!entry || entry.expiresAt <= clock.now().getTime()) return null;
      return entry.identifier;
    },
    redirectionOf(student) {
      return (
        redirections.get(student.identifier) ?? {
          keepCopy: student.mailKeepCopy ?? true,
          updatedAt: null,
        }
      );
    },
    setRedirection(student, address, keepCopy) {
      student.mailRedirection = address;
      student.mailKeepCopy = keepCopy;
      redirections.set(student.identifier, { keepCopy, updatedAt: clock.now().toISOString() });
    },
    deliver(message) {
      messages.push(message);
      if (messages.length > MAILBOX_LIMIT) messages.shift();
    },
    mailbox(to) {
      const wanted = to?.trim().toLowerCase();
      return messages.filter((m) => wanted === undefined || m.to.toLowerCase() === wanted);
    },
  };
}
