// Bundles the Electron main process and its preload into dist/main with esbuild, and the
// command-line entry points that run under plain Node (web host, simulator, provisioning), so
// that they start from built JavaScript, as a deployed kiosk does, never through a TS loader.
// Usage: node scripts/build-main.mjs
import { cp, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = 'dist/main';

/** Fails the build if a bundle would load anything at run time beyond `allowed`. */
function assertExternals(metafile, outfile, allowed) {
  const output = metafile.outputs[outfile];
  if (!output) throw new Error(`esbuild produced no ${outfile}`);
  const stray = output.imports.filter((i) => i.external && !allowed.includes(i.path));
  if (stray.length > 0) {
    const names = stray.map((i) => i.path).join(', ');
    throw new Error(`${outfile} must load only ${allowed.join(', ')} at run time, not: ${names}`);
  }
}

await rm(new URL(`../${outdir}`, import.meta.url), { recursive: true, force: true });

const common = {
  absWorkingDir: root,
  bundle: true,
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'info',
  metafile: true,
};

const [, , preload] = await Promise.all([
  // Main: our code in one ES module; every npm package (native ones above all) stays in
  // node_modules, where electron-builder rebuilds and packs them.
  build({
    ...common,
    entryPoints: ['src-main/electron/main.ts'],
    outfile: `${outdir}/electron-main.js`,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    packages: 'external',
  }),
  // `npm run web`, `npm run simulator`, `npm run provision` and the end-to-end tests' hosts.
  build({
    ...common,
    entryPoints: {
      'web-host': 'src-main/host/cli.ts',
      simulator: 'src-main/simulator/cli.ts',
      provision: 'src-main/app/provision-cli.ts',
      'audit-verify': 'src-main/app/audit-verify-cli.ts',
      'support-bundle': 'src-main/app/support-bundle-cli.ts',
      // `npm run server`: the Guichet server (src-server), not part of the packaged kiosk.
      'guichet-server': 'src-server/cli.ts',
      // `npm run stack`: the real chain (slapd, PostgreSQL, SMTP sink, server, kiosk) locally.
      'guichet-stack': 'src-server/stack/cli.ts',
      // `npm run conformance`: the contract suite against any implementation of the API.
      conformance: 'src-server/conformance/cli.ts',
    },
    outdir,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
  }),
  // Preload: a sandboxed preload gets a `require` that knows `electron` and nothing on disk, so
  // it must be one self-contained CommonJS file. Platform "browser" makes any Node built-in a
  // build error rather than a run-time one.
  build({
    ...common,
    entryPoints: ['src-main/electron/preload.ts'],
    outfile: `${outdir}/preload.cjs`,
    format: 'cjs',
    platform: 'browser',
    target: 'es2023',
    external: ['electron'],
  }),
]);

// The server's SQL migrations and the stack's LDAP schema are read at run time from the same
// place relative to the bundle (dist/main/migrations, dist/ldap/…) as to their source files.
const here = (path) => new URL(`../${path}`, import.meta.url);
await cp(here('src-server/postgres/migrations'), here(`${outdir}/migrations`), { recursive: true });
await cp(here('src-server/ldap/supann-subset.schema'), here('dist/ldap/supann-subset.schema'));

assertExternals(preload.metafile, `${outdir}/preload.cjs`, ['electron']);
