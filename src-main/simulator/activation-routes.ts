/**
 * Activation ("1ère connexion") on the simulator: the e-mail with its code (24 h), checking the
 * code, and activation with the accepted charter and a first password under the policy.
 */
import { ActivationCodeCheckRequest, ActivationRequest, JOURNEY_PATHS } from '../api/wire-journeys';
import { CURRENT_CHARTER } from './charter';
import { json } from './http';
import {
  ACTIVATION_CODE_TTL_MS,
  acceptNewPassword,
  accountStatusOf,
  activationRefusal,
  codeRefusal,
  findAccount,
  journeyError,
  requireStatus,
  sendCode,
} from './journey-support';
import { claimProof } from './grant-proof';
import { defineRoute, pathTemplate, type Route } from './router';
import { isoSeconds } from './time';

const path = (build: (identifier: string) => string) => pathTemplate(build, 'identifier');

const sendActivationEmail = defineRoute({
  method: 'POST',
  path: path(JOURNEY_PATHS.activationEmail),
  auth: 'kiosk',
  body: null,
  handle: async ({ params, env }) => {
    const found = await findAccount(env, params.identifier);
    if (!found.ok) return found.reply;
    const refused = activationRefusal(found.student, env);
    if (refused) return refused;
    return sendCode(found.student, 'activation', ACTIVATION_CODE_TTL_MS, env);
  },
});

const checkActivationCode = defineRoute({
  method: 'POST',
  path: path(JOURNEY_PATHS.activationCodeCheck),
  auth: 'kiosk',
  body: ActivationCodeCheckRequest,
  handle: async ({ params, body, env }) => {
    const found = await findAccount(env, params.identifier);
    if (!found.ok) return found.reply;
    const wrongState = requireStatus(found.student, 'not_activated');
    if (wrongState) return wrongState;
    const { identifier } = found.student;
    const check = await env.backends.secrets.checkCode(identifier, 'activation', body.code);
    if (!check.ok) return codeRefusal(check.reason);
    return json({ expiresAt: isoSeconds(check.expiresAt) });
  },
});

const activate = defineRoute({
  method: 'POST',
  path: path(JOURNEY_PATHS.activation),
  auth: 'kiosk',
  body: ActivationRequest,
  handle: async ({ params, body, env }) => {
    const found = await findAccount(env, params.identifier);
    if (!found.ok) return found.reply;
    const { student } = found;
    const wrongState = requireStatus(student, 'not_activated');
    if (wrongState) return wrongState;
    // A grant is reserved here, so that a parallel use of it is refused while this one runs.
    const proof = await claimProof(student, 'activation', body.proof, env);
    if (!proof.ok) return proof.reply;
    let done = false;
    try {
      if (body.charterVersion !== CURRENT_CHARTER.version) {
        return journeyError(409, 'charter_outdated', 'the charter has a newer version');
      }
      const password = await acceptNewPassword(student, body.newPassword, env);
      if (!password.ok) return password.reply;
      const { accounts } = env.backends;
      // The store refuses when a parallel activation with another proof finished meanwhile.
      if (!(await accounts.activate(student.identifier, password.value, env.clock.now()))) {
        const now = await accounts.find(student.identifier);
        return (
          requireStatus(now ?? student, 'not_activated') ??
          journeyError(409, 'account_state', 'activated meanwhile', { accountStatus: 'active' })
        );
      }
      await env.backends.events.record(student.identifier, 'activated', { detail: proof.method });
      await env.backends.events.record(student.identifier, 'charter_accepted');
      done = true;
      const activated = await accounts.find(student.identifier);
      return json(accountStatusOf(activated ?? student, env));
    } finally {
      await proof.settle(done);
    }
  },
});

/** The activation endpoints. */
export const ACTIVATION_ROUTES: readonly Route[] = [
  sendActivationEmail,
  checkActivationCode,
  activate,
];
