/**
 * The student journeys' part of test/integration/openapi.test.ts: the wire schemas each
 * documented body must match, and the calls each implemented operation is tried with.
 */
import type { z } from 'zod';
import { AccountStatusResponse } from '../../src-main/api/wire';
import {
  AccountStateBody,
  ActivationCodeCheckRequest,
  ActivationCodeCheckResponse,
  ActivationRequest,
  CharterWire,
  EmailSentResponse,
  InvalidEmailBody,
  JOURNEY_PATHS,
  MailRedirectionRequest,
  MailRedirectionWire,
  PasswordChangeRequest,
  PasswordChanged,
  PasswordPolicyBody,
  PasswordResetRequest,
  StudentSession,
  StudentSessionRequest,
  TooEarlyBody,
} from '../../src-main/api/wire-journeys';
import { CURRENT_CHARTER } from '../../src-main/simulator/charter';
import { DEMO_PASSWORD } from '../../src-main/simulator/demo-population';
import type { CodePurpose } from '../../src-main/simulator/journey-state';
import type { Simulator } from '../../src-main/simulator/server';

/** Documented schema name → the wire schema it must agree with. */
export const JOURNEY_SCHEMA_PAIRS: [string, z.ZodType][] = [
  ['EmailSent', EmailSentResponse],
  ['ActivationCodeCheckRequest', ActivationCodeCheckRequest],
  ['ActivationCodeCheck', ActivationCodeCheckResponse],
  ['ActivationRequest', ActivationRequest],
  ['PasswordChangeRequest', PasswordChangeRequest],
  ['PasswordResetRequest', PasswordResetRequest],
  ['PasswordChanged', PasswordChanged],
  ['PasswordPolicyBody', PasswordPolicyBody],
  ['TooEarlyBody', TooEarlyBody],
  ['AccountStateBody', AccountStateBody],
  ['InvalidEmailBody', InvalidEmailBody],
  ['Charter', CharterWire],
  ['StudentSessionRequest', StudentSessionRequest],
  ['StudentSession', StudentSession],
  ['MailRedirection', MailRedirectionWire],
  ['MailRedirectionRequest', MailRedirectionRequest],
];

const documented = (build: (identifier: string) => string) =>
  decodeURIComponent(build('{identifier}'));

/** Operation id → the path builder of wire-journeys.ts it must match. */
export const JOURNEY_OPERATION_PATHS: Record<string, string> = {
  resendActivationEmail: documented(JOURNEY_PATHS.activationEmail),
  checkActivationCode: documented(JOURNEY_PATHS.activationCodeCheck),
  activateAccount: documented(JOURNEY_PATHS.activation),
  changePassword: documented(JOURNEY_PATHS.passwordChange),
  sendPasswordResetEmail: documented(JOURNEY_PATHS.passwordResetEmail),
  resetPassword: documented(JOURNEY_PATHS.passwordReset),
  getCharter: JOURNEY_PATHS.charter,
  openStudentSession: JOURNEY_PATHS.studentSessions,
  getMailRedirection: documented(JOURNEY_PATHS.mailRedirection),
  setMailRedirection: documented(JOURNEY_PATHS.mailRedirection),
};

/** Operation id → schema of the documented request example. */
export const JOURNEY_REQUEST_EXAMPLES: Record<string, z.ZodType> = {
  checkActivationCode: ActivationCodeCheckRequest,
  activateAccount: ActivationRequest,
  changePassword: PasswordChangeRequest,
  resetPassword: PasswordResetRequest,
  openStudentSession: StudentSessionRequest,
  setMailRedirection: MailRedirectionRequest,
};

/** Operation id → schema of the documented success example. */
export const JOURNEY_RESPONSE_EXAMPLES: Record<string, z.ZodType> = {
  resendActivationEmail: EmailSentResponse,
  checkActivationCode: ActivationCodeCheckResponse,
  activateAccount: AccountStatusResponse,
  changePassword: PasswordChanged,
  sendPasswordResetEmail: EmailSentResponse,
  resetPassword: PasswordChanged,
  getCharter: CharterWire,
  openStudentSession: StudentSession,
  getMailRedirection: MailRedirectionWire,
  setMailRedirection: MailRedirectionWire,
};

/** One call of a scenario; getters are read when the call is made. */
export interface ScenarioCall {
  params?: Record<string, string>;
  body?: unknown;
  auth?: boolean;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** Send no Idempotency-Key where the contract asks for one (refused with 400). */
  idempotencyKey?: null;
}

const plain = (value: string) => ({ type: 'plain', value });
const GOOD = 'Kx9#mPq2vL';

/**
 * The calls for each journey operation, on the demo population. Operations run in document
 * order, so activation comes after the e-mail; codes and sessions are taken from the running
 * simulator's state when each call is made, so that no scenario depends on another's answer.
 */
