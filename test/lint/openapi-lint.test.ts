import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

// `npm run lint:api` (part of `npm run check`): Redocly CLI's recommended rules, warnings
// raised to errors by redocly.yaml, over resources/openapi.yaml.

const run = promisify(execFile);
const root = new URL('../..', import.meta.url).pathname;
const redocly = join(root, 'node_modules', '.bin', 'redocly');
const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
const dir = mkdtempSync(join(tmpdir(), 'guichet-lint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Lints `file` with the project's redocly.yaml; resolves to the exit code and the output. */
async function lint(file?: string): Promise<{ code: number; output: string }> {
  const args = ['lint', ...(file ? [file] : []), '--config', join(root, 'redocly.yaml')];
  try {
    const { stdout, stderr } = await run(redocly, args, { cwd: root, env });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

describe('the contract lint', () => {
  it('passes on resources/openapi.yaml with no problem at all', async () => {
    const { code, output } = await lint();
    expect(output).toContain('Your API description is valid');
    expect(output).not.toMatch(/You have \d+ warning|Validation failed/);
    expect(code).toBe(0);
  }, 60_000);

  it('fails on a warning of the recommended rules, such as a discriminator it cannot use', async () => {
    const broken = join(dir, 'openapi.yaml');
    // The directory feed's discriminator, back to what it was: no mapping, inline options.
    const text = readFileSync(join(root, 'resources', 'openapi.yaml'), 'utf8').replace(
      "              - { $ref: '#/components/schemas/DirectoryTombstone' }",
      '              - { type: object, properties: { kind: { type: string, const: tombstone } } }',
    );
    writeFileSync(broken, text);
    const { code, output } = await lint(broken);
    expect(output).toContain('no-illogical-composition-keywords');
    expect(code).not.toBe(0);
  }, 60_000);
});
