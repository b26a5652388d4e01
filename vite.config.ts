import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

const fromRoot = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The renderer is served by Electron's app:// protocol and by the web host, both with a strict
// CSP (no inline script or style): Svelte's CSS is emitted as files, and base './' keeps the
// asset URLs relative so the same build works under either origin.
export default defineConfig({
  root: fromRoot('./src-renderer'),
  base: './',
  plugins: [svelte()],
  build: {
    outDir: fromRoot('./dist/renderer'),
    emptyOutDir: true,
    // Chromium supports modulepreload natively; the polyfill would only add code.
    modulePreload: { polyfill: false },
    // The password dictionaries (@zxcvbn-ts word lists, ~600 kB gzipped each) are big on purpose
    // and load lazily when a password screen needs them; the entry chunk stays near 50 kB.
    chunkSizeWarningLimit: 1300,
  },
});
