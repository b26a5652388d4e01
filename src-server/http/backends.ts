/**
 * The route table's ports (src-main/simulator/backends.ts) over the university's systems:
 * accounts read from and written to the directory, enrolments dated from the server's first
 * sight of them, attempt limits, codes and sessions in PostgreSQL so that every instance sees the
 * same, and code e-mails queued for the SMTP relay.
 */
import { createPostgresFleet } from '../postgres/fleet';
import { maskEmail } from '../../src-main/core/email';
import type { Clock } from '../../src-main/core/ports';
import type { StaffRole } from '../../src-main/core/staff-roles';
import type {
  AccountRecord,
  AccountStore,
  AttemptGate,
  Backends,
  ChangeFeedReader,
  CodeMailer,
} from '../../src-main/simulator/backends';
import { rateLimited } from '../../src-main/simulator/rate-limits';
import { activationAvailableAt } from '../../src-main/simulator/student-wire';
import { isoSeconds } from '../../src-main/simulator/time';
import { searchFeedRecords } from '../feed/staff-search';
import { serverHealth } from './health';
import { toStudentWire } from '../feed/student-wire';
import { codeMail } from '../mail/code-mail';
import { enqueueMail } from '../mail/queue';
import type { AttemptLimiter } from '../postgres/attempts';
import type { Pool } from '../postgres/database';
import { createPostgresDevices } from '../postgres/devices';
import { enrolmentsFirstSeen } from '../postgres/enrolments';
import { createPostgresSecrets } from '../postgres/journey-secrets';
import { createPostgresStaff } from '../postgres/staff';
import { createPostgresAudit, createPostgresEvents } from '../postgres/staff-records';
import { unavailableOnOutage, type Database } from '../postgres/outage';
import { DirectoryPolicyError, type Directory, type DirectoryPerson } from '../ports/directory';

export interface ServerBackendOptions {
  activationDelayMinutes: number;
  programLabel(step: string): string;
  /** Keys the digests of codes and sessions (never stored in the database). */
  secretKey: Buffer;
  clock: Clock;
  /** Names the institution in the e-mails. */
  institutionName: string;
  /** Wakes the mail sender once a message is queued (else it waits for its next round). */
  mailQueued?: () => void;
  tokenTtlSeconds?: number;
  heartbeatMinIntervalSeconds?: number | undefined;
  /** The role of staff enrolled without one, from the directory's groups. */
  staffRoleFromDirectory?: (staffId: string) => Promise<StaffRole | null>;
}

/**
 * A staff member's role from the directory's groups: supervisor when in that group, else agent
 * when in that one, else none.
 */
export function roleFromGroups(
  directory: Directory,
  groups: { agent?: string; supervisor?: string },
): (staffId: string) => Promise<StaffRole | null> {
  const named = [groups.supervisor, groups.agent].filter((g): g is string => g !== undefined);
  return async (staffId) => {
    const member = await directory.groupsOf(staffId, named);
    if (groups.supervisor !== undefined && member.includes(groups.supervisor)) return 'supervisor';
    if (groups.agent !== undefined && member.includes(groups.agent)) return 'agent';
    return null;
  };
}

function attemptGate(limiter: AttemptLimiter): AttemptGate {
  return {
    async reserve(attempt) {
      const reservation = await limiter.reserve([
        { key: attempt.subject, rule: attempt.subjectRule },
        { key: attempt.kiosk, rule: attempt.kioskRule },
      ]);
      if (!reservation.ok) return { ok: false, reply: rateLimited(reservation.retryAfterSeconds) };
      return {
        ok: true,
        held: {
          settle: (success) =>
            success ? limiter.succeeded(reservation, [attempt.subject]) : Promise.resolve(),
          release: () => limiter.released(reservation),
        },
      };
    },
  };
}

/** The server's backends over `directory` and `pool` (migrated). */
export function serverBackends(
  directory: Directory,
  pool: Pool,
  limiter: AttemptLimiter,
  feed: ChangeFeedReader,
  options: ServerBackendOptions,
): Backends {
  const db = unavailableOnOutage(pool);
  return {
    devices: createPostgresDevices(pool, options.clock, options.tokenTtlSeconds),
    feed,
    accounts: directoryAccounts(directory, pool, db, options),
    attempts: attemptGate(limiter),
    secrets: createPostgresSecrets(pool, options.secretKey, options.clock),
    mail: queuedMail(db, options),
    staff: createPostgresStaff(pool, {
      clock: options.clock,
      secretKey: options.secretKey,
      roleFromDirectory: options.staffRoleFromDirectory,
    }),
    events: createPostgresEvents(pool, options.clock),
    audit: createPostgresAudit(pool),
    health: serverHealth(directory, pool),
    fleet: createPostgresFleet(pool, options.heartbeatMinIntervalSeconds),
  };
}

