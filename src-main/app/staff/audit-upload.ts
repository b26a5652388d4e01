/**
 * Uploads the journal's audit chain to the central API in batches (POST /v1/audit/events, kiosk
 * token only), oldest first, on a timer and whenever the API comes back. Each batch is a write
 * of the outbox: committed (sealed) before it is sent, queued when the API does not answer and
 * replayed in order; once in the outbox its lines count as uploaded here, the outbox owns their
 * delivery (a batch the API refuses is a dead letter staff can see and retry). The batch's key
 * is made of its first and last eventIds, so a batch built again after a crash is the same
 * write, and each line's eventId makes a repeated upload a duplicate, never a second entry.
 * Only lines whose seal holds go up (store/audit-chain.ts): one edited on disk stops the upload
 * there, so the central copy never takes it in.
 */
import { auditWire } from '../../api/staff-client';
import { AuditUploadResult, STAFF_PATHS } from '../../api/wire-staff';
import type { Clock, Logger } from '../../core/ports';
import type { Outbox } from '../../outbox/outbox';
import type { AuditChainStore } from '../../store/audit-chain';

const BATCH = 200;
/**
 * A batch's body stays under this, well below the API's 64 KiB limit (413 beyond): 200 lines
 * with long reasons would not fit. One line (reason at most 600 characters) always does.
 */
export const MAX_BATCH_BYTES = 48 * 1024;

/** The oldest lines that fit in one request body, at least one. */
function fitting<T>(lines: readonly T[], wire: (line: T) => unknown): T[] {
  let bytes = 16;
  const out: T[] = [];
  for (const line of lines) {
    bytes += Buffer.byteLength(JSON.stringify(wire(line))) + 1;
    if (out.length > 0 && bytes > MAX_BATCH_BYTES) break;
    out.push(line);
  }
  return out;
}
/** The outbox kind of an audit batch; the outbox keeps no audit line of its own for it. */
export const AUDIT_UPLOAD_KIND = 'audit.upload';
/** The outbox queue audit batches wait in, one after the other. */
const AUDIT_QUEUE = '~audit';

export function startAuditUpload(options: {
  outbox: Pick<Outbox, 'submit' | 'store'>;
  chain: AuditChainStore;
  clock: Clock;
  logger: Logger;
  everyMs?: number;
}): { uploadNow(): Promise<number>; stop(): Promise<void> } {
  let running: Promise<number> | null = null;
  let stopped = false;
  let warnedAt: number | null = null;
  async function pass(): Promise<number> {
    let uploaded = 0;
    // A batch the API refused waits as a dead letter (staff diagnostics raise the alarm): the
    // lines after it would be refused too, until a supervisor retries or discards it.
    if (options.outbox.store.deadLetters().some((row) => row.kind === AUDIT_UPLOAD_KIND))
      return uploaded;
    for (;;) {
      const { lines, blockedAt } = options.chain.notUploaded(BATCH);
      const batch = fitting(lines, auditWire);
      const first = batch[0];
      const last = batch[batch.length - 1];
      if (!first || !last) {
        // A line edited on disk is never uploaded, nor any after it: the log says where.
        if (blockedAt !== null && blockedAt !== warnedAt) {
          warnedAt = blockedAt;
          options.logger.warn('audit: upload stopped at a line whose seal does not hold', {
            seq: blockedAt,
            check: 'npm run audit:verify',
          });
        }
        return uploaded;
      }
      const answer = await options.outbox.submit(
        {
          kind: AUDIT_UPLOAD_KIND,
          account: AUDIT_QUEUE,
          method: 'post',
          path: STAFF_PATHS.auditUpload,
          body: { events: batch.map(auditWire) },
          idempotencyKey: `audit-${first.eventId}-${last.eventId}`,
          keepRefused: true,
        },
        AuditUploadResult,
      );
      // Stopped while the batch was on its way: the journal may be closing; the next start
      // sends the batch again, and its eventIds make that a duplicate, never a second entry.
      if (stopped) return uploaded;
      if (!answer.ok) {
        options.logger.debug('audit: upload postponed', { code: answer.error.code });
        return uploaded;
      }
      options.chain.markUploaded(first.seq, last.seq, options.clock.now().getTime());
      uploaded += batch.length;
    }
  }
  const uploadNow = () =>
    stopped ? Promise.resolve(0) : (running ??= pass().finally(() => (running = null)));
  const timer = setInterval(() => void uploadNow(), options.everyMs ?? 60_000);
  timer.unref();
  return {
    uploadNow,
    /** Ends the timer and waits for a pass under way, so nothing touches a closed journal. */
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => 0);
    },
  };
}
