/**
 * `npm run web -- [--api <url>] [--port <n>] [--data-dir <dir>] [--dataset <file>]`: serves the
 * kiosk to a browser on 127.0.0.1. Without --api it runs in demo mode on the built-in simulator.
 * Built by scripts/build-main.mjs into dist/main/web-host.js, which is what runs.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, type KioskConfig } from '../app/config';
import { startKiosk, type Kiosk } from '../app/kiosk';
import { createLogger, logDirOf, type KioskLogger } from '../app/logger';
import { describeStartupFailure, newReference } from '../app/startup-failure';
import { serveStartupFailure } from './failure-page';
import { startResettableDemoKiosk } from '../app/demo-reset';
import { createWebHost } from './server';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        api: { type: 'string' },
        port: { type: 'string', default: '5173' },
        'data-dir': { type: 'string' },
        dataset: { type: 'string' },
        profile: { type: 'string' },
      },
      strict: true,
    }).values;
  } catch (error) {
    fail(
      `${(error as Error).message}\nUsage: npm run web -- [--api <url>] [--port <n>] [--data-dir <dir>] [--dataset <file.json>]`,
    );
  }
  const port = Number(args.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    fail(`--port: expected a port number, got "${args.port}"`);

  const overrides: Partial<KioskConfig> = {};
  if (args.api) overrides.apiUrl = args.api;
  if (args['data-dir']) overrides.dataDir = args['data-dir'];
  if (args.dataset) overrides.demoDataset = args.dataset;
  if (args.profile) overrides.profilePath = args.profile;
  let config: KioskConfig;
  let kiosk: Kiosk;
  // The console until the data folder is known; then the console and its log files.
  let logger: KioskLogger = createLogger();
  try {
    config = loadConfig(process.env, overrides);
    logger = createLogger({ file: { dir: logDirOf(config.dataDir) } });
    if (!existsSync(join(config.rendererDir, 'index.html'))) {
      fail(`The renderer is not built in ${config.rendererDir}: run \`npm run build\` first.`);
    }
    // With the test controls, demo mode also serves POST /_simulator/reset (demo-reset.ts).
    kiosk =
      config.apiUrl === null && config.simulatorControls
        ? await startResettableDemoKiosk(config, { logger })
        : await startKiosk(config, { logger });
  } catch (error) {
    return showStartupFailure(error, port, logger);
  }
  const host = createWebHost({
    dispatch: kiosk.dispatch,
    rendererDir: config.rendererDir,
    subscribe: kiosk.subscribe,
    logger: kiosk.logger,
  });
  const { url } = await host.listen(port);
  // Where tests and trainers reach the demo simulator's mailbox and clock controls.
  if (config.simulatorControls && kiosk.demoSimulatorUrl) {
    process.stdout.write(`Simulator at ${kiosk.demoSimulatorUrl}\n`);
  }
  process.stdout.write(`Kiosk ready at ${url}\n`);

  let stopping = false;
  const stop = async () => {
    // A terminal's Ctrl+C may reach us twice (directly and through `npm start`): stop once.
    if (stopping) return;
    stopping = true;
    await host.close();
    await kiosk.close();
    await logger.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/**
 * The browser in front of the public gets a calm page with a reference; the detail goes to the
 * log under that reference. Serves until stopped, then exits 1.
 */
async function showStartupFailure(
  error: unknown,
  port: number,
  logger: KioskLogger,
): Promise<void> {
  const failure = describeStartupFailure(error, newReference());
  logger.error('host: kiosk failed to start', failure.log);
  const page = await serveStartupFailure(failure, port);
  process.stdout.write(
    `Kiosk failed to start (reference ${failure.reference}), see the log; page at ${page.url}\n`,
  );
  const stop = () => void Promise.all([page.close(), logger.close()]).then(() => process.exit(1));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => fail(`Web host failed: ${(error as Error).message}`));
