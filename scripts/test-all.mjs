// `npm test`: checks, build, then unit, integration and end-to-end tests, each stage with its own
// report; ends with one line "tests: N passed, N failed, N skipped" over all stages.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';

const reports = join('test-results', 'reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const started = performance.now();
const timings = [];
const seconds = (from) => Math.round((performance.now() - from) / 1000);

function run(title, command, args, env = {}) {
  process.stdout.write(`\n=== ${title}\n`);
  const from = performance.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  timings.push(`${seconds(from)} s  ${title}`);
  return result.status === 0;
}

const vitestJson = (name) => [
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${join(reports, name)}`,
];
const workers = Math.max(2, availableParallelism() - 1);
const stages = [
  {
    title: `native modules for Node ${process.version}`,
    cmd: 'node',
    args: ['scripts/ensure-node-native.mjs'],
  },
  { title: 'npm run check', cmd: 'npm', args: ['run', 'check'] },
  { title: 'npm run build', cmd: 'npm', args: ['run', 'build'] },
  {
    title: 'unit tests',
    cmd: 'npx',
    // vitest runs one worker fewer than the cores by default: a single one on a 2-core machine.
    // The unit and integration tests bear one per core, also with the machine busy.
    args: [
      'vitest',
      'run',
      '--project',
      'unit',
      `--maxWorkers=${workers}`,
      ...vitestJson('unit.json'),
    ],
    report: 'unit.json',
  },
  {
    title: 'integration tests (real keychain)',
    cmd: 'bash',
    args: [
      'scripts/with-keyring.sh',
      'npx',
      'vitest',
      'run',
      '--project',
      'integration',
      `--maxWorkers=${workers}`,
      ...vitestJson('integration.json'),
    ],
    report: 'integration.json',
  },
  {
    title: 'end-to-end tests (Chromium)',
    cmd: 'bash',
    args: ['scripts/with-keyring.sh', 'npx', 'playwright', 'test', '--project', 'chromium'],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: join(reports, 'e2e.json') },
    report: 'e2e.json',
  },
  {
    // Separate run: Electron needs the native modules built for its ABI, the web host for Node's.
    title: 'Electron tests (skipped, with the reason, where the binary is not installed)',
    cmd: 'npm',
    args: ['run', 'test:electron'],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: join(reports, 'electron.json') },
    report: 'electron.json',
  },
];

let failedStage = null;
for (const stage of stages) {
  if (!run(stage.title, stage.cmd, stage.args, stage.env)) {
    failedStage ??= stage.title;
    if (!stage.report) break; // no point testing what does not build
  }
}

const totals = { passed: 0, failed: 0, skipped: 0 };
for (const stage of stages.filter((s) => s.report)) {
  let data;
  try {
    data = JSON.parse(readFileSync(join(reports, stage.report), 'utf8'));
  } catch {
    continue;
  }
  if ('numPassedTests' in data) {
    totals.passed += data.numPassedTests;
    totals.failed += data.numFailedTests;
    totals.skipped += data.numPendingTests + (data.numTodoTests ?? 0);
  } else if (data.stats) {
    totals.passed += data.stats.expected + data.stats.flaky;
    totals.failed += data.stats.unexpected;
    totals.skipped += data.stats.skipped;
  }
}
const shots = join('test-results', 'screenshots');
if (existsSync(shots)) {
  const files = readdirSync(shots).filter((f) => f.endsWith('.png'));
  process.stdout.write(
    `\nScreenshots of the main screens (fr, en): ${shots}/ (${files.length} files)\n`,
  );
}
process.stdout.write(`\nWall time per stage:\n  ${timings.join('\n  ')}\n`);
process.stdout.write(`  ${seconds(started)} s  in all\n`);
if (failedStage) process.stdout.write(`\nFirst failing stage: ${failedStage}\n`);
process.stdout.write(
  `\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`,
);
process.exit(failedStage || totals.failed > 0 ? 1 : 0);
