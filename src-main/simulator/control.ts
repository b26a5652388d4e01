/**
 * Simulator-only control endpoints, outside the API (/v1) and off unless asked for
 * (`--control`, or `control: true` in tests): they let a test inject faults and count writes.
 *   GET    /_simulator/faults   the current faults
 *   POST   /_simulator/faults   merge faults, e.g. {"failNext5xx": 3} or {"down": true}
 *   DELETE /_simulator/faults   clear every fault
 *   GET    /_simulator/writes   the keyed writes performed, oldest first
 */
import type { IncomingMessage } from 'node:http';
import type { Faults } from './faults';
import { FaultSpec } from './faults';
import { apiError, isJsonContentType, json, readBody, type Reply } from './http';
import type { IdempotencyStore } from './idempotency';

export const CONTROL_PREFIX = '/_simulator/';

/** Answers one control request; null for a path it does not serve (other controls may). */
export async function handleControl(
  req: IncomingMessage,
  pathname: string,
  faults: Faults,
  idempotency: IdempotencyStore,
): Promise<Reply | null> {
  const route = `${req.method} ${pathname}`;
  switch (route) {
    case 'GET /_simulator/faults':
      return json(faults.current());
    case 'DELETE /_simulator/faults':
      faults.clear();
      return json(faults.current());
    case 'GET /_simulator/writes':
      return json({ writes: idempotency.performed() });
    case 'POST /_simulator/faults': {
      if (!isJsonContentType(req.headers['content-type'])) {
        return apiError(415, 'invalid_request', 'content-type must be application/json');
      }
      const read = await readBody(req);
      if (!read.ok) return apiError(413, 'invalid_request', 'request body too large');
      let data: unknown;
      try {
        data = JSON.parse(read.text);
      } catch {
        return apiError(400, 'invalid_request', 'body is not valid JSON');
      }
      const parsed = FaultSpec.partial().safeParse(data);
      if (!parsed.success) return apiError(400, 'invalid_request', parsed.error.message);
      return json(faults.set(parsed.data));
    }
    default:
      return null;
  }
}
