/**
 * `npm run bench`: runs each benchmark script in its own process (so memory figures are not
 * mixed), passes their output through, and prints one JSON object merging their last lines.
 * Expects a build (`npm run build`) and runs under scripts/with-keyring.sh (the kiosk side
 * keeps its hashing key in the keychain).
 */
import { spawn } from 'node:child_process';

const SCRIPTS = ['bench/sync.ts', 'bench/outbox.ts', 'bench/ui.ts', 'bench/server.ts'];

function run(script: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk);
    });
    child.once('exit', (code) => {
      const last = output.trim().split('\n').at(-1) ?? '';
      if (code !== 0) return reject(new Error(`${script} exited with ${code}`));
      try {
        resolve(JSON.parse(last) as Record<string, unknown>);
      } catch {
        reject(new Error(`${script} did not end with a JSON line`));
      }
    });
  });
}

const merged: Record<string, unknown> = {};
for (const script of SCRIPTS) {
  process.stdout.write(`\n=== ${script}\n`);
  Object.assign(merged, await run(script));
}
process.stdout.write(`${JSON.stringify(merged)}\n`);
