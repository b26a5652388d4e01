import { defineConfig } from '@playwright/test';

// Debian's Chromium, never a downloaded browser. Flags: no sandbox as root, and no background
// traffic towards hosts this closed network cannot reach.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

export default defineConfig({
  // Builds dist/ when it is missing or stale: the tests start the web host from the build.
  globalSetup: './scripts/built.mjs',
  // Limits for a test that hangs, never a speed requirement: every step waits for its condition,
  // so on a busy machine a passing test only takes longer (see npm run test:stress).
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  outputDir: 'test-results/e2e',
  use: {
    // A failed test keeps its screenshot and error-context.md (the page's accessibility tree).
    // Traces are off: recorded for every test to be kept for the failed ones, they cost a fifth
    // of the e2e stage. To follow a failure step by step: npm run test:e2e -- --trace on.
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      testDir: 'test/e2e',
      use: {
        browserName: 'chromium',
        viewport: { width: 1080, height: 1600 },
        launchOptions: { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS },
      },
    },
    {
      name: 'electron',
      testDir: 'test/electron',
    },
  ],
});
