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
import type { AuditRefusal } from './audit-store';
import { json } from './http';
import { defineRoute, type Route } from './router';

const REFUSALS: Record<AuditRefusal, string> = {
  audit_hash_mismatch: 'its hash does not match its content',
  audit_event_conflict: 'its eventId is stored with other content',
  audit_chain_fork: 'its sequence number is stored with another entry',
  audit_chain_gap: 'entries are missing before it',
  audit_chain_link: 'its previous hash is not the stored head',
  audit_chain_order: 'sequence numbers repeat or go back in the batch',
};

const upload = defineRoute({
  method: 'POST',
  path: STAFF_PATHS.auditUpload,
  auth: 'kiosk',
  body: AuditUpload,
  handle: async ({ body, device, env }) => {
    const outcome = await env.backends.audit.upload(
      device?.deviceId ?? '',
      body.events,
      env.clock.now(),
    );
    if (!outcome.ok) {
      const message = `entry ${outcome.seq}: ${REFUSALS[outcome.code]}`;
      env.logger.warn('audit: upload refused', { deviceId: device?.deviceId, code: outcome.code });
      return { status: 422, body: { code: outcome.code, message, seq: outcome.seq } };
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
