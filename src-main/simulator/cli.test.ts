import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UsageError, parseCliArgs } from './cli-args';

const CLI = join(import.meta.dirname, 'cli.ts');
const node = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });

let folder: string | null = null;
afterEach(() => {
  if (folder) rmSync(folder, { recursive: true, force: true });
  folder = null;
});

describe('simulator command-line flags', () => {
  it('defaults to port 8787 and the demo population', () => {
    expect(parseCliArgs([])).toEqual({
      port: 8787,
      dataset: null,
      now: null,
      quiet: false,
      help: false,
      control: false,
      sealingKey: null,
    });
    expect(
      parseCliArgs([
        '--port',
        '0',
        '--dataset',
        'd.json',
        '--now',
        '2026-10-01T09:00:00Z',
        '--quiet',
      ]),
    ).toEqual({
      port: 0,
      dataset: 'd.json',
      now: new Date('2026-10-01T09:00:00Z'),
      quiet: true,
      help: false,
      control: false,
      sealingKey: null,
    });
  });

  it('refuses bad flags with a UsageError', () => {
    for (const args of [
      ['--port', 'abc'],
      ['--port', '70000'],
      ['--port', '-1'],
      ['--port', '1.5'],
      ['--bogus'],
      ['extra'],
      ['--now', 'tomorrow'],
      ['--dataset', ''],
    ]) {
      expect(() => parseCliArgs(args), args.join(' ')).toThrow(UsageError);
    }
  });
});

// Whole process starts (tsx, the demo population, the contract compiled): on a busy 2-core
// machine one takes far longer than vitest's default 5 s. The bounds only stop a hang.
describe('simulator process', { timeout: 60_000 }, () => {
  it('prints one ready line, serves the demo population and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--port', '0', '--quiet'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', () => {
          const match = /^Simulator listening on (http:\/\/127\.0\.0\.1:\d+)\n$/.exec(stdout);
          if (match?.[1]) resolve(match[1]);
        });
        child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
      });
      const health = await fetch(`${url}/v1/health`);
      expect(health.status).toBe(200);
      const token = await fetch(`${url}/v1/kiosk/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ deviceId: 'kiosk-demo', secret: 'demo-secret' }),
      });
      expect(token.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stdout.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('exits with 2 and the usage for a bad flag', () => {
    const result = node(['--port', 'eighty']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('--port must be an integer');
    expect(result.stderr).toContain('Usage:');
  });

  it('exits with 2 and the key path for an invalid dataset', () => {
    folder = mkdtempSync(join(tmpdir(), 'guichet-sim-cli-'));
    const file = join(folder, 'dataset.json');
    writeFileSync(file, JSON.stringify({ students: [{ studentNumber: '123' }] }));
    const result = node(['--port', '0', '--dataset', file]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('dataset.students.0.studentNumber');
    expect(result.stderr).toContain('dataset.students.0.birthDate');

    const missing = node(['--dataset', join(folder, 'missing.json')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('Cannot read dataset');
  });
});
