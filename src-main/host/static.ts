/** The web host's static files: the built renderer, and nothing outside its folder. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { RENDERER_CSP } from '../app/csp';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

/** Sent with every answer of the web host, files and JSON alike. */
export const SECURITY_HEADERS = {
  'content-security-policy': RENDERER_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/** Resolves a URL path inside the renderer folder, or null when it would leave it. */
export function resolveStatic(rendererDir: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const root = resolve(rendererDir);
  const target = resolve(root, '.' + (decoded === '/' ? '/index.html' : decoded));
  return target.startsWith(root + sep) ? target : null;
}

/** Answers GET <path> with the renderer's file, or 404. */
export async function serveStatic(
  res: ServerResponse,
  rendererDir: string,
  path: string,
): Promise<void> {
  const file = resolveStatic(rendererDir, path);
  const info = file ? await stat(file).catch(() => null) : null;
  if (!file || !info?.isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
    res.end('Not found');
    return;
  }
  res.writeHead(200, {
    'content-type': MIME[extname(file)] ?? 'application/octet-stream',
    'content-length': info.size,
    'cache-control': 'no-cache',
    ...SECURITY_HEADERS,
  });
  // A read error after the head is sent can only cut the connection; it must not throw.
  createReadStream(file)
    .once('error', () => res.destroy())
    .pipe(res);
}
