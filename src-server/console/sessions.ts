/**
 * The help-desk console's sessions and its own audit trail, in PostgreSQL so that every
 * instance sees the same. A session is a random token (32 bytes) the browser holds in an
 * HttpOnly cookie; only its SHA-256 is stored. It ends after `idleSeconds` without a request, at
 * `absoluteSeconds` after sign-in whatever happens, or at sign-out. The CSRF token is derived
 * from the session token (an HMAC keyed by it): nothing more to store, and it dies with it.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Clock } from '../../src-main/core/ports';
import type { Pool } from '../postgres/database';
import { unavailableOnOutage } from '../postgres/outage';

export const CONSOLE_SESSION_LIMITS = {
  /** Without a request for this long, the session ends. */
  idleSeconds: 30 * 60,
  /** However busy, a session ends this long after sign-in. */
  absoluteSeconds: 8 * 3600,
} as const;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** The CSRF token of a session: what the console's page sends back in X-CSRF-Token. */
export function csrfTokenOf(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('guichet-console-csrf').digest('base64url');
}

export interface ConsoleSession {
  staffId: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface ConsoleSessions {
  /** Opens a session for `staffId`; the token is given once, to set the cookie. */
  open(staffId: string): Promise<{ token: string; expiresAt: Date }>;
  /**
   * The live session of `token`, or null. Its idle time starts again, unless `touch` is false
   * (the page's own timer asking, not the supervisor).
   */
  find(token: string, touch?: boolean): Promise<ConsoleSession | null>;
  close(token: string): Promise<void>;
}

export function createConsoleSessions(
  pool: Pool,
  clock: Clock,
  limits: { idleSeconds: number; absoluteSeconds: number } = CONSOLE_SESSION_LIMITS,
): ConsoleSessions {
  const db = unavailableOnOutage(pool);
  return {
    async open(staffId) {
      const now = clock.now();
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(now.getTime() + limits.absoluteSeconds * 1000);
      await db.query('DELETE FROM console_sessions WHERE expires_at <= $1', [now]);
      await db.query(
        `INSERT INTO console_sessions (token_digest, staff_id, created_at, last_seen_at, expires_at)
         VALUES ($1, $2, $3, $3, $4)`,
        [sha256(token), staffId, now, expiresAt],
      );
      return { token, expiresAt };
    },
    async find(token, touch = true) {
      const now = clock.now();
      const idleSince = new Date(now.getTime() - limits.idleSeconds * 1000);
      const { rows } = await db.query<{ staff_id: string; created_at: Date; expires_at: Date }>(
        touch
          ? `UPDATE console_sessions SET last_seen_at = $2
              WHERE token_digest = $1 AND expires_at > $2 AND last_seen_at > $3
              RETURNING staff_id, created_at, expires_at`
          : `SELECT staff_id, created_at, expires_at FROM console_sessions
              WHERE token_digest = $1 AND expires_at > $2 AND last_seen_at > $3`,
        [sha256(token), now, idleSince],
      );
      const row = rows[0];
      return row
        ? { staffId: row.staff_id, createdAt: row.created_at, expiresAt: row.expires_at }
        : null;
    },
    async close(token) {
      await db.query('DELETE FROM console_sessions WHERE token_digest = $1', [sha256(token)]);
    },
  };
}

/** What the console's own audit trail records of one action. */
export interface ConsoleAuditEntry {
  staffId: string | null;
  /** The client's address, as the listener saw it. */
  client: string;
  /** sign_in, sign_out, view_fleet, view_kiosk, view_staff_actions, export_staff_actions… */
  action: string;
  /** ok, refused, rate_limited, csrf_refused… */
  outcome: string;
  /** The filters or kiosk viewed; never a password. */
  detail?: Record<string, unknown>;
}

export interface ConsoleAudit {
  record(entry: ConsoleAuditEntry): Promise<void>;
  /**
   * Whether `staffId` already has a successful `action` recorded since `since` (for view_kiosk,
   * of that `kiosk`): a refresh of what the session has seen need not be recorded again.
   */
  recordedSince(staffId: string, action: string, since: Date, kiosk?: string): Promise<boolean>;
  /** The latest entries first (tests, and a later page of the console). */
  latest(limit: number): Promise<(ConsoleAuditEntry & { at: Date })[]>;
}

export function createConsoleAudit(pool: Pool, clock: Clock): ConsoleAudit {
  const db = unavailableOnOutage(pool);
  return {
    async record({ staffId, client, action, outcome, detail }) {
      await db.query(
        `INSERT INTO console_audit (at, staff_id, client, action, outcome, detail)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [clock.now(), staffId, client, action, outcome, detail ? JSON.stringify(detail) : null],
      );
    },
    async recordedSince(staffId, action, since, kiosk) {
      const { rows } = await db.query(
        `SELECT 1 FROM console_audit
          WHERE at >= $3 AND staff_id = $1 AND action = $2 AND outcome = 'ok'
            AND ($4::text IS NULL OR detail->>'kiosk' = $4)
          LIMIT 1`,
        [staffId, action, since, kiosk ?? null],
      );
      return rows.length > 0;
    },
    async latest(limit) {
      const { rows } = await db.query<{
        at: Date;
        staff_id: string | null;
        client: string;
        action: string;
        outcome: string;
        detail: Record<string, unknown> | null;
      }>(
        `SELECT at, staff_id, client, action, outcome, detail FROM console_audit
          ORDER BY id DESC LIMIT $1`,
        [limit],
      );
      return rows.map((r) => ({
        at: r.at,
        staffId: r.staff_id,
        client: r.client,
        action: r.action,
        outcome: r.outcome,
        ...(r.detail === null ? {} : { detail: r.detail }),
      }));
    },
  };
}
