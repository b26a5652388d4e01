// `node scripts/run-built.mjs <entry> [args…]`: builds when needed (built.mjs), then runs
// dist/main/<entry>.js in this same process with the remaining arguments, so that signals and
// the exit code are the entry point's own. Entries: web-host, simulator, provision,
// audit-verify, support-bundle, guichet-server, guichet-stack, conformance.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBuilt, root } from './built.mjs';

const ENTRIES = [
  'web-host',
  'simulator',
  'provision',
  'audit-verify',
  'support-bundle',
  'guichet-server',
  'guichet-stack',
  'conformance',
];
const entry = process.argv[2];
if (!ENTRIES.includes(entry)) {
  process.stderr.write(`Usage: node scripts/run-built.mjs <${ENTRIES.join('|')}> [args…]\n`);
  process.exit(2);
}
ensureBuilt();
// The entry reads its own flags from process.argv, as when started as `node dist/main/<entry>.js`.
process.argv.splice(2, 1);
process.argv[1] = join(root, 'dist', 'main', `${entry}.js`);
await import(pathToFileURL(process.argv[1]).href);
