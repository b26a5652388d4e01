/**
 * Main's handlers for the student journeys (activation, passwords, charter, mail redirection).
 * Each call leaves one audit line with its outcome and error code, never what was typed.
 */
import type { ActivationJourney } from '../core/journey-activation';
import type { MailJourney } from '../core/journey-mail';
import type { PasswordJourney } from '../core/journey-password';
import type { AccountService, JourneyStore } from '../core/journey-ports';
import type { Result } from '../core/result';
import type { AuditLog } from '../store/journal';
import type { Handlers } from './contract';

export interface JourneyHandlerDeps {
  journeys: JourneyStore;
  activation: ActivationJourney;
  passwords: PasswordJourney;
  mail: MailJourney;
  accounts: Pick<AccountService, 'charter'>;
  audit: AuditLog;
}

export type JourneyChannel = Exclude<
  keyof Handlers,
  'kiosk.info' | 'student.identify' | 'kiosk.status'
>;

/** Creates the journey channels' handlers; merged into createHandlers. */
export function createJourneyHandlers(deps: JourneyHandlerDeps): Pick<Handlers, JourneyChannel> {
  /** Runs a use case and writes its audit line (kind, outcome, error code only). */
  async function audited<T>(kind: string, run: () => Promise<Result<T>>): Promise<Result<T>> {
    const result = await run();
    deps.audit.record({
      kind,
      outcome: result.ok ? 'success' : 'failure',
      detail: result.ok ? {} : { code: result.error.code },
    });
    return result;
  }

  return {
    'journey.end': async ({ journeyId }) => {
      deps.journeys.end(journeyId);
      return { ok: true, value: null };
    },
    'activation.sendEmail': (input) =>
      audited('activation_email', () => deps.activation.sendEmail(input)),
    'activation.checkCode': (input) =>
      audited('activation_code', () => deps.activation.checkCode(input)),
    'activation.complete': (input) => audited('activation', () => deps.activation.complete(input)),
    'charter.get': () => deps.accounts.charter(),
    'password.requestReset': (input) =>
      audited('password_reset_email', () => deps.passwords.requestReset(input)),
    'password.completeReset': (input) =>
      audited('password_reset', () => deps.passwords.completeReset(input)),
    'password.change': (input) => audited('password_change', () => deps.passwords.change(input)),
    'mail.open': (input) => audited('mail_login', () => deps.mail.open(input)),
    'mail.setRedirection': (input) =>
      audited('mail_redirection', () => deps.mail.setRedirection(input)),
  };
}
