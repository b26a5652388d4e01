import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { locateElectronBinary } from './electron-binary';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'guichet-electron-pkg-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('locateElectronBinary', () => {
  it('is null when the binary was never downloaded (no path.txt)', () => {
    expect(locateElectronBinary(dir, {})).toBeNull();
  });

  it('is null when path.txt names a file that is not there', async () => {
    await writeFile(join(dir, 'path.txt'), 'electron');
    expect(locateElectronBinary(dir, {})).toBeNull();
  });

  it('finds the binary that path.txt names under dist/', async () => {
    await writeFile(join(dir, 'path.txt'), 'electron');
    await mkdir(join(dir, 'dist'));
    await writeFile(join(dir, 'dist', 'electron'), '');
    expect(locateElectronBinary(dir, {})).toBe(join(dir, 'dist', 'electron'));
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH like the electron package does', async () => {
    const override = join(dir, 'elsewhere');
    await mkdir(override);
    await writeFile(join(override, 'electron'), '');
    expect(locateElectronBinary(dir, { ELECTRON_OVERRIDE_DIST_PATH: override })).toBe(
      join(override, 'electron'),
    );
  });
});
