// `npm run check`: type checks, lint, API lint and formatting. Each tool runs on one core, so the
// parts run side by side, as many at once as the machine has cores (two on this project's
// machines), longest first; each part's output is printed whole when it ends. Exit code 1 when
// any part fails. The parts are also npm scripts of their own (check:types, lint, …).
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { delimiter, resolve } from 'node:path';

// Longest first (CPU seconds measured on this project), so that the short ones fill the gaps.
const PARTS = [
  [
    'svelte-check',
    'svelte-check --tsconfig src-renderer/tsconfig.json --fail-on-warnings --threshold warning',
  ],
  ['prettier', 'prettier --check .'],
  ['eslint', 'eslint . --max-warnings 0'],
  ['tsc (test)', 'tsc -p tsconfig.test.json'],
  ['tsc', 'tsc -p tsconfig.json'],
  ['redocly', 'npm run --silent lint:api'],
];

// The project's tools, also when this runs without npm (which puts them on the PATH).
const BIN = resolve('node_modules', '.bin');
const lanes = Math.max(1, Math.min(availableParallelism(), PARTS.length));
const queue = [...PARTS];
const failed = [];
const started = performance.now();

function run([name, command]) {
  return new Promise((resolve) => {
    const from = performance.now();
    const env = { ...process.env, FORCE_COLOR: '0', PATH: `${BIN}${delimiter}${process.env.PATH}` };
    const child = spawn(command, { shell: true, env });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => {
      const seconds = ((performance.now() - from) / 1000).toFixed(1);
      const verdict = code === 0 ? 'ok' : `FAILED (exit ${code})`;
      process.stdout.write(`--- ${name}: ${verdict}, ${seconds} s\n${output.trimEnd()}\n`);
      if (code !== 0) failed.push(name);
      resolve();
    });
  });
}

async function lane() {
  for (let part = queue.shift(); part; part = queue.shift()) await run(part);
}

await Promise.all(Array.from({ length: lanes }, lane));
const total = ((performance.now() - started) / 1000).toFixed(1);
process.stdout.write(
  failed.length === 0
    ? `check: all ${PARTS.length} parts passed in ${total} s\n`
    : `check: ${failed.join(', ')} failed (${total} s)\n`,
);
process.exit(failed.length === 0 ? 0 : 1);
