/**
 * Staff mode's part of test/integration/openapi.test.ts: the wire schemas each documented staff
 * body must match, and the calls each staff operation is tried with (as an agent, a supervisor,
 * without a session, with the wrong role).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { HeartbeatDeadLetterWire, HeartbeatWire } from '../../src-main/api/wire-fleet';
import {
  ActionProofs,
  ActionProofsRequest,
  AccountEventWire,
  AccountEvents,
  AuditEventWire,
  AuditPage,
  AuditUpload,
  AuditUploadResult,
  IdentityCheck,
  RevealedEmail,
  STAFF_PATHS,
  SignInLimitsLifted,
  StaffAccountView,
  StaffEmailSent,
  StaffGrantRequest,
  StaffGrantWire,
  StaffLoginRequest,
  StaffMemberWire,
  StaffResendRequest,
  StaffRevealRequest,
  StaffSessionWire,
  StaffUnlockRequest,
  StaffUnlocked,
  StudentSearchResult,
  StudentSummaryWire,
} from '../../src-main/api/wire-staff';
import { academicYearOf } from '../../src-main/core/academic-year';
import { chainEntry, type AuditEntry } from '../../src-main/core/staff-audit-chain';
import { DEMO_DEVICE } from '../../src-main/simulator/dataset';
import { DEMO_STAFF } from '../../src-main/simulator/demo-students';
import type { Simulator } from '../../src-main/simulator/server';
import type { ScenarioCall } from './journey-openapi';

/** Documented schema name → the wire schema it must agree with. */
export const STAFF_SCHEMA_PAIRS: [string, z.ZodType][] = [
  ['StaffLoginRequest', StaffLoginRequest],
  ['StaffMember', StaffMemberWire],
  ['StaffSession', StaffSessionWire],
  ['StudentSummary', StudentSummaryWire],
  ['StudentSearchResult', StudentSearchResult],
  ['StaffAccountView', StaffAccountView],
  ['AccountEvent', AccountEventWire],
  ['AccountEvents', AccountEvents],
  ['IdentityCheck', IdentityCheck],
  ['StaffRevealRequest', StaffRevealRequest],
  ['RevealedEmail', RevealedEmail],
  ['StaffResendRequest', StaffResendRequest],
  ['StaffEmailSent', StaffEmailSent],
  ['StaffUnlockRequest', StaffUnlockRequest],
  ['StaffUnlocked', StaffUnlocked],
  ['StaffGrantRequest', StaffGrantRequest],
  ['StaffGrant', StaffGrantWire],
  ['AuditEvent', AuditEventWire],
  ['AuditUpload', AuditUpload],
  ['AuditUploadResult', AuditUploadResult],
  ['AuditPage', AuditPage],
  ['ActionProofsRequest', ActionProofsRequest],
  ['ActionProofs', ActionProofs],
  ['Heartbeat', HeartbeatWire],
  ['HeartbeatDeadLetter', HeartbeatDeadLetterWire],
];

const documented = (build: (identifier: string) => string) =>
  decodeURIComponent(build('{identifier}'));

/** Operation id → the path of wire-staff.ts it must match. */
export const STAFF_OPERATION_PATHS: Record<string, string> = {
  openStaffSession: STAFF_PATHS.sessions,
  closeStaffSession: STAFF_PATHS.currentSession,
  searchStudents: STAFF_PATHS.students,
  getStaffAccountView: documented(STAFF_PATHS.account),
  listAccountEvents: documented(STAFF_PATHS.events),
  revealPersonalEmail: documented(STAFF_PATHS.revealEmail),
  staffResendActivationEmail: documented(STAFF_PATHS.activationEmail),
  unlockAccount: documented(STAFF_PATHS.unlock),
  issueStaffActionProofs: documented(STAFF_PATHS.actionProofs),
  liftStaffSignInLimits: STAFF_PATHS.signInLimitsLift,
  issueStaffGrant: STAFF_PATHS.grants,
  listAuditEvents: STAFF_PATHS.audit,
  uploadAuditEvents: STAFF_PATHS.auditUpload,
};

