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
import { maskEmail } from '../core/email';
import type { DatasetStudent } from './dataset';
import { apiError, json } from './http';
import { identifyAttempt, refusal, settle } from './rate-limits';
import { defineRoute, pathTemplate, type Route } from './router';
import { isoSeconds } from './time';

/** The public part of a student record: what identification returns. No birth date, no number. */
export function toStudentWire(student: DatasetStudent): StudentWire {
  return {
    identifier: student.identifier,
    firstName: student.firstName,
    lastName: student.lastName,
    enrollments: student.enrollments.map((e) => ({
      academicYear: e.academicYear,
      program: e.program,
      validatedAt: e.validatedAt,
    })),
    account: { ...student.account },
  };
}

/** When activation opens: the latest enrolment's validation plus the delay, while not activated. */
export function activationAvailableAt(
  student: DatasetStudent,
  delayMinutes: number,
): string | null {
  if (student.account.status !== 'not_activated') return null;
  const times = student.enrollments.map((e) => new Date(e.validatedAt).getTime());
  if (times.length === 0) return null;
  return isoSeconds(new Date(Math.max(...times) + delayMinutes * 60_000));
}

const health = defineRoute({
  method: 'GET',
  path: PATHS.health,
  auth: 'none',
  body: null,
  handle: ({ env }) => {
    const body: HealthResponse = {
      status: 'ok',
      time: env.clock.now().toISOString(),
      version: env.settings.version,
    };
    return json(body);
  },
});

const kioskToken = defineRoute({
  method: 'POST',
  path: PATHS.kioskToken,
  auth: 'none',
  body: KioskTokenRequest,
  handle: ({ body, env }) => {
    if (!env.state.checkDevice(body.deviceId, body.secret)) {
      env.logger.warn('simulator: kiosk token refused', { deviceId: body.deviceId });
      return apiError(401, 'unauthorized', 'unknown device or wrong secret', {
        'www-authenticate': 'Bearer',
      });
    }
    const issued = env.state.tokens.issue(body.deviceId);
    const reply: KioskTokenResponse = { ...issued, tokenType: 'Bearer' };
    return json(reply);
  },
});

const identify = defineRoute({
  method: 'POST',
  path: PATHS.identify,
  auth: 'kiosk',
  body: IdentifyRequest,
  handle: ({ body, env, device }) => {
    // Limited per number and per kiosk, before the date is looked at (contract, Conventions).
    const attempt = identifyAttempt(body.studentNumber, device?.deviceId ?? '');
    const limited = refusal(env.state.limits, attempt);
    if (limited) return limited;
    const student = env.state.studentByNumber(body.studentNumber);
    const right = student !== undefined && student.birthDate === body.birthDate;
    settle(env.state.limits, attempt, right);
    // One answer for an unknown number and a wrong date: nobody learns which one was wrong.
    if (!right) {
      env.logger.debug('simulator: identification failed', { deviceId: device?.deviceId });
      return apiError(404, 'identification_failed', 'no student matches these details');
    }
    // Identification also says where activation mail goes (masked) and when activation opens.
    const reply: StudentWire = {
      ...toStudentWire(student),
      maskedEmail: student.personalEmail ? maskEmail(student.personalEmail) : null,
      activationAvailableAt: activationAvailableAt(student, env.settings.activationDelayMinutes),
    };
    return json(reply);
  },
});

const accountStatus = defineRoute({
  method: 'GET',
  path: pathTemplate(PATHS.account, 'identifier'),
  auth: 'kiosk',
  body: null,
  handle: ({ params, env }) => {
    const student = env.state.studentByIdentifier(params.identifier ?? '');
    if (!student) return apiError(404, 'not_found', 'no such account');
    const reply: AccountStatusResponse = {
      identifier: student.identifier,
      ...student.account,
      activationAvailableAt: activationAvailableAt(student, env.settings.activationDelayMinutes),
    };
    return json(reply);
  },
});

/** The routes every simulator serves; later endpoints are added next to these. */
export const CORE_ROUTES: readonly Route[] = [health, kioskToken, identify, accountStatus];
