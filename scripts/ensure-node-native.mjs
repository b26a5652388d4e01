// Makes sure the native modules load under plain Node (tests, the web host, scripts).
// `npm start` rebuilds them for Electron's ABI, after which Node refuses them until they are
// rebuilt for Node; this puts them back, and does nothing when they already load.
// Usage: node scripts/ensure-node-native.mjs
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

// better-sqlite3 loads its addon on first use, not on require: open a database to be sure.
const PROBES = {
  'better-sqlite3': "new (require('better-sqlite3'))(':memory:').close()",
  keytar: "require('keytar')",
};

/** The modules whose addon fails to load in a fresh Node process. */
function failing() {
  return Object.entries(PROBES)
    .filter(([, probe]) => {
      const result = spawnSync(process.execPath, ['-e', probe], { cwd: root, encoding: 'utf8' });
      return result.status !== 0;
    })
    .map(([name]) => name);
}

const broken = failing();
if (broken.length > 0) {
  console.log(`Native modules not built for this Node (${broken.join(', ')}); rebuilding…`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const rebuild = spawnSync(npm, ['rebuild', ...broken], { cwd: root, stdio: 'inherit' });
  const still = rebuild.status === 0 ? failing() : broken;
  if (still.length > 0) {
    console.error(`Still cannot load ${still.join(', ')} under Node ${process.version}.`);
    for (const name of still) {
      const result = spawnSync(process.execPath, ['-e', PROBES[name]], {
        cwd: root,
        encoding: 'utf8',
      });
      console.error(`--- ${name}:\n${result.stderr.trim().split('\n').slice(0, 6).join('\n')}`);
    }
    process.exit(1);
  }
}
