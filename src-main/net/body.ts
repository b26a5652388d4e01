/** A bounded request-body reader shared by the kiosk's HTTP servers. */
import type { IncomingMessage } from 'node:http';

/**
 * How much of a refused body is read and thrown away before the connection is cut. Closing a
 * socket while the client is still sending makes the kernel reset it, and a reset can discard
 * the 413 before the client reads it; past this much, the sender is a flood, not a mistake.
 */
export const DRAIN_LIMIT_BYTES = 8 * 1024 * 1024;

export type BodyResult = { ok: true; text: string } | { ok: false; reason: 'too_large' };

/**
 * Reads a request body as UTF-8. Past `limit` bytes (declared or received) nothing more is kept,
 * but the rest is read to its end, so the caller's 413 reaches the client; past `drainLimit`
 * more, the connection is cut. Rejects when the client goes away before the end.
 */
export function readBody(
  req: IncomingMessage,
  limit: number,
  drainLimit = DRAIN_LIMIT_BYTES,
): Promise<BodyResult> {
  return new Promise((resolve, reject) => {
    let chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    let settled = false;
    const settle = (outcome: BodyResult | Error) => {
      if (settled) return;
      settled = true;
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    // Already read to its end by someone else: there is nothing left to wait for.
    if (req.readableEnded) return settle({ ok: true, text: '' });
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) tooLarge = true;

    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (!tooLarge && size > limit) tooLarge = true;
      if (!tooLarge) {
        chunks.push(chunk);
        return;
      }
      chunks = [];
      if (size > limit + drainLimit) {
        req.socket.destroy();
        settle({ ok: false, reason: 'too_large' });
      }
    });
    req.once('end', () =>
      settle(
        tooLarge
          ? { ok: false, reason: 'too_large' }
          : { ok: true, text: Buffer.concat(chunks).toString('utf8') },
      ),
    );
    req.on('error', (error) => settle(error));
    req.once('close', () => settle(new Error('request closed before its end')));
  });
}
