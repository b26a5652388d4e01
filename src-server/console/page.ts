/**
 * The console's page: the Svelte + Vite build of src-renderer/console (dist/console), answered
 * under /console/ with a CSP of its own, strict (its scripts and styles are files of its own
 * origin, nothing inline), and nothing outside that folder: a path is a list of plain names
 * (letters, digits, '-', '_', '.', none starting with a dot), so no '..', no encoded character
 * and no backslash ever reaches the file system.
 */
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the built page is: dist/console at the project's root, two folders above this file as
 * above the bundled server (dist/main/guichet-server.js).
 */
export const CONSOLE_PAGE_DIR = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'dist',
  'console',
);

/** The page's CSP: its own scripts, styles, images, fonts and endpoints; nothing inline. */
export const CONSOLE_PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** A path below /console/ the page may hold: plain names separated by '/'. */
const PAGE_PATH = /^(?:[A-Za-z0-9_-][A-Za-z0-9._-]*\/)*[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/** A file of the page: its bytes and type; null when there is no such file. */
export async function pageFile(
  dir: string,
  path: string,
): Promise<{ type: string; content: Buffer } | null> {
  let relative: string;
  if (path === '/console' || path === '/console/') relative = 'index.html';
  else if (path.startsWith('/console/')) relative = path.slice('/console/'.length);
  else return null;
  if (!PAGE_PATH.test(relative)) return null;
  const type = TYPES[extname(relative)];
  if (type === undefined) return null;
  const file = join(dir, relative);
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return null;
  return { type, content: await readFile(file) };
}
