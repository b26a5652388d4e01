import type { Clock } from './ports';
import type { Result } from './result';
import { roleAllows, type StaffAction, type StaffRole } from './staff-roles';

/**
 * The one staff session of this kiosk. It lives in main: the renderer holds no token and no
 * role, so a student screen that crafts a staff call meets `authorize` like anybody else.
 */
export interface StaffSession {
  staffId: string;
  displayName: string;
  role: StaffRole;
  /** Signed in against the verifier kept on this kiosk, without the central API. */
  offline: boolean;
  startedAt: number;
  lastActivityAt: number;
}

export type StaffRefusalCode =
  'staff_session_required' | 'staff_session_expired' | 'staff_forbidden';

export interface StaffRefusal {
  code: StaffRefusalCode;
}

/** `handed_off`: the agent handed the kiosk to the student (a grant-backed journey). */
export type StaffSessionEnd = 'signed_out' | 'idle' | 'max_duration' | 'replaced' | 'handed_off';

export interface StaffSessionTimings {
  /** Idle time that ends the session (the profile's, 2 minutes by default). */
  idleSeconds: number;
  /** A session never lasts longer than this, however busy. */
  maxSeconds: number;
}

export const DEFAULT_STAFF_SESSION_TIMINGS: StaffSessionTimings = {
  idleSeconds: 120,
  maxSeconds: 8 * 3600,
};

export interface StaffSessionGuard {
  /** Starts a session, ending any previous one (reported as `replaced`). */
  open(session: Omit<StaffSession, 'startedAt' | 'lastActivityAt'>): StaffSession;
  /** The session if it is still valid now; an expired one is ended on the way. */
  current(): StaffSession | null;
  /** Checks session, expiry and role for one action; counts as activity when allowed. */
  authorize(action: StaffAction): Result<StaffSession, StaffRefusal>;
  /** Ends the session ("Terminer", restart, or the idle timer in main). */
  close(reason: StaffSessionEnd): void;
  /** Called once per ended session, so main can wipe what the agent saw. */
  onEnd(listener: (session: StaffSession, reason: StaffSessionEnd) => void): () => void;
}

/** The staff session rules over an injected clock. */
export function createStaffSessionGuard(
  clock: Clock,
  timings: StaffSessionTimings = DEFAULT_STAFF_SESSION_TIMINGS,
): StaffSessionGuard {
  let session: StaffSession | null = null;
  const listeners = new Set<(session: StaffSession, reason: StaffSessionEnd) => void>();

  const end = (reason: StaffSessionEnd) => {
    const ended = session;
    session = null;
    if (ended) for (const listener of listeners) listener(ended, reason);
  };
  const expiry = (s: StaffSession, now: number): StaffSessionEnd | null => {
    if (now - s.startedAt >= timings.maxSeconds * 1000) return 'max_duration';
    if (now - s.lastActivityAt >= timings.idleSeconds * 1000) return 'idle';
    return null;
  };

  return {
    open(fields) {
      if (session) end('replaced');
      const now = clock.now().getTime();
      session = { ...fields, startedAt: now, lastActivityAt: now };
      return { ...session };
    },
    current() {
      if (!session) return null;
      const expired = expiry(session, clock.now().getTime());
      if (expired) {
        end(expired);
        return null;
      }
      return { ...session };
    },
    authorize(action) {
      if (!session) return { ok: false, error: { code: 'staff_session_required' } };
      const now = clock.now().getTime();
      const expired = expiry(session, now);
      if (expired) {
        end(expired);
        return { ok: false, error: { code: 'staff_session_expired' } };
      }
      if (!roleAllows(session.role, action))
        return { ok: false, error: { code: 'staff_forbidden' } };
      session.lastActivityAt = now;
      return { ok: true, value: { ...session } };
    },
    close: end,
    onEnd(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
