/**
 * The simulator's staff secrets, in memory only: a hash of each staff member's PIN (never the
 * PIN once running), wrong PINs kept per staff identifier and per kiosk and limited by the rule
 * both the simulator and the server follow (staff-pin-limits.ts), staff
 * sessions bound to the kiosk that opened them, and one-time grants. Every check and the
 * update it guards happen in one synchronous step, so parallel requests cannot overtake a limit
 * or use a grant twice.
 */
import { createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../core/ports';
import type { StaffRole } from '../core/staff-roles';
import type { DatasetStaff } from './dataset';
import type { GrantPurpose, QueueableStaffAction } from '../api/wire-staff';
import {
  STAFF_PIN_LIMITS,
  STAFF_PIN_MEMORY_MS,
  staffPinRetryAfter,
  type StaffPinFailure,
} from './staff-pin-limits';

export const DEFAULT_STAFF_SESSION_TTL_SECONDS = 900;
/** However busy, a staff session ends after this long. */
export const STAFF_SESSION_MAX_SECONDS = 12 * 3600;
export const GRANT_TTL_MS = 15 * 60_000;
/**
 * How long a proof for a queued staff write stays good: an outage of a working day and a night
 * can pass before the kiosk replays it; after that the write is a dead letter staff can see.
 */
export const STAFF_PROOF_TTL_MS = 24 * 3600_000;
/** Bounds the per-identifier counters an attacker could grow with made-up identifiers. */
const MAX_TRACKED_IDS = 10_000;

/** Who a valid staff session belongs to. */
export interface StaffPrincipal {
  staffId: string;
  displayName: string;
  role: StaffRole;
  deviceId: string;
  /** Acting through a proof on a queued write (X-Staff-Proof), not a live session. */
  queued?: true;
}

/** A proof issued to a live session for one queueable action on one account. */
export interface ProofIssued {
  action: QueueableStaffAction;
  proof: string;
  expiresAt: Date;
}

/** Where a proof is presented: it must match what it was issued for. */
export interface ProofUse {
  deviceId: string;
  identifier: string;
  action: QueueableStaffAction;
  /** The write's Idempotency-Key: a proof is spent by one write, retried as often as needed. */
  key: string;
}

export type SignIn =
  | { ok: true; sessionToken: string; expiresIn: number; staff: StaffPrincipal }
  | { ok: false; reason: 'invalid_pin' }
  | { ok: false; reason: 'rate_limited'; retryAfterSeconds: number };

export type GrantUse =
  | { ok: true; staffId: string; consume(): void; release(): void }
  | { ok: false; reason: 'code_invalid' | 'code_expired' };

export interface StaffState {
  /** Checks the limits, then the PIN, and counts the outcome, in one step. */
  signIn(staffId: string, pin: string, deviceId: string, ttlSeconds: number): SignIn;
  /** The session's owner if the token is valid for this kiosk; each use starts the TTL again. */
  session(token: string, deviceId: string): StaffPrincipal | 'expired';
  close(token: string): void;
  /** Proofs for `staff`'s live session at its kiosk, one per action, for one account. */
  issueProofs(
    staff: StaffPrincipal,
    identifier: string,
    actions: readonly QueueableStaffAction[],
  ): ProofIssued[];
  /**
   * The agent a proof acts for, or null: unknown, spent by another write, expired, issued for
   * another kiosk, account or action, or its agent removed, given another role, or waiting out
   * wrong PINs. Checking and spending are one step.
   */
  redeemProof(proof: string, use: ProofUse): StaffPrincipal | null;
  /**
   * Forgets every wrong PIN typed at this kiosk (a supervisor there vouches for who is at the
   * desk): its waits and the kiosk-wide slow-down end, and the day's counts lose them. Returns
   * how many were forgotten.
   */
  liftPinLimits(deviceId: string): number;
  /** A new grant for one account and purpose; the previous one stops working. */
  issueGrant(identifier: string, purpose: GrantPurpose, staffId: string): GrantIssued;
  /**
   * Reserves a grant for one operation: a second use, even in parallel, is refused until the
   * first `release`s it (the operation failed) or `consume`s it (it succeeded).
   */
  reserveGrant(grant: string, identifier: string, purpose: GrantPurpose): GrantUse;
}

export interface GrantIssued {
  grant: string;
  expiresAt: Date;
}

interface Session {
  staff: StaffPrincipal;
  ttlMs: number;
  openedAt: number;
  lastUsedAt: number;
}

interface StoredProof {
  staffId: string;
  role: StaffRole;
  deviceId: string;
  identifier: string;
  action: QueueableStaffAction;
  expiresAt: number;
  /** The Idempotency-Key of the write that spent it. */
  spentBy: string | null;
}

interface StoredGrant {
  digest: Buffer;
  expiresAt: number;
  staffId: string;
  reserved: boolean;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();
// A low scrypt cost, as for passwords (journey-state.ts): nothing is kept in clear.
const hashPin = (pin: string, salt: Buffer) => scryptSync(pin, salt, 32, { N: 1024 });

/** Creates the staff state of one simulator from the dataset's staff entries. */
export function createStaffState(people: readonly DatasetStaff[], clock: Clock): StaffState {
  const staff = new Map<
    string,
    { member: Omit<DatasetStaff, 'pin'>; salt: Buffer; hash: Buffer }
  >();
  for (const member of people) {
    const salt = randomBytes(16);
    const { staffId, displayName, role } = member;
    staff.set(staffId, {
      member: { staffId, displayName, role },
      salt,
      hash: hashPin(member.pin, salt),
    });
  }
  // Checked for an unknown identifier, so that both refusals cost the same.
  const decoy = { salt: randomBytes(16), hash: randomBytes(32) };
  const failures = new Map<string, StaffPinFailure[]>();
  const kioskFailures = new Map<string, number[]>();
  const sessions = new Map<string, Session>();
  const grants = new Map<string, StoredGrant>();
  // By the SHA-256 of the proof: the proof itself is never kept.
  const proofs = new Map<string, StoredProof>();
  const now = () => clock.now().getTime();
  const grantKey = (identifier: string, purpose: GrantPurpose) => `${purpose}\u0000${identifier}`;

  function recentKioskFailures(deviceId: string, at: number): number[] {
    const since = at - STAFF_PIN_LIMITS.kioskWindowSeconds * 1000;
    const recent = (kioskFailures.get(deviceId) ?? []).filter((t) => t > since);
    kioskFailures.set(deviceId, recent);
    return recent;
  }

  function dayOf(staffId: string, at: number): StaffPinFailure[] {
    const kept = (failures.get(staffId) ?? []).filter((f) => f.at > at - STAFF_PIN_MEMORY_MS);
    if (kept.length > 0) failures.set(staffId, kept);
    else failures.delete(staffId);
    return kept;
  }

  function countFailure(staffId: string, deviceId: string, at: number) {
    recentKioskFailures(deviceId, at).push(at);
    if (!failures.has(staffId) && failures.size >= MAX_TRACKED_IDS) {
      for (const id of [...failures.keys()]) dayOf(id, at);
    }
    failures.set(staffId, [...dayOf(staffId, at), { deviceId, at, settled: false }]);
  }

  /** The right PIN at this kiosk: its wait ends there; the day's count stays (the bound). */
  function settle(staffId: string, deviceId: string, at: number) {
    const kept = dayOf(staffId, at).map((f) =>
      f.deviceId === deviceId ? { ...f, settled: true } : f,
    );
    if (kept.length > 0) failures.set(staffId, kept);
  }

  return {
    signIn(staffId, pin, deviceId, ttlSeconds) {
      const at = now();
      const wait = staffPinRetryAfter(
        dayOf(staffId, at),
        recentKioskFailures(deviceId, at),
        deviceId,
        at,
      );
      if (wait !== null) return { ok: false, reason: 'rate_limited', retryAfterSeconds: wait };
      const known = staff.get(staffId);
      const stored = known ?? decoy;
      const same = timingSafeEqual(stored.hash, hashPin(pin, stored.salt));
      if (!known || !same) {
        countFailure(staffId, deviceId, at);
        return { ok: false, reason: 'invalid_pin' };
      }
      settle(staffId, deviceId, at);
      for (const [token, s] of sessions) if (at - s.lastUsedAt >= s.ttlMs) sessions.delete(token);
      const sessionToken = randomBytes(32).toString('base64url');
      const { displayName, role } = known.member;
      const principal: StaffPrincipal = { staffId, displayName, role, deviceId };
      sessions.set(sessionToken, {
        staff: principal,
        ttlMs: ttlSeconds * 1000,
        openedAt: at,
        lastUsedAt: at,
      });
      return { ok: true, sessionToken, expiresIn: ttlSeconds, staff: principal };
    },
    session(token, deviceId) {
      const entry = sessions.get(token);
      const at = now();
      if (!entry) return 'expired';
      const over =
        at - entry.lastUsedAt >= entry.ttlMs ||
        at - entry.openedAt >= STAFF_SESSION_MAX_SECONDS * 1000;
      if (over) {
        sessions.delete(token);
        return 'expired';
      }
      // Another kiosk's session is as good as none here: a token copied elsewhere is useless.
      if (entry.staff.deviceId !== deviceId) return 'expired';
      entry.lastUsedAt = at;
      return { ...entry.staff };
    },
    close(token) {
      sessions.delete(token);
    },
    liftPinLimits(deviceId) {
      let lifted = 0;
      for (const [staffId, list] of failures) {
        const kept = list.filter((f) => f.deviceId !== deviceId);
        lifted += list.length - kept.length;
        if (kept.length > 0) failures.set(staffId, kept);
        else failures.delete(staffId);
      }
      kioskFailures.delete(deviceId);
      return lifted;
    },
    issueProofs(principal, identifier, actions) {
      const at = now();
      for (const [digest, p] of proofs) if (p.expiresAt <= at) proofs.delete(digest);
      return actions.map((action) => {
        const proof = randomBytes(32).toString('base64url');
        const expiresAt = at + STAFF_PROOF_TTL_MS;
        proofs.set(sha256(proof).toString('hex'), {
          staffId: principal.staffId,
          role: principal.role,
          deviceId: principal.deviceId,
          identifier,
          action,
          expiresAt,
          spentBy: null,
        });
        return { action, proof, expiresAt: new Date(expiresAt) };
      });
    },
    redeemProof(proof, use) {
      const at = now();
      const stored = proofs.get(sha256(proof).toString('hex'));
      const known = stored ? staff.get(stored.staffId) : undefined;
      const holds =
        stored !== undefined &&
        known !== undefined &&
        stored.expiresAt > at &&
        stored.deviceId === use.deviceId &&
        stored.identifier === use.identifier &&
        stored.action === use.action &&
        (stored.spentBy === null || stored.spentBy === use.key) &&
        known.member.role === stored.role &&
        staffPinRetryAfter(dayOf(stored.staffId, at), [], use.deviceId, at) === null;
      if (!holds) return null;
      stored.spentBy = use.key;
      const { staffId, displayName, role } = known.member;
      return { staffId, displayName, role, deviceId: use.deviceId, queued: true };
    },
    issueGrant(identifier, purpose, staffId) {
      const grant = randomBytes(32).toString('base64url');
      const expiresAt = new Date(now() + GRANT_TTL_MS);
      grants.set(grantKey(identifier, purpose), {
        digest: sha256(grant),
        expiresAt: expiresAt.getTime(),
        staffId,
        reserved: false,
      });
      return { grant, expiresAt };
    },
    reserveGrant(grant, identifier, purpose) {
      const key = grantKey(identifier, purpose);
      const stored = grants.get(key);
      const same = timingSafeEqual(stored?.digest ?? sha256(''), sha256(grant));
      if (!stored || !same || stored.reserved) return { ok: false, reason: 'code_invalid' };
      if (now() >= stored.expiresAt) return { ok: false, reason: 'code_expired' };
      stored.reserved = true;
      return {
        ok: true,
        staffId: stored.staffId,
        consume: () => {
          if (grants.get(key) === stored) grants.delete(key);
        },
        release: () => {
          stored.reserved = false;
        },
      };
    },
  };
}
