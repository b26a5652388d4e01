/**
 * Mail redirection: the student logs in with identifier and password (a redirection diverts
 * every message, reset codes included, so identification alone is not enough), then sets or
 * removes the external address.
 */
import { ownMailDomains, validateExternalEmail } from './email';
import { journeyDone, openJourney, type JourneyDeps } from './journey-deps';
import { checkCredential } from './journey-limits';
import { normaliseIdentifier } from './journey-password';
import type { JourneyDone, MailRedirection } from './journeys';
import { err, failure, type Result } from './result';

/** What the mail settings screen starts from, after a login. */
export interface MailOpened {
  journeyId: string;
  identifier: string;
  /** The redirection in force; a placeholder when `currentKnown` is false. */
  redirection: MailRedirection;
  /** Opened while the API was unreachable: a change will be queued with a receipt. */
  offline: boolean;
  /** False when the current redirection could not be read (offline). */
  currentKnown: boolean;
}

/** Builds the mail use cases over the journey store and the central API. */
export function createMailJourney(deps: JourneyDeps) {
  const ownDomains = ownMailDomains(deps.profile);

  return {
    /**
     * Logs in and opens a journey that holds the student session, in memory only. While the API
     * is unreachable the journey holds the password sealed instead (`offline`): the current
     * setting is unknown, and a change is queued, to be checked and applied by the API later.
     */
    async open(input: { identifier: string; password: string }): Promise<Result<MailOpened>> {
      const identifier = normaliseIdentifier(input.identifier);
      if (identifier === '') return failure('invalid_input');
      const login = await checkCredential(deps.limits, identifier, () =>
        deps.accounts.openStudentSession(identifier, input.password),
      );
      if (!login.ok) {
        if (login.error.code !== 'not_available_offline') return login;
        const sealedPassword = (await deps.accounts.sealPassword?.(input.password)) ?? null;
        if (sealedPassword === null) return login;
        const journey = deps.journeys.open({
          identifier,
          firstName: '',
          lastName: '',
          birthDate: null,
          leavingYear: null,
          studentSession: null,
          sealedPassword,
        });
        return {
          ok: true,
          value: {
            journeyId: journey.journeyId,
            identifier,
            redirection: { address: null, keepCopy: true },
            offline: true,
            currentKnown: false,
          },
        };
      }
      const { session, account } = login.value;
      const redirection = await deps.accounts.mailRedirection(identifier, session);
      if (!redirection.ok) return redirection;
      const journey = deps.journeys.open({
        identifier,
        firstName: '',
        lastName: '',
        birthDate: null,
        leavingYear: account.leavingYear,
        studentSession: session,
      });
      return {
        ok: true,
        value: {
          journeyId: journey.journeyId,
          identifier,
          redirection: redirection.value,
          offline: false,
          currentKnown: true,
        },
      };
    },

    /** Redirects to an external address (checked here first), or stops redirecting (null). */
    async setRedirection(input: {
      journeyId: string;
      address: string | null;
      keepCopy: boolean;
    }): Promise<Result<JourneyDone & { redirection: MailRedirection }>> {
      const journey = openJourney(deps.journeys, input.journeyId);
      if (!journey.ok) return journey;
      const { identifier, studentSession, sealedPassword, leavingYear } = journey.value;
      // A journey opened by identification has no session: the student must log in first.
      if (studentSession === null && !sealedPassword) return failure('journey_expired');
      let address: string | null = null;
      if (input.address !== null) {
        const checked = validateExternalEmail(input.address, ownDomains);
        if (!checked.ok) {
          return err({
            code: 'invalid_email',
            fields: [{ field: 'address', reason: checked.error }],
          });
        }
        address = checked.value;
      }
      // Without a redirection every message stays in the university mailbox.
      const wanted = { address, keepCopy: address === null ? true : input.keepCopy };
      if (
        studentSession === null &&
        sealedPassword &&
        deps.accounts.setMailRedirectionWithPassword
      ) {
        // Opened offline: the API checks the password when it applies the queued change.
        const send = deps.accounts.setMailRedirectionWithPassword;
        // The password typed at an offline login is checked now or at replay: limited either way.
        const queued = await checkCredential(
          deps.limits,
          identifier,
          () => send(identifier, sealedPassword, wanted, deps.newKey()),
          (value) => value.receipt !== null,
        );
        if (!queued.ok) return queued;
        const { redirection, receipt } = queued.value;
        const done = journeyDone(deps.profile, identifier, {
          status: 'active',
          leavingYear,
          receipt,
        });
        return { ok: true, value: { ...done, redirection } };
      }
      if (studentSession === null) return failure('journey_expired');
      const answer = await deps.accounts.setMailRedirection(
        identifier,
        studentSession,
        wanted,
        deps.newKey(),
      );
      if (!answer.ok) {
        if (answer.error.code === 'journey_expired') deps.journeys.end(input.journeyId);
        return answer;
      }
      const done = journeyDone(deps.profile, identifier, { status: 'active', leavingYear });
      return { ok: true, value: { ...done, redirection: answer.value } };
    },
  };
}
export type MailJourney = ReturnType<typeof createMailJourney>;
