/**
 * Serving the built renderer over app://guichet: the path checks and the response, with no
 * `electron` import so that they run under plain Node tests. protocol.ts plugs this into
 * Electron's `protocol.handle`.
 */
import { readFile, stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-url';
import { mimeType } from './mime';

/**
 * The file inside `rootDir` that an app:// URL names, or null when the URL is not ours or its
 * path would leave `rootDir` (dot segments, encoded or not, backslashes, NUL bytes).
 */
export function resolveAppFile(rootDir: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.hostname !== APP_HOST) return null;
  let path: string;
  try {
    // The URL parser already folds `..` and `%2e%2e`; decoding may bring back `../` from `%2f`,
    // which the containment check below catches.
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  // No renderer file has these in its name; on Windows `\` would be a separator.
  if (path.includes('\0') || path.includes('\\')) return null;
  if (path === '' || path.endsWith('/')) path += 'index.html';
  const root = resolve(rootDir);
  // The leading '.' keeps an absolute-looking path (`//etc/passwd`) relative to the root.
  const file = resolve(root, '.' + (path.startsWith('/') ? path : '/' + path));
  return file.startsWith(root + sep) ? file : null;
}

/** Headers every app:// response carries, the CSP above all. */
function baseHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    // An update replaces the files on disk; never let a stale bundle be used.
    'Cache-Control': 'no-cache',
  };
}

function notFound(csp: string): Response {
  return new Response('Not found', {
    status: 404,
    headers: { ...baseHeaders(csp), 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

/** Answers one app:// request from the files under `rootDir`: the file, 404 or 405. */
export async function serveAppRequest(
  rootDir: string,
  method: string,
  url: string,
  csp: string,
): Promise<Response> {
  if (method !== 'GET' && method !== 'HEAD') {
    return new Response(null, {
      status: 405,
      headers: { ...baseHeaders(csp), Allow: 'GET, HEAD' },
    });
  }
  const file = resolveAppFile(rootDir, url);
  if (file === null) return notFound(csp);
  try {
    if (!(await stat(file)).isFile()) return notFound(csp);
    const body = method === 'HEAD' ? null : new Uint8Array(await readFile(file));
    return new Response(body, {
      status: 200,
      headers: { ...baseHeaders(csp), 'Content-Type': mimeType(file) },
    });
  } catch {
    // Missing or unreadable: the renderer learns nothing more than "not found".
    return notFound(csp);
  }
}
