/** The endpoints the kiosk uses today: health, kiosk token, identification, account status. */
import {
  IdentifyRequest,
  KioskTokenRequest,
  PATHS,
  type AccountStatusResponse,
  type HealthResponse,
  type KioskTokenResponse,
  type StudentWire,
} from '../api/wire';
import { checkUnder } from './backends';
import { apiError, json } from './http';
import { identifyAttempt } from './rate-limits';
import { defineRoute, pathTemplate, type Route } from './router';

const health = defineRoute({
  method: 'GET',
  path: PATHS.health,
  auth: 'none',
  body: null,
  handle: async ({ env }) => {
    const dependencies = await env.backends.health.check();
    // Without its directory or database the service cannot serve a student: kiosks that probe
    // here must stay in their offline mode, not flap back online.
    if (dependencies && (dependencies.directory === 'down' || dependencies.database === 'down')) {
      const down = Object.entries(dependencies).flatMap(([name, s]) =>
        s === 'down' ? [name] : [],
      );
      // Answered like any backend outage: 503 with Retry-After (server.ts, failureReply).
      throw Object.assign(new Error(`down: ${down.join(', ')}`), { unavailable: true });
    }
    const body: HealthResponse = {
      status: dependencies?.mail === 'down' ? 'degraded' : 'ok',
      time: env.clock.now().toISOString(),
      version: env.settings.version,
      ...(dependencies ? { dependencies } : {}),
    };
    return json(body);
  },
});

const kioskToken = defineRoute({
  method: 'POST',
  path: PATHS.kioskToken,
  auth: 'none',
  body: KioskTokenRequest,
  handle: async ({ body, env }) => {
    if (!(await env.backends.devices.check(body.deviceId, body.secret))) {
      env.logger.warn('simulator: kiosk token refused', { deviceId: body.deviceId });
      return apiError(401, 'unauthorized', 'unknown device or wrong secret', {
        'www-authenticate': 'Bearer',
      });
    }
    const issued = await env.backends.devices.issueToken(body.deviceId);
    const reply: KioskTokenResponse = { ...issued, tokenType: 'Bearer' };
    return json(reply);
  },
});

const identify = defineRoute({
  method: 'POST',
  path: PATHS.identify,
  auth: 'kiosk',
  body: IdentifyRequest,
  handle: async ({ body, env, device }) => {
    // Limited per number and per kiosk, before the date is looked at (contract, Conventions);
    // the attempt is reserved first, so parallel guesses cannot overtake the limit.
    const attempt = identifyAttempt(body.studentNumber, device?.deviceId ?? '');
    const reserved = await env.backends.attempts.reserve(attempt);
    if (!reserved.ok) return reserved.reply;
    // Identification also says where activation mail goes (masked) and when activation opens.
    const student = await checkUnder(
      reserved.held,
      () => env.backends.accounts.identify(body.studentNumber, body.birthDate),
      (found) => found !== null,
    );
    // One answer for an unknown number and a wrong date: nobody learns which one was wrong.
    if (!student) {
      env.logger.debug('simulator: identification failed', { deviceId: device?.deviceId });
      return apiError(404, 'identification_failed', 'no student matches these details');
    }
    const reply: StudentWire = student;
    return json(reply);
  },
});

const accountStatus = defineRoute({
  method: 'GET',
  path: pathTemplate(PATHS.account, 'identifier'),
  auth: 'kiosk',
  body: null,
  handle: async ({ params, env }) => {
    const reply: AccountStatusResponse | null = await env.backends.accounts.accountStatus(
      params.identifier ?? '',
    );
    if (!reply) return apiError(404, 'not_found', 'no such account');
    return json(reply);
  },
});

/** The routes every simulator serves; later endpoints are added next to these. */
export const CORE_ROUTES: readonly Route[] = [health, kioskToken, identify, accountStatus];
