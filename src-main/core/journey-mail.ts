/**
 * Mail redirection: the student logs in with identifier and password (a redirection diverts
 * every message, reset codes included, so identification alone is not enough), then sets or
 * removes the external address.
 */
import { ownMailDomains, validateExternalEmail } from './email';
import { journeyDone, openJourney, type JourneyDeps } from './journey-deps';
import { normaliseIdentifier } from './journey-password';
import type { JourneyDone, MailRedirection } from './journeys';
import { err, failure, type Result } from './result';

/** Builds the mail use cases over the journey store and the central API. */
export function createMailJourney(deps: JourneyDeps) {
  const ownDomains = ownMailDomains(deps.profile);

  return {
    /** Logs in and opens a journey that holds the student session, in memory only. */
    async open(input: {
      identifier: string;
      password: string;
    }): Promise<Result<{ journeyId: string; identifier: string; redirection: MailRedirection }>> {
      const identifier = normaliseIdentifier(input.identifier);
      if (identifier === '') return failure('invalid_input');
      const login = await deps.accounts.openStudentSession(identifier, input.password);
      if (!login.ok) return login;
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
        value: { journeyId: journey.journeyId, identifier, redirection: redirection.value },
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
      const { identifier, studentSession, leavingYear } = journey.value;
      // A journey opened by identification has no session: the student must log in first.
      if (studentSession === null) return failure('journey_expired');
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
