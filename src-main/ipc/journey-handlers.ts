/**
 * Main's handlers for the student journeys (activation, passwords, charter, mail redirection).
 * Each call leaves one audit line with its outcome and error code, never what was typed.
 */
import type { ActivationJourney } from '../core/journey-activation';
import type { HandoffJourney } from '../core/journey-handoff';
import type { MailJourney } from '../core/journey-mail';
import type { PasswordJourney } from '../core/journey-password';
import type { AccountService, JourneyStore } from '../core/journey-ports';
import type { Result } from '../core/result';
import type { AuditLog } from '../store/journal';
import type { StaffChannel } from './staff-contract';
import type { Handlers } from './contract';

export interface JourneyHandlerDeps {
  journeys: JourneyStore;
  activation: ActivationJourney;
  passwords: PasswordJourney;
  mail: MailJourney;
  handoff: HandoffJourney;
  accounts: Pick<AccountService, 'charter'>;
  audit: AuditLog;
}

/** The outbox receipt's reference in a use case's answer, or null when it was done at once. */
function receiptOf(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || !('receipt' in value)) return null;
  const receipt = (value as { receipt: unknown }).receipt;
  if (typeof receipt !== 'object' || receipt === null || !('reference' in receipt)) return null;
  const reference = (receipt as { reference: unknown }).reference;
  return typeof reference === 'string' ? reference : null;
}

export type JourneyChannel = Exclude<
  keyof Handlers,
  'kiosk.info' | 'student.identify' | 'kiosk.status' | StaffChannel
>;

/** Creates the journey channels' handlers; merged into createHandlers. */
export function createJourneyHandlers(deps: JourneyHandlerDeps): Pick<Handlers, JourneyChannel> {
  /**
   * Runs a use case and writes its audit line (kind, outcome, error code or receipt reference
   * only). A write the outbox kept for later is "queued", not a success: its final outcome is
   * a line of its own when the API has answered (src-main/app/offline.ts).
   */
  async function audited<T>(kind: string, run: () => Promise<Result<T>>): Promise<Result<T>> {
    const result = await run();
    if (!result.ok) {
      deps.audit.record({ kind, outcome: 'failure', detail: { code: result.error.code } });
      return result;
    }
    const reference = receiptOf(result.value);
    deps.audit.record(
      reference === null
        ? { kind, outcome: 'success', detail: {} }
        : { kind, outcome: 'queued', detail: { reference } },
    );
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
    // Reads what main already knows (when the kiosk sent the e-mail): nothing to audit.
    'activation.recentEmail': (input) => deps.activation.recentEmail(input),
    'charter.get': () => deps.accounts.charter(),
    'password.requestReset': (input) =>
      audited('password_reset_email', () => deps.passwords.requestReset(input)),
    'password.completeReset': (input) =>
      audited('password_reset', () => deps.passwords.completeReset(input)),
    'password.recentReset': (input) => deps.passwords.recentReset(input),
    'password.change': (input) => audited('password_change', () => deps.passwords.change(input)),
    'mail.open': (input) => audited('mail_login', () => deps.mail.open(input)),
    'mail.setRedirection': (input) =>
      audited('mail_redirection', () => deps.mail.setRedirection(input)),
    'handoff.completeActivation': (input) =>
      audited('handoff_activation', () => deps.handoff.completeActivation(input)),
    'handoff.completeReset': (input) =>
      audited('handoff_password_reset', () => deps.handoff.completeReset(input)),
  };
}
