import { rmSync } from 'node:fs';
import { BUNDLES_FOLDER } from './node-entry';

/** Vitest globalSetup of the integration tests: their child-process bundles go at the end. */
export default function setup(): () => void {
  return () => rmSync(BUNDLES_FOLDER, { recursive: true, force: true });
}
