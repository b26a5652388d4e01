/**
 * Finds the Electron executable the way the `electron` package does, but without its side
 * effect: requiring `electron` under Node starts a download when the binary is missing, which
 * hangs or fails on a machine without internet.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Electron executable installed by the `electron` package in `electronPackageDir`, or null
 * when its binary was never downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD=1).
 */
export function locateElectronBinary(
  electronPackageDir: string,
  env: NodeJS.ProcessEnv,
): string | null {
  let relative: string | null;
  try {
    relative = readFileSync(join(electronPackageDir, 'path.txt'), 'utf8').trim() || null;
  } catch {
    relative = null;
  }
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override
    ? join(override, relative ?? 'electron')
    : relative === null
      ? null
      : join(electronPackageDir, 'dist', relative);
  return candidate !== null && existsSync(candidate) ? candidate : null;
}
