/**
 * The audit log on the simulator: kiosks upload their hash-chained journal entries (kiosk token
 * only: the outbox sends them whoever is at the kiosk), and a supervisor reads back what this
 * kiosk uploaded.
 */
import {
  AuditUpload,
  STAFF_PATHS,
  type AuditPage,
  type AuditUploadResult,
} from '../api/wire-staff';
import { json } from './http';
import { defineRoute, type Route } from './router';

const upload = defineRoute({
  method: 'POST',
  path: STAFF_PATHS.auditUpload,
  auth: 'kiosk',
  body: AuditUpload,
  handle: async ({ body, device, env }) => {
    const outcome = await env.backends.audit.upload(device?.deviceId ?? '', body.events);
    if (!outcome.ok) {
      const message =
        outcome.code === 'audit_hash_mismatch'
          ? `the hash of entry ${outcome.seq} does not match its content`
          : `entry ${outcome.seq} reuses an eventId with other content`;
      return { status: 422, body: { code: outcome.code, message } };
    }
    const reply: AuditUploadResult = { accepted: outcome.accepted, duplicates: outcome.duplicates };
    return json(reply, 202);
  },
});

const DEFAULT_PAGE = 100;

const list = defineRoute({
  method: 'GET',
  path: STAFF_PATHS.audit,
  auth: 'staff',
  staffAction: 'audit_view',
  body: null,
  handle: async ({ query, device, env }) => {
    // Both were checked against the contract (integers in range) before the handler.
    const afterSeq = Number(query.get('afterSeq') ?? 0);
    const limit = Number(query.get('limit') ?? DEFAULT_PAGE);
    const reply: AuditPage = await env.backends.audit.list(device?.deviceId ?? '', afterSeq, limit);
    return json(reply);
  },
});

/** The audit endpoints. */
export const AUDIT_ROUTES: readonly Route[] = [upload, list];
