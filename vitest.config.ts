import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

// Unit tests live next to the code; integration tests under test/integration need the keychain
// and run through scripts/with-keyring.sh (see package.json).
export default defineConfig({
  plugins: [svelte()],
  test: {
    // Every simulator a test starts checks its own answers against resources/openapi.yaml.
    env: { GUICHET_SIMULATOR_CHECK_RESPONSES: '1' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src-main/**/*.test.ts', 'src-renderer/**/*.test.ts', 'test/lint/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: [
            'test/integration/**/*.test.ts',
            'test/crash/**/*.test.ts',
            'test/server/**/*.test.ts',
          ],
          globalSetup: ['test/support/integration-setup.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
});
