import { protocol } from 'electron';
import { APP_SCHEME } from './app-url';
import { serveAppRequest } from './app-files';

/**
 * Declares app:// a standard, secure scheme (origin, fetch, secure context like https). Electron
 * accepts this only before the app is ready.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer in `rendererDir` over app://guichet with the CSP header. */
export function serveRenderer(rendererDir: string, csp: string): void {
  protocol.handle(APP_SCHEME, (request) =>
    serveAppRequest(rendererDir, request.method, request.url, csp),
  );
}