function queuedMail(db: Database, options: ServerBackendOptions): CodeMailer {
  return {
    async send(message) {
      await enqueueMail(db, codeMail(message, options.institutionName));
      options.mailQueued?.();
    },
  };
}

function directoryAccounts(
  directory: Directory,
  pool: Pool,
  db: Database,
  options: ServerBackendOptions,
): AccountStore {
  async function wire(person: DirectoryPerson) {
    const student = toStudentWire(person, {
      firstSeen:
        (await enrolmentsFirstSeen(db, [person], options.clock.now())).get(person.id) ?? new Map(),
      programLabel: options.programLabel,
    });
    return {
      student,
      activationAvailableAt: activationAvailableAt(student, options.activationDelayMinutes),
    };
  }
  async function record(person: DirectoryPerson): Promise<AccountRecord> {
    const { student } = await wire(person);
    const { rows } = await db.query<{ at: Date | null }>(
      'SELECT charter_accepted_at AS at FROM account_notes WHERE identifier = $1',
      [person.identifier],
    );
    const charter = rows[0]?.at;
    return {
      ...student,
      studentNumber: person.studentNumbers.find((n) => /^\d{1,20}$/.test(n)) ?? '',
      // An entry without a birth date cannot identify, but its password still may not hold one.
      birthDate: person.birthDate ?? '',
      personalEmail: person.personalEmail,
      charterAcceptedAt: charter ? isoSeconds(charter) : null,
      mailRedirected: person.mailRedirection !== null,
      ...(person.lock ? { lockReason: person.lock } : {}),
    };
  }
  async function note(
    identifier: string,
    column: 'charter_accepted_at' | 'redirection_changed_at',
    at: Date,
    client: { query: Database['query'] } = db,
  ) {
    await client.query(
      `INSERT INTO account_notes (identifier, ${column}) VALUES ($1, $2)
       ON CONFLICT (identifier) DO UPDATE SET ${column} = EXCLUDED.${column}`,
      [identifier, at],
    );
  }

  return {
    async identify(studentNumber, birthDate) {
      const person = await directory.identify(studentNumber, birthDate);
      if (!person) return null;
      const { student, activationAvailableAt } = await wire(person);
      return {
        ...student,
        maskedEmail: person.personalEmail ? maskEmail(person.personalEmail) : null,
        activationAvailableAt,
      };
    },
    async accountStatus(identifier) {
      const person = await directory.byIdentifier(identifier);
      if (!person) return null;
      const { student, activationAvailableAt } = await wire(person);
      return { identifier: person.identifier, ...student.account, activationAvailableAt };
    },
    async find(identifier) {
      const person = await directory.byIdentifier(identifier);
      return person ? record(person) : null;
    },
    async verifyPassword(identifier, password) {
      const outcome = await directory.checkPassword(identifier, password);
      return outcome === 'wrong_password' ? 'wrong' : outcome;
    },
    setPassword: (identifier, password) => directory.setPassword(identifier, password),
    async changePassword(identifier, current, next) {
      try {
        await directory.changePassword(identifier, current, next);
        return true;
      } catch (error) {
        if (error instanceof DirectoryPolicyError) return false;
        throw error;
      }
    },
    async activate(identifier, password, at) {
      // One activation of an account at a time, whichever instance runs it: the state is read
      // again under the lock, and the directory is written before the transaction commits.
      return db.transaction(async (client) => {
        await client.query("SELECT pg_advisory_xact_lock(hashtextextended('activate:' || $1, 0))", [
          identifier,
        ]);
        const person = await directory.byIdentifier(identifier);
        if (!person || person.status !== 'not_activated') return false;
        await directory.setPassword(identifier, password);
        await directory.markActivated(identifier, at);
        await note(identifier, 'charter_accepted_at', at, client);
        return true;
      });
    },
    unlock: (identifier) => directory.unlock(identifier),
    search: (query, limit) => searchFeedRecords(db, query, limit),
    setPersonalEmail: (identifier, address) => directory.setPersonalEmail(identifier, address),
    async redirection(identifier) {
      const person = await directory.byIdentifier(identifier);
      if (!person) throw new Error('no such account');
      const { rows } = await db.query<{ at: Date | null }>(
        'SELECT redirection_changed_at AS at FROM account_notes WHERE identifier = $1',
        [identifier],
      );
      const at = rows[0]?.at;
      return {
        address: person.mailRedirection,
        keepCopy: person.mailKeepCopy,
        updatedAt: at ? isoSeconds(at) : null,
      };
    },
    async setRedirection(identifier, address, keepCopy) {
      await directory.setRedirection(identifier, address, keepCopy);
      await note(identifier, 'redirection_changed_at', options.clock.now());
    },
  };
}
