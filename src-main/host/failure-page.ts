/**
 * What the web host serves when the kiosk could not start: the calm start-up failure text (both
 * languages, with its reference) to every request, with 503, so that the browser in front of
 * the public shows that instead of a raw error or an empty "connection refused".
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StartupFailure } from '../app/startup-failure';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The failure page: no script, no style, nothing loaded from anywhere. */
export function failurePageHtml(failure: StartupFailure): string {
  return [
    '<!doctype html>',
    '<html lang="fr">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width">',
    '<title>Guichet</title></head>',
    '<body>',
    `<h1>Guichet</h1>`,
    `<p role="alert">${escapeHtml(failure.screen.fr)}</p>`,
    `<p lang="en">${escapeHtml(failure.screen.en)}</p>`,
    '</body></html>',
  ].join('\n');
}

/** Serves the failure page on 127.0.0.1:`port` (0: any free port) until closed. */
export async function serveStartupFailure(
  failure: StartupFailure,
  port: number,
): Promise<{ url: string; close(): Promise<void> }> {
  const page = failurePageHtml(failure);
  // The request is never parsed: nothing a client sends can make this listener throw.
  const server = createServer((req, res) => {
    const wantsPage = req.method === 'GET' || req.method === 'HEAD';
    const body = wantsPage ? page : JSON.stringify({ ok: false, error: { code: 'unavailable' } });
    res.writeHead(503, {
      'content-type': wantsPage ? 'text/html; charset=utf-8' : 'application/json',
      'content-security-policy': "default-src 'none'",
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'retry-after': '60',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
