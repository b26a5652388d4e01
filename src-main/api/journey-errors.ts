/**
 * The journey refusals of the central API (resources/openapi.yaml, ErrorBody codes), as the
 * kiosk's error codes, with the detail each one carries (when, which rules, why).
 */
import type { AppError } from '../core/result';
import { ErrorBody } from './wire';
import {
  InvalidEmailBody,
  PasswordPolicyBody,
  TooEarlyBody,
  type JourneyApiErrorCode,
} from './wire-journeys';

/** The kiosk's error for a journey refusal in an error body, or null for any other body. */
export function journeyAppError(data: unknown): AppError | null {
  const body = ErrorBody.safeParse(data);
  if (!body.success) return null;
  const code = body.data.code as JourneyApiErrorCode;
  switch (code) {
    case 'too_early': {
      const detail = TooEarlyBody.safeParse(data);
      return detail.success
        ? { code: 'too_early', availableAt: detail.data.availableAt }
        : { code: 'too_early' };
    }
    case 'account_state':
    case 'no_enrollment':
    case 'no_personal_email':
      return { code: 'account_state' };
    // The charter changed between reading and accepting it: read it again.
    case 'charter_outdated':
      return { code: 'conflict' };
    case 'code_invalid':
    case 'code_expired':
    case 'invalid_credentials':
      return { code };
    case 'session_expired':
      return { code: 'journey_expired' };
    case 'password_policy': {
      const detail = PasswordPolicyBody.safeParse(data);
      return { code: 'password_policy', violations: detail.success ? detail.data.violations : [] };
    }
    case 'invalid_email': {
      const detail = InvalidEmailBody.safeParse(data);
      const reason = detail.success ? detail.data.reason : 'email_format';
      return { code: 'invalid_email', fields: [{ field: 'address', reason }] };
    }
    default:
      return null;
  }
}
