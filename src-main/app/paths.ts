import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project (or packaged app) root. Both this source file (src-main/app/) and the bundled
 * Electron main (dist/main/) sit two folders below it.
 */
export const APP_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const DEFAULT_PROFILE = resolve(APP_ROOT, 'resources', 'institutions', 'umontpellier.json');
export const DEFAULT_RENDERER_DIR = resolve(APP_ROOT, 'dist', 'renderer');
/** The central API's contract; the simulator validates its traffic against it. */
export const API_CONTRACT = resolve(APP_ROOT, 'resources', 'openapi.yaml');
