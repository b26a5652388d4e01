import { AxiosError } from 'axios';
import type { AppError } from '../core/result';
import { journeyAppError } from './journey-errors';
import { staffAppError } from './staff-errors';
import { ErrorBody } from './wire';

/** Parses a Retry-After header (seconds or HTTP date) into whole seconds. */
export function parseRetryAfter(value: unknown, now: Date): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

/**
 * Maps a failed HTTP exchange to one of the kiosk's error kinds, so that callers react to a kind
 * (network, timeout, auth, rate-limited …) rather than parse messages.
 */
export function toAppError(error: unknown, now: Date): AppError {
  if (!(error instanceof AxiosError)) return { code: 'internal' };
  if (error.code === AxiosError.ECONNABORTED || error.code === AxiosError.ETIMEDOUT) {
    return { code: 'timeout' };
  }
  if (error.code === 'ERR_CANCELED') return { code: 'timeout' };
  const response = error.response;
  if (!response) return { code: 'network' };
  const body = ErrorBody.safeParse(response.data);
  const apiCode = body.success ? body.data.code : undefined;
  // Refusals of the student journeys carry their own codes (too_early, password_policy …).
  const journey = response.status < 500 ? journeyAppError(response.data) : null;
  if (journey) return journey;
  // Staff refusals too (a wrong PIN, a staff session ended, a role that does not allow it).
  const staff = response.status < 500 ? staffAppError(response.data) : null;
  if (staff) return staff;
  switch (response.status) {
    case 400:
    case 422:
      return { code: 'invalid_input' };
    case 401:
    case 403:
      return { code: 'auth' };
    case 404:
      return { code: apiCode === 'identification_failed' ? 'identification_failed' : 'not_found' };
    // 410: what the request refers to is no longer there (an expired directory cursor); like a
    // conflict, the client must start again from the current state, not retry as it is.
    case 409:
    case 410:
      return { code: 'conflict' };
    case 429: {
      const retryAfterSeconds = parseRetryAfter(response.headers['retry-after'], now);
      return retryAfterSeconds === undefined
        ? { code: 'rate_limited' }
        : { code: 'rate_limited', retryAfterSeconds };
    }
    case 502:
    case 503:
    case 504:
      return { code: 'unavailable' };
    default:
      return response.status >= 500 ? { code: 'server' } : { code: 'internal' };
  }
}
