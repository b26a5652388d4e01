import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

const fromRoot = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The help-desk console's page (src-renderer/console), served by the Guichet server's console
// listener under /console/ with a strict CSP (no inline script or style, as the kiosk's: Svelte's
// CSS is emitted as files). Its own build, beside the kiosk's: its own entry, base and folder, and
// the kiosk's bundle never carries it.
export default defineConfig({
  root: fromRoot('./src-renderer/console'),
  // Absolute: the page is also answered at /console (no slash), where './' would point above it.
  base: '/console/',
  plugins: [svelte()],
  build: {
    outDir: fromRoot('./dist/console'),
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    // The console has no password dictionaries; a chunk over the default limit is a mistake.
  },
});
