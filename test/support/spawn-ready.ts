import { spawn, type ChildProcess } from 'node:child_process';
import { bundledEntry } from './node-entry';

/**
 * Starts an entry point under Node and waits for the line that says it is ready: built
 * JavaScript (dist/main/*.js) as it is, TypeScript bundled first (bundledEntry). The deadline
 * only bounds a start that hangs; readiness is the line, however long the machine takes.
 */
export async function spawnUntilReady(
  entry: string,
  args: string[],
  ready: RegExp,
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<{
  child: ChildProcess;
  match: RegExpExecArray;
  output: () => string;
  stop: () => Promise<void>;
}> {
  const script = entry.endsWith('.ts') ? await bundledEntry(entry) : entry;
  const child = spawn(process.execPath, [script, ...args], {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The tail only: a host that lives for a whole test run logs a lot.
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-64 * 1024));
  let started = false;
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${entry} not ready in time:\n${output}`)),
      options.timeoutMs ?? 60_000,
    );
    const onData = (chunk: Buffer) => {
      keep(chunk);
      const found = started ? null : ready.exec(output);
      if (found) {
        started = true;
        clearTimeout(timer);
        resolve(found);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', keep);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!started)
        reject(new Error(`${entry} exited with ${code} before it was ready:\n${output}`));
    });
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
  return { child, match, output: () => output, stop };
}
