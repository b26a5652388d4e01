/**
 * The kiosk's one staff session, in main's memory only (a restart ends it): the guard (role,
 * idle and maximum duration, core/staff-session.ts), the API's session token, and what the
 * agent looked at. Whenever the session ends (sign-out, idle, hand-off) all of it is wiped and
 * the API's session is closed; a timer ends an idle session even if nobody calls.
 */
import type { StaffApi } from '../../api/staff-client';
import type { Clock, Logger } from '../../core/ports';
import type { Result } from '../../core/result';
import {
  DEFAULT_STAFF_SESSION_TIMINGS,
  createStaffSessionGuard,
  type StaffRefusal,
  type StaffSession,
  type StaffSessionEnd,
} from '../../core/staff-session';
import type { StaffAction } from '../../core/staff-roles';
import type { StaffSessionInfo } from '../../core/staff-view';
import type { StudentRecord } from '../../core/student';

/** A student the agent found offline (cache): kept so their page can be shown, then wiped. */
export interface SeenOffline {
  studentNumber: string;
  record: StudentRecord;
}

export interface StaffSessionHolder {
  open(session: Omit<StaffSession, 'startedAt' | 'lastActivityAt'>, token: string | null): void;
  authorize(action: StaffAction): Result<StaffSession, StaffRefusal>;
  info(): StaffSessionInfo | null;
  /** The API's token of the current session; null offline or without a session. */
  token(): string | null;
  /** Student numbers the agent saw, by identifier (for lockout clearing), and offline records. */
  readonly seenNumbers: Map<string, string>;
  readonly seenOffline: Map<string, SeenOffline>;
  /**
   * Proofs the API gave this session for writes that may wait (staffProofKey), each kept
   * until a queued write takes it or the session ends; never on disk outside a sealed write.
   */
  readonly proofs: Map<string, { proof: string; expiresAt: number }>;
  end(reason: StaffSessionEnd): void;
  onEnd(listener: (session: StaffSession, reason: StaffSessionEnd) => void): () => void;
  stop(): Promise<void>;
}

/** Where the holder keeps the proof for one action on one account. */
export const staffProofKey = (action: string, identifier: string) => `${action}\u0000${identifier}`;

export function createStaffSessionHolder(options: {
  clock: Clock;
  idleSeconds: number;
  api: Pick<StaffApi, 'closeSession'>;
  logger: Logger;
  /** How often the idle timer looks; a second by default. */
  checkEveryMs?: number;
}): StaffSessionHolder {
  const guard = createStaffSessionGuard(options.clock, {
    ...DEFAULT_STAFF_SESSION_TIMINGS,
    idleSeconds: options.idleSeconds,
  });
  let token: string | null = null;
  const seenNumbers = new Map<string, string>();
  const seenOffline = new Map<string, SeenOffline>();
  const proofs = new Map<string, { proof: string; expiresAt: number }>();

  // Sign-outs on their way to the API: the kiosk waits for them before closing its logger.
  const closing = new Set<Promise<unknown>>();
  guard.onEnd((session, reason) => {
    const ended = token;
    token = null;
    seenNumbers.clear();
    seenOffline.clear();
    proofs.clear();
    options.logger.info('staff: session ended', { reason, role: session.role });
    // The API would end it after its own idle time anyway; this ends it now.
    if (!ended) return;
    const call = options.api.closeSession(ended).catch(() => undefined);
    closing.add(call);
    void call.finally(() => closing.delete(call));
  });
  const timer = setInterval(() => guard.current(), options.checkEveryMs ?? 1000);
  timer.unref();

  return {
    open(session, apiToken) {
      guard.open(session);
      token = apiToken;
    },
    authorize: (action) => guard.authorize(action),
    info() {
      const s = guard.current();
      return s
        ? {
            staffId: s.staffId,
            displayName: s.displayName,
            role: s.role,
            offline: s.offline,
            idleSeconds: options.idleSeconds,
          }
        : null;
    },
    token: () => (guard.current() ? token : null),
    seenNumbers,
    seenOffline,
    proofs,
    end: (reason) => guard.close(reason),
    onEnd: (listener) => guard.onEnd(listener),
    /** Ends the session and waits for its sign-out at the API (bounded by the API timeout). */
    async stop() {
      clearInterval(timer);
      guard.close('signed_out');
      await Promise.allSettled(closing);
    },
  };
}
