/** Small helpers for starting real services: a free loopback port, and waiting on a condition. */
import { createServer } from 'node:net';

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Polls `check` until it is true. The limit is generous on purpose: it only turns a service that
 * never comes up into an error instead of a hang, and a loaded machine may be slow.
 */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  what: string,
  limitMs = 30_000,
): Promise<void> {
  const until = Date.now() + limitMs;
  for (let delay = 5; ; delay = Math.min(delay * 2, 100)) {
    if (await check()) return;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}