/** Operation id → schema of the documented request example. */
export const STAFF_REQUEST_EXAMPLES: Record<string, z.ZodType> = {
  openStaffSession: StaffLoginRequest,
  revealPersonalEmail: StaffRevealRequest,
  staffResendActivationEmail: StaffResendRequest,
  unlockAccount: StaffUnlockRequest,
  issueStaffActionProofs: ActionProofsRequest,
  issueStaffGrant: StaffGrantRequest,
  sendHeartbeat: HeartbeatWire,
};

/** Operation id → schema of the documented success example. */
export const STAFF_RESPONSE_EXAMPLES: Record<string, z.ZodType> = {
  openStaffSession: StaffSessionWire,
  searchStudents: StudentSearchResult,
  getStaffAccountView: StaffAccountView,
  listAccountEvents: AccountEvents,
  revealPersonalEmail: RevealedEmail,
  staffResendActivationEmail: StaffEmailSent,
  unlockAccount: StaffUnlocked,
  issueStaffActionProofs: ActionProofs,
  liftStaffSignInLimits: SignInLimitsLifted,
  issueStaffGrant: StaffGrantWire,
  listAuditEvents: AuditPage,
  uploadAuditEvents: AuditUploadResult,
};

const pinOf = (staffId: string) => {
  const pin = DEMO_STAFF.find((s) => s.staffId === staffId)?.pin;
  if (!pin) throw new Error(`no demo staff ${staffId}`);
  return pin;
};

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** A chain of `count` audit entries as the kiosk's journal makes them, ready to upload. */
export function auditChain(count: number, actor = 'agent01') {
  const entries: (AuditEntry & { eventId: string })[] = [];
  let previous: AuditEntry | null = null;
  for (let i = 0; i < count; i += 1) {
    const entry: AuditEntry = chainEntry(
      previous,
      {
        at: new Date(Date.UTC(2026, 10, 25, 10, i)).toISOString(),
        actor,
        action: 'staff.lookup',
        subject: 'zlefevre',
        reason: null,
        outcome: 'success',
      },
      sha256Hex,
    );
    entries.push({ ...entry, eventId: randomUUID() });
    previous = entry;
  }
  return entries;
}

const check = { document: 'national_id_card', checkedAt: '2026-11-25T10:00:00Z' };
const plain = (value: string) => ({ type: 'plain', value });

/**
 * The calls for each staff operation, on the demo population, in document order (after the
 * student journeys: Éloïse is active by then). Sessions and grants are taken from the running
 * simulator when each call is made.
 */
