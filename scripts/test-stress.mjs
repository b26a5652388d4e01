// `npm run test:stress`: the end-to-end stage three times in a row, each time with two CPU-bound
// processes running alongside (`stress-ng --cpu 2`, or two busy Node processes where stress-ng is
// not installed), as on a shared 2-core machine. Prints the three wall times; exits non-zero when
// any run had a failure. Builds first when dist/ is stale, so that every run tests the same build.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ensureBuilt, root } from './built.mjs';

const RUNS = 3;

/** Two CPU hogs in their own process group, so that stopping them stops all of their workers. */
function startLoad() {
  const stressNg = existsSync('/usr/bin/stress-ng');
  const child = stressNg
    ? spawn('stress-ng', ['--cpu', '2', '--quiet'], { detached: true, stdio: 'ignore' })
    : spawn(
        'sh',
        ['-c', `${process.execPath} -e 'for(;;){}' & ${process.execPath} -e 'for(;;){}' & wait`],
        { detached: true, stdio: 'ignore' },
      );
  return {
    what: stressNg ? 'stress-ng --cpu 2' : 'two busy node processes',
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const signal = (name) => {
          try {
            process.kill(-child.pid, name);
          } catch {
            // The group is already gone.
          }
        };
        const stubborn = setTimeout(() => signal('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(stubborn);
          resolve();
        });
        signal('SIGTERM');
      }),
  };
}

function runE2e() {
  return new Promise((resolve) => {
    const child = spawn(
      'bash',
      ['scripts/with-keyring.sh', 'npx', 'playwright', 'test', '--project', 'chromium'],
      { cwd: root, stdio: 'inherit' },
    );
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

ensureBuilt();
const results = [];
for (let run = 1; run <= RUNS; run++) {
  const load = startLoad();
  process.stdout.write(`\n=== end-to-end run ${run}/${RUNS}, alongside ${load.what}\n`);
  const started = performance.now();
  let code;
  try {
    code = await runE2e();
  } finally {
    await load.stop();
  }
  results.push({ run, code, seconds: (performance.now() - started) / 1000 });
}

process.stdout.write('\nWall times of the end-to-end stage under load:\n');
for (const { run, code, seconds } of results) {
  const minutes = `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
  process.stdout.write(`  run ${run}: ${minutes} (${code === 0 ? 'passed' : 'FAILED'})\n`);
}
process.exit(results.every((r) => r.code === 0) ? 0 : 1);
