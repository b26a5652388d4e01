/**
 * A dead letter retried by the desk. The API keeps its answer to an Idempotency-Key for 24 h and
 * replays it: a write it refused (a final 4xx, not a 429) sent again under the same key gets the
 * same refusal back, even after the desk fixed the cause (an account unlocked). Such a write was
 * not applied, so a new key cannot apply it twice; its payload, sealed for its key, is sealed
 * again for the new one. Any other dead letter keeps its key, so that the API answers a write it
 * had in fact applied with its first answer.
 */
import { randomUUID } from 'node:crypto';
import { payloadAad, type AtRest } from './at-rest';
import type { OutboxRow } from './store';

/** Whether the API answered this dead letter with a final refusal ("409 account_state"). */
export function refusedByApi(lastError: string | null): boolean {
  const status = Number(/^(\d{3}) /.exec(lastError ?? '')?.[1]);
  return status >= 400 && status < 500 && status !== 429;
}

/** The new key and payload a retried dead letter needs, or undefined to keep its own. */
export function rekeyForRetry(
  row: Pick<OutboxRow, 'lastError' | 'idempotencyKey' | 'payloadJson'>,
  atRest: AtRest,
  newKey: () => string = randomUUID,
): { key: string; payloadJson: string } | undefined {
  if (!refusedByApi(row.lastError)) return undefined;
  const body = atRest.open(row.payloadJson, payloadAad(row.idempotencyKey));
  // Unreadable: nothing can send it under any key; it stays as it is and dies again.
  if (body === null) return undefined;
  const key = newKey();
  return { key, payloadJson: atRest.seal(body, payloadAad(key)) };
}