export function staffScenarios(simulator: () => Simulator): {
  staff: Record<string, Record<string, ScenarioCall>>;
  /** More calls for journey operations: the student's proof is a staff grant. */
  grants: Record<string, Record<string, ScenarioCall>>;
} {
  const session = (staffId: string) => {
    const opened = simulator().state.staff.signIn(
      staffId,
      pinOf(staffId),
      DEMO_DEVICE.deviceId,
      900,
    );
    if (!opened.ok) throw new Error(`cannot open a session for ${staffId}`);
    return { 'x-staff-session': opened.sessionToken };
  };
  const agent = () => session('agent01');
  const grant = (identifier: string, purpose: 'activation' | 'password_reset') =>
    simulator().state.staff.issueGrant(identifier, purpose, 'agent01').grant;
  // Getters are copied as getters: they read the simulator when the call is made.
  const as = (who: () => Record<string, string>, call: ScenarioCall): ScenarioCall =>
    Object.defineProperties(Object.defineProperties({}, Object.getOwnPropertyDescriptors(call)), {
      headers: { get: who, enumerable: true },
    }) as ScenarioCall;
  const students = () => simulator().state.dataset.students;
  /** A generated student who may activate now (Éloïse is active by the time staff calls run). */
  const activatable = () => {
    const year = academicYearOf(new Date(), 'Europe/Paris');
    const found = students().find(
      (s) =>
        s.account.status === 'not_activated' &&
        s.personalEmail &&
        s.identifier !== 'endiayebrule' &&
        s.enrollments.some(
          (e) => e.academicYear === year && Date.parse(e.validatedAt) < Date.now() - 3600_000,
        ),
    );
    if (!found) throw new Error('the demo population has no student who may activate');
    return { identifier: found.identifier };
  };
  /** A generated locked student (Søren's lock is lifted by the grant-proven reset). */
  const locked = () => {
    const found = students().find(
      (s) => s.account.status === 'locked' && s.identifier !== 'sodegaard',
    );
    if (!found) throw new Error('the demo population has no other locked student');
    return { identifier: found.identifier };
  };
  const zoe = { identifier: 'zlefevre' };
  const soren = { identifier: 'sodegaard' };
  const unknown = { identifier: 'nobody' };
  const chain = auditChain(3);
  const tampered = auditChain(2).map((e, i) => (i === 1 ? { ...e, subject: 'someone' } : e));

  const staff: Record<string, Record<string, ScenarioCall>> = {
    openStaffSession: {
      ok: { body: { staffId: 'agent01', pin: pinOf('agent01') } },
      wrongPin: { body: { staffId: 'agent02', pin: '000000' } },
      unknown: { body: { staffId: 'nobody', pin: '000000' } },
      notAPin: { body: { staffId: 'agent01', pin: '12' } },
      noToken: { auth: false, body: { staffId: 'agent01', pin: pinOf('agent01') } },
    },
    closeStaffSession: {
      ok: as(agent, {}),
      unknownSession: { headers: { 'x-staff-session': 'not-a-session' } },
      noSession: {},
    },
    searchStudents: {
      byNumber: as(agent, { query: { q: '21901234' } }),
      byName: as(agent, { query: { q: 'ndiaye brule', limit: '5' } }),
      tooShort: as(agent, { query: { q: 'a' } }),
      badLimit: as(agent, { query: { q: 'lefevre', limit: '500' } }),
      noSession: { query: { q: 'lefevre' } },
      expiredSession: { query: { q: 'lefevre' }, headers: { 'x-staff-session': 'expired' } },
    },
    getStaffAccountView: {
      locked: as(agent, { params: soren }),
      active: as(agent, { params: zoe }),
      early: as(agent, { params: { identifier: 'tnguyen' } }),
      unknown: as(agent, { params: unknown }),
      noSession: { params: zoe },
    },
    listAccountEvents: {
      ok: as(agent, { params: { identifier: 'endiayebrule' } }),
      unknown: as(agent, { params: unknown }),
      noSession: { params: zoe },
    },
    revealPersonalEmail: {
      ok: as(agent, { params: zoe, body: { verification: check, reason: 'student_request' } }),
      documentNumber: as(agent, {
        params: zoe,
        body: { verification: { ...check, number: 'X123' }, reason: 'student_request' },
      }),
      unknown: as(agent, {
        params: unknown,
        body: { verification: check, reason: 'student_request' },
      }),
      noSession: { params: zoe, body: { verification: check, reason: 'student_request' } },
    },
    staffResendActivationEmail: {
      ok: as(agent, {
        get params() {
          return activatable();
        },
        body: { reason: 'email_not_received' },
      }),
      corrected: as(agent, {
        get params() {
          return activatable();
        },
        body: {
          reason: 'email_address_wrong',
          correctedEmail: 'new.address@example.org',
          verification: check,
        },
      }),
      ownDomain: as(agent, {
        get params() {
          return activatable();
        },
        body: {
          reason: 'email_address_wrong',
          correctedEmail: 'someone@umontpellier.fr',
          verification: check,
        },
      }),
      active: as(agent, { params: zoe, body: { reason: 'email_not_received' } }),
      tooEarly: as(agent, { params: { identifier: 'tnguyen' }, body: { reason: 'other' } }),
      noCheck: as(agent, {
        params: zoe,
        body: { reason: 'email_address_wrong', correctedEmail: 'z@example.org' },
      }),
      unknown: as(agent, { params: unknown, body: { reason: 'email_not_received' } }),
      noSession: { params: zoe, body: { reason: 'email_not_received' } },
    },
    unlockAccount: {
      notLocked: as(agent, {
        params: zoe,
        body: { verification: check, reason: 'account_locked' },
      }),
      ok: as(agent, {
        get params() {
          return locked();
        },
        body: { verification: check, reason: 'account_locked' },
      }),
      unknown: as(agent, { params: unknown, body: { verification: check, reason: 'other' } }),
      noSession: { params: soren, body: { verification: check, reason: 'account_locked' } },
    },
    issueStaffGrant: {
      reset: as(agent, {
        body: {
          identifier: 'zlefevre',
          purpose: 'password_reset',
          verification: check,
          reason: 'forgotten_password',
        },
      }),
      activeAccount: as(agent, {
        body: {
          identifier: 'zlefevre',
          purpose: 'activation',
          verification: check,
          reason: 'activation_help',
        },
      }),
      unknown: as(agent, {
        body: {
          identifier: 'nobody',
          purpose: 'activation',
          verification: check,
          reason: 'activation_help',
        },
      }),
      noSession: {
        body: {
          identifier: 'zlefevre',
          purpose: 'activation',
          verification: check,
          reason: 'activation_help',
        },
      },
    },
    issueStaffActionProofs: {
      ok: as(agent, { params: soren, body: { actions: ['unlock_account', 'resend_activation'] } }),
      unknown: as(agent, { params: unknown, body: { actions: ['unlock_account'] } }),
      noAction: as(agent, { params: soren, body: { actions: [] } }),
      noSession: { params: soren, body: { actions: ['unlock_account'] } },
    },
    liftStaffSignInLimits: {
      supervisor: as(() => session('super01'), {}),
      agent: as(agent, {}),
      noSession: {},
    },
    sendHeartbeat: {
      ok: {
        body: {
          sentAt: new Date().toISOString(),
          version: 'test',
          profile: 'test',
          mode: 'online',
          startedAt: new Date().toISOString(),
          lastSyncAt: null,
          outbox: [],
          deadLetters: 1,
          recentDeadLetters: [
            {
              at: new Date().toISOString(),
              kind: 'staff.resend_activation',
              reason: 'invalid_state',
              account: '3901bf30',
            },
          ],
          audit: { head: 0, acknowledged: null, refused: 0 },
          slowDownSeconds: null,
          freeDiskBytes: null,
        },
      },
      personalField: { body: { studentNumber: '21901234' } },
      noToken: { auth: false, body: {} },
    },
    listAuditEvents: {
      supervisor: as(() => session('super01'), {}),
      page: as(() => session('super01'), { query: { afterSeq: '1', limit: '1' } }),
      agent: as(agent, {}),
      noSession: {},
    },
    uploadAuditEvents: {
      ok: { body: { events: chain } },
      again: { body: { events: chain } },
      tampered: { body: { events: tampered } },
      empty: { body: { events: [] } },
      noToken: { auth: false, body: { events: chain } },
    },
  };

  const grants: Record<string, Record<string, ScenarioCall>> = {
    resetPassword: {
      // Søren is locked: a reset proven by a staff grant unlocks him.
      withGrant: {
        params: soren,
        get body() {
          return {
            proof: { method: 'staff_grant', grant: grant('sodegaard', 'password_reset') },
            newPassword: plain('Mx7#pRt4yN'),
          };
        },
      },
      unknownGrant: {
        params: zoe,
        body: { proof: { method: 'staff_grant', grant: 'nope' }, newPassword: plain('Mx7#pRt4yN') },
      },
    },
  };
  return { staff, grants };
}