export function journeyScenarios(
  simulator: () => Simulator,
): Record<string, Record<string, ScenarioCall>> {
  const code = (identifier: string, purpose: CodePurpose) =>
    simulator().state.journeys.issueCode(identifier, purpose, 3600_000).code;
  const session = (identifier: string) => ({
    'x-student-session': simulator().state.journeys.openSession(identifier).sessionToken,
  });
  const eloise = { identifier: 'endiayebrule' };
  const zoe = { identifier: 'zlefevre' };
  const aicha = { identifier: 'abensaid' };
  const soren = { identifier: 'sodegaard' };
  const activation = (password: string, charterVersion = CURRENT_CHARTER.version) => ({
    params: eloise,
    get body() {
      const proof = { method: 'email_code', code: code('endiayebrule', 'activation') };
      return { proof, newPassword: plain(password), charterVersion };
    },
  });
  return {
    resendActivationEmail: {
      ok: { params: eloise },
      tooEarly: { params: { identifier: 'tnguyen' } },
      active: { params: zoe },
      unknown: { params: { identifier: 'nobody' } },
      noToken: { auth: false, params: eloise },
      noKey: { params: eloise, idempotencyKey: null },
      withBody: { params: eloise, body: {} },
    },
    checkActivationCode: {
      ok: {
        params: eloise,
        get body() {
          return { code: code('endiayebrule', 'activation') };
        },
      },
      wrong: { params: eloise, body: { code: '00000000' } },
      active: { params: zoe, body: { code: '00000000' } },
      unknown: { params: { identifier: 'nobody' }, body: { code: '00000000' } },
      empty: { params: eloise, body: { code: '' } },
    },
    activateAccount: {
      weak: activation('Eloise#2024x'),
      outdated: activation(GOOD, '1999-01'),
      wrongCode: {
        params: eloise,
        body: {
          proof: { method: 'email_code', code: '00000000' },
          newPassword: plain(GOOD),
          charterVersion: CURRENT_CHARTER.version,
        },
      },
      ok: activation(GOOD),
      again: activation(GOOD),
    },
    changePassword: {
      ok: {
        params: aicha,
        body: { currentPassword: plain(DEMO_PASSWORD), newPassword: plain(GOOD) },
      },
      wrong: { params: aicha, body: { currentPassword: plain('wrong'), newPassword: plain(GOOD) } },
      weak: {
        params: aicha,
        body: { currentPassword: plain(GOOD), newPassword: plain('Abensaid#2024x') },
      },
      locked: {
        params: soren,
        body: { currentPassword: plain(DEMO_PASSWORD), newPassword: plain(GOOD) },
      },
      unknown: {
        params: { identifier: 'nobody' },
        body: { currentPassword: plain(GOOD), newPassword: plain(GOOD) },
      },
    },
    sendPasswordResetEmail: {
      ok: { params: zoe },
      locked: { params: soren },
      unknown: { params: { identifier: 'nobody' } },
    },
    resetPassword: {
      empty: {
        params: aicha,
        get body() {
          return {
            proof: { method: 'email_code', code: code('abensaid', 'password_reset') },
            newPassword: plain(''),
          };
        },
      },
      ok: {
        params: aicha,
        get body() {
          return {
            proof: { method: 'email_code', code: code('abensaid', 'password_reset') },
            newPassword: plain('Lx8#nQr3wM'),
          };
        },
      },
      wrongCode: {
        params: aicha,
        body: { proof: { method: 'email_code', code: '00000000' }, newPassword: plain(GOOD) },
      },
    },
    getCharter: { ok: {}, noToken: { auth: false } },
    openStudentSession: {
      ok: { body: { identifier: 'zlefevre', password: plain(DEMO_PASSWORD) } },
      wrong: { body: { identifier: 'zlefevre', password: plain('wrong') } },
      locked: { body: { identifier: 'sodegaard', password: plain(DEMO_PASSWORD) } },
      malformed: { body: { identifier: 'zlefevre' } },
    },
    getMailRedirection: {
      ok: {
        params: zoe,
        get headers() {
          return session('zlefevre');
        },
      },
      noSession: { params: zoe },
    },
    setMailRedirection: {
      ok: {
        params: zoe,
        body: { address: 'zoe@example.org', keepCopy: true },
        get headers() {
          return session('zlefevre');
        },
      },
      remove: {
        params: zoe,
        body: { address: null, keepCopy: false },
        get headers() {
          return session('zlefevre');
        },
      },
      ownDomain: {
        params: zoe,
        body: { address: 'zoe@etu.umontpellier.fr', keepCopy: true },
        get headers() {
          return session('zlefevre');
        },
      },
      noSession: { params: zoe, body: { address: null, keepCopy: true } },
    },
  };
}
