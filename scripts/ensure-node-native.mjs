// Makes sure the native modules load under plain Node (tests, the web host, scripts).
// `npm start` rebuilds them for Electron's ABI, after which Node refuses them until they are
// rebuilt for Node; this puts them back, and does nothing when they already load.
// The rebuild is for the Node running this script (the project's LTS from .tools/node where the
// machine's Node is older: scripts/lts-node.sh), against that Node's own headers.
// Usage: node scripts/ensure-node-native.mjs
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
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
  // npm and node-gyp run on this Node (first on PATH), and build against its headers when it
  // has them beside it (an official build, .tools/node, /usr): a nodedir from the user's npm
  // configuration may be another Node's.
  const bin = dirname(process.execPath);
  const env = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` };
  const prefix = dirname(bin);
  if (existsSync(join(prefix, 'include', 'node', 'node_version.h'))) {
    env.npm_config_nodedir = prefix;
  }
  const rebuild = spawnSync(npm, ['rebuild', ...broken], { cwd: root, stdio: 'inherit', env });
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
