/**
 * A supervisor's sign-in to the help-desk console with their own directory account: a bind as
 * them with their directory password, and membership of the supervisors' group (the server
 * configuration's `staff.groups.supervisor`). An agent, someone in neither group, an unknown uid
 * and a wrong password all get the same refusal. Guesses are limited with the server's attempt
 * limits (postgres/attempts.ts, shared by every instance): per uid and per client address, a
 * failure reserved before the directory is asked, so parallel guesses get no more tries.
 */
import type { LimitRule } from '../../src-main/simulator/rate-limits';
import type { AttemptLimiter } from '../postgres/attempts';
import type { Directory } from '../ports/directory';

export const CONSOLE_SIGN_IN_LIMITS = {
  perUid: { failures: 5, windowSeconds: 900 },
  perClient: { failures: 30, windowSeconds: 900 },
} as const satisfies Record<string, LimitRule>;

/** A directory uid as the console accepts it (anything else is refused before LDAP). */
const UID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export type ConsoleSignIn =
  | { ok: true; staffId: string }
  | { ok: false; reason: 'refused' }
  | { ok: false; reason: 'rate_limited'; retryAfterSeconds: number };

export interface ConsoleSignInDeps {
  directory: Directory;
  limiter: AttemptLimiter;
  /** The supervisors' group DN; without one, nobody signs in. */
  supervisorGroup: string | null;
  limits?: { perUid: LimitRule; perClient: LimitRule };
}

export function consoleSignIn(deps: ConsoleSignInDeps) {
  const limits = deps.limits ?? CONSOLE_SIGN_IN_LIMITS;
  return async (uid: string, password: string, client: string): Promise<ConsoleSignIn> => {
    const wellFormed = UID.test(uid) && password.length > 0 && password.length <= 256;
    const uidKey = `console-uid\u0000${uid.toLowerCase()}`;
    const keys = [{ key: `console-client\u0000${client}`, rule: limits.perClient }];
    if (wellFormed) keys.push({ key: uidKey, rule: limits.perUid });
    const reservation = await deps.limiter.reserve(keys);
    if (!reservation.ok)
      return {
        ok: false,
        reason: 'rate_limited',
        retryAfterSeconds: reservation.retryAfterSeconds,
      };
    if (!wellFormed || deps.supervisorGroup === null) return { ok: false, reason: 'refused' };
    const group = deps.supervisorGroup;
    let bound: boolean;
    let supervisor: boolean;
    try {
      // Both asked whatever the other answers: a right password of an agent takes as long to
      // refuse as a wrong one.
      const [bind, groups] = await Promise.all([
        deps.directory.bindStaff(uid, password),
        deps.directory.groupsOf(uid, [group]),
      ]);
      bound = bind;
      supervisor = groups.includes(group);
    } catch (error) {
      // The directory could not say: the attempt does not count (the caller answers 503).
      await deps.limiter.released(reservation);
      throw error;
    }
    if (!bound || !supervisor) return { ok: false, reason: 'refused' };
    await deps.limiter.succeeded(reservation, [uidKey]);
    return { ok: true, staffId: uid };
  };
}
