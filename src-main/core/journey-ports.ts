/**
 * The ports the student journeys use: the central API's account operations and main's store
 * of open journeys. Implemented in src-main/api and src-main/app.
 */
import type { Charter, EmailSent, MailRedirection, OfflineReceipt } from './journeys';
import type { Result } from './result';
import type { AccountStatus } from './student';

/** What a journey needs to know of an account after a change. */
export interface AccountSnapshot {
  status: AccountStatus;
  leavingYear: string | null;
  /**
   * Set when the central API could not be reached and the change was queued in the outbox
   * (src-main/outbox) instead of applied: the success screen shows this receipt.
   */
  receipt?: OfflineReceipt | null;
}

/** A password the student typed, on its way to the central API. */
export interface NewPassword {
  password: string;
}

/**
 * The central API's account operations. Writes take an idempotency key, made once per user
 * action and reused unchanged on every retry of it.
 */
export interface AccountService {
  sendActivationEmail(identifier: string, key: string): Promise<Result<EmailSent>>;
  /**
   * Checks an activation code. Offline (src-main/outbox) the code may be taken `provisional`ly,
   * without a `validUntil`: the API checks it when it applies the queued activation.
   */
  checkActivationCode(
    identifier: string,
    code: string,
  ): Promise<Result<{ validUntil: string | null; provisional?: boolean }>>;
  activate(
    identifier: string,
    request: { code: string; charterVersion: string } & NewPassword,
    key: string,
  ): Promise<Result<AccountSnapshot>>;
  requestPasswordReset(identifier: string, key: string): Promise<Result<EmailSent>>;
  resetPassword(
    identifier: string,
    request: { code: string } & NewPassword,
    key: string,
  ): Promise<Result<AccountSnapshot>>;
  changePassword(
    identifier: string,
    request: { currentPassword: string } & NewPassword,
    key: string,
  ): Promise<Result<AccountSnapshot>>;
  charter(): Promise<Result<Charter>>;
  /** Logs the student in (mail settings): a short session token, never stored on disk. */
  openStudentSession(
    identifier: string,
    password: string,
  ): Promise<Result<{ session: string; account: AccountSnapshot }>>;
  mailRedirection(identifier: string, session: string): Promise<Result<MailRedirection>>;
  setMailRedirection(
    identifier: string,
    session: string,
    redirection: MailRedirection,
    key: string,
  ): Promise<Result<MailRedirection>>;
  /**
   * Offline login for mail settings (src-main/outbox): the password sealed to the service's
   * key (a JWE), so that a redirection can be queued without a session; null when it cannot
   * be kept (no sealing key pinned). The kiosk cannot open it.
   */
  sealPassword?(password: string): Promise<string | null>;
  /**
   * Sets the redirection with the sealed password instead of a session, through the outbox:
   * applied now, or queued with a receipt while the API does not answer.
   */
  setMailRedirectionWithPassword?(
    identifier: string,
    sealedPassword: string,
    redirection: MailRedirection,
    key: string,
  ): Promise<Result<{ redirection: MailRedirection; receipt: OfflineReceipt | null }>>;
}

/** One student's journey, held in main's memory only. */
export interface Journey {
  readonly journeyId: string;
  readonly identifier: string;
  readonly firstName: string;
  readonly lastName: string;
  /** ISO date; kept in memory for the password policy's personal-data rule, never on disk. */
  readonly birthDate: string | null;
  readonly leavingYear: string | null;
  /** The student session of a journey opened by login (mail settings); null otherwise. */
  readonly studentSession: string | null;
  /**
   * A journey opened by login while the API was unreachable: the password sealed to the
   * service's key (never in clear), sent with the queued redirection.
   */
  readonly sealedPassword?: string | null;
  /**
   * A journey a staff member handed over after an in-person check: the API's one-time grant,
   * held in main only, that stands in for the mailed code (handoff.* channels).
   */
  readonly grant?: { token: string; purpose: 'activation' | 'password_reset' } | null;
}

export type JourneyData = Omit<Journey, 'journeyId'>;

/** Main's open journeys: opened by identification or login, forgotten at the end or on idle. */
export interface JourneyStore {
  open(data: JourneyData): Journey;
  /** The journey, if still open; using it keeps it open for another time-to-live. */
  get(journeyId: string): Journey | null;
  end(journeyId: string): void;
}
