/**
 * Staff sign-in: online against the central API, offline (the API unreachable) against the
 * keyed verifier this kiosk keeps for agents it saw online recently. Every PIN try is limited
 * per staff identifier and per kiosk, checked and counted in one step before the PIN is tested
 * (core/lockout.ts, `staff` scope, keyed hashes of the identifier): parallel tries cannot all
 * slip in before the first is counted. Online, the API's limits are the ones that bound
 * guessing; these stop a burst before it reaches the API, and bound offline guessing.
 */
import type { StaffApi } from '../../api/staff-client';
import type { AttemptLimiter } from '../../core/lockout';
import type { Clock } from '../../core/ports';
import { err, failure, isConnectivityError, ok, type Result } from '../../core/result';
import type { StaffRole } from '../../core/staff-roles';
import { checkPinVerifier, createPinVerifier } from '../../secrets/staff-verifier';
import type { AuditLog } from '../../store/journal';
import type { StaffVerifierStore } from '../../store/staff-verifier-store';

export interface StaffSignInDeps {
  api: Pick<StaffApi, 'openSession'>;
  limiter: AttemptLimiter;
  /** The keyed hash a staff identifier's failures and verifier are kept under. */
  staffKey(staffId: string): string;
  verifiers: StaffVerifierStore;
  /** Keys the verifiers; derived from the keychain's key, never on disk. */
  verifierKey: Buffer;
  clock: Clock;
  /** Offline sign-in only for agents seen online within this many days. */
  offlineSignInDays: number;
  audit: AuditLog;
}

export interface SignedIn {
  staffId: string;
  displayName: string;
  role: StaffRole;
  offline: boolean;
  token: string | null;
}

const DAY_MS = 24 * 3600_000;

/** Builds the sign-in use case. */
export function createStaffSignIn(deps: StaffSignInDeps) {
  // Checked for an agent this kiosk has not seen online recently, so that the answer and its
  // time are those of a wrong PIN: offline sign-in must not tell who signed in here.
  const decoy = createPinVerifier(deps.verifierKey, 'no such agent', '000000');

  async function offline(staffId: string, key: string, pin: string): Promise<Result<SignedIn>> {
    const stored = deps.verifiers.get(key);
    const fresh =
      stored && deps.clock.now().getTime() - stored.seenAt <= deps.offlineSignInDays * DAY_MS;
    const known = stored && fresh ? stored : null;
    const right = await checkPinVerifier(deps.verifierKey, staffId, pin, known ?? (await decoy));
    if (!known || !right) return failure('staff_pin_invalid');
    return ok({
      staffId,
      displayName: known.displayName,
      role: known.role,
      offline: true,
      token: null,
    });
  }

  return async function signIn(rawId: string, pin: string): Promise<Result<SignedIn>> {
    const staffId = rawId.trim().toLowerCase();
    if (staffId === '' || !/^\d{4,12}$/.test(pin)) return failure('invalid_input');
    const key = deps.staffKey(staffId);
    const reserved = deps.limiter.reserve(key, deps.clock.now());
    // What was typed as an identifier may be anything, a PIN even: a refused sign-in records
    // only a keyed tag of it, which someone holding the keychain key can match to an agent.
    const refusedBy = { actor: 'unknown', detail: { staffTag: key.slice(0, 16) } };
    if (!reserved.ok) {
      deps.audit.record({
        kind: 'staff.sign_in',
        outcome: 'failure',
        ...refusedBy,
        reason: 'locked_out',
      });
      return err({ code: 'locked_out', retryAfterSeconds: reserved.retryAfterSeconds });
    }
    const { ticket } = reserved;
    const answer = await deps.api.openSession(staffId, pin);
    let result: Result<SignedIn>;
    if (answer.ok) {
      const { token, displayName, role } = answer.value;
      // Refreshed at each online sign-in: a changed PIN or role is what offline sign-in knows.
      const verifier = await createPinVerifier(deps.verifierKey, staffId, pin);
      deps.verifiers.put(key, {
        ...verifier,
        displayName,
        role,
        seenAt: deps.clock.now().getTime(),
      });
      result = ok({ staffId, displayName, role, offline: false, token });
    } else if (isConnectivityError(answer.error.code)) {
      result = await offline(staffId, key, pin);
    } else {
      result = answer;
    }
    if (result.ok) deps.limiter.succeeded(ticket);
    // Only a wrong PIN (or an agent unknown here, offline) stays counted. Anything else tested
    // nothing, the API's own limit included: it is counted there, for this kiosk and for the
    // day (simulator/staff-pin-limits.ts); counting it here again would lock the agent out of
    // this kiosk for longer than the wait the API states.
    else if (result.error.code !== 'staff_pin_invalid') deps.limiter.release(ticket);
    deps.audit.record({
      kind: 'staff.sign_in',
      outcome: result.ok ? 'success' : 'failure',
      ...(result.ok ? { actor: staffId } : refusedBy),
      reason: result.ok ? (result.value.offline ? 'offline' : 'online') : result.error.code,
    });
    return result;
  };
}
