// What `npm start` runs once the renderer and main are built: the kiosk in Electron when its
// binary is installed, otherwise the same kiosk served to a browser by the web host.
// Usage: node scripts/start.mjs [--prepare] [args for the kiosk…]
//   --prepare  only rebuild the native modules for Electron (before Electron tests), then exit
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const NATIVE_MODULES = ['better-sqlite3', 'keytar'];

const args = process.argv.slice(2);
const prepareOnly = args[0] === '--prepare';
const kioskArgs = prepareOnly ? args.slice(1) : args;

/**
 * Runs a child with our stdio, passes Ctrl+C and termination on, and exits as it exits. From a
 * terminal the child also gets Ctrl+C directly, so it may see SIGINT twice (as with
 * `npx electron`): its handler must be idempotent.
 */
function runForwarding(command, commandArgs) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env: process.env });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('error', (error) => {
    console.error(`Could not start ${command}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    // A child killed by a signal exits like a shell reports it: 128 + the signal's number.
    process.exit(signal ? 128 + (constants.signals[signal] ?? 0) : (code ?? 1));
  });
}

/** Rebuilds the native modules against Electron's ABI (a no-op when they already are). */
async function rebuildForElectron() {
  const { rebuild } = await import('@electron/rebuild');
  const electronVersion = JSON.parse(
    readFileSync(require.resolve('electron/package.json'), 'utf8'),
  ).version;
  console.log(`Building ${NATIVE_MODULES.join(', ')} for Electron ${electronVersion}…`);
  // node-gyp takes npm's configuration from the environment: a nodedir there (npm exports the
  // user's, and scripts/lts-node.sh sets one) holds Node's headers, which would win over
  // Electron's and build the modules for Node's ABI instead.
  for (const key of Object.keys(process.env)) {
    if (/^npm_config_nodedir$/i.test(key)) delete process.env[key];
  }
  await rebuild({ buildPath: root, electronVersion, onlyModules: NATIVE_MODULES });
  console.log(
    'Note: these modules are now built for Electron and will not load under plain Node until ' +
      '`node scripts/ensure-node-native.mjs` (or `npm rebuild better-sqlite3 keytar`) runs; ' +
      'the test scripts do that first.',
  );
}

// Not `require('electron')`: when the binary is missing, that starts a download, which cannot
// succeed without internet. The locator is shared with the Electron end-to-end test.
const { locateElectronBinary } = await tsImport(
  '../src-main/electron/electron-binary.ts',
  import.meta.url,
);
const electronBinary = locateElectronBinary(
  dirname(require.resolve('electron/package.json')),
  process.env,
);

if (electronBinary !== null) {
  await rebuildForElectron();
  if (!prepareOnly) runForwarding(electronBinary, ['.', ...kioskArgs]);
} else if (prepareOnly) {
  console.log('Electron binary not installed on this machine: nothing to prepare.');
} else {
  console.log(
    "Electron's binary is not installed on this machine (ELECTRON_SKIP_BINARY_DOWNLOAD); " +
      'starting the same kiosk in your browser instead…',
  );
  // Built by `npm start`'s `npm run build`, like the Electron main.
  runForwarding(process.execPath, ['dist/main/web-host.js', ...kioskArgs]);
}
