/**
 * Uploads the journal's audit chain to the central API in batches (POST /v1/audit/events, kiosk
 * token only), oldest first, on a timer and whenever the API comes back; each line's eventId
 * makes a repeated upload a duplicate, never a second entry.
 */
import { randomUUID } from 'node:crypto';
import type { StaffApi } from '../../api/staff-client';
import type { Clock, Logger } from '../../core/ports';
import type { AuditChainStore } from '../../store/audit-chain';

const BATCH = 200;

export function startAuditUpload(options: {
  api: Pick<StaffApi, 'uploadAuditEvents'>;
  chain: AuditChainStore;
  clock: Clock;
  logger: Logger;
  everyMs?: number;
}): { uploadNow(): Promise<number>; stop(): Promise<void> } {
  let running: Promise<number> | null = null;
  let stopped = false;
  async function pass(): Promise<number> {
    let uploaded = 0;
    for (;;) {
      const batch = options.chain.notUploaded(BATCH);
      const first = batch[0];
      const last = batch[batch.length - 1];
      if (!first || !last) return uploaded;
      const answer = await options.api.uploadAuditEvents(batch, randomUUID());
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
