/** Small helpers for starting real services: a free loopback port, and waiting on a condition. */
import { spawn } from 'node:child_process';
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

/** A service process started by `runService`; `stop` waits for it to exit. */
export interface RunningService {
  stop(): Promise<void>;
}

/**
 * Starts `command` in the foreground and waits until `ready` says it serves; fails with the end
 * of its stderr if it exits first. `stopSignal` is the service's clean shutdown.
 */
export async function runService(
  name: string,
  command: string,
  args: readonly string[],
  ready: () => boolean | Promise<boolean>,
  stopSignal: NodeJS.Signals,
): Promise<RunningService> {
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}): ${stderr}`))),
  );
  exited.catch(() => {});
  await Promise.race([waitFor(ready, `${name} to serve`), exited]);
  return {
    stop() {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      return new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill(stopSignal);
      });
    },
  };
}

/** A service that can be stopped and started again on the same data (outage tests). */
export interface Restartable {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Wraps `launch` (one `runService` call) so the service can be stopped and started again. */
export function restartable(launch: () => Promise<RunningService>): Restartable {
  let running: RunningService | null = null;
  return {
    async start() {
      running ??= await launch();
    },
    async stop() {
      const was = running;
      running = null;
      await was?.stop();
    },
  };
}
