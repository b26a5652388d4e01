/**
 * The staff refusals of the central API (resources/openapi.yaml, ErrorBody codes) as the
 * kiosk's error codes. They are told apart from a kiosk token the API no longer accepts (401
 * `unauthorized`, which the transport answers with a fresh token and one retry): a wrong PIN
 * must never be sent twice, nor a refused staff session retried as if the kiosk were at fault.
 */
import type { AppError } from '../core/result';
import { ErrorBody } from './wire';
import type { StaffApiErrorCode } from './wire-staff';

/** The kiosk's error for a staff refusal in an error body, or null for any other body. */
export function staffAppError(data: unknown): AppError | null {
  const body = ErrorBody.safeParse(data);
  if (!body.success) return null;
  const code = body.data.code as StaffApiErrorCode;
  switch (code) {
    case 'invalid_pin':
      return { code: 'staff_pin_invalid' };
    case 'staff_session_required':
      return { code: 'staff_session_required' };
    case 'staff_session_expired':
      return { code: 'staff_session_expired' };
    case 'forbidden':
      return { code: 'staff_forbidden' };
    // Final: a queued write whose proof does not hold becomes a dead letter staff can see.
    case 'staff_proof_refused':
      return { code: 'staff_proof_refused' };
    // The kiosk's journal and the service disagree on an entry: a conflict to look into, not
    // something a retry could fix.
    case 'audit_hash_mismatch':
    case 'audit_event_conflict':
      return { code: 'conflict' };
    default:
      return null;
  }
}
