import { describe, expect, it } from 'vitest';
import { APP_START_URL, isAllowedRequestUrl, isAppUrl, isTrustedSender } from './app-url';

describe('isAppUrl', () => {
  it.each([APP_START_URL, 'app://guichet/', 'app://guichet/assets/index-1a2b.js?v=1#top'])(
    'accepts %s',
    (url) => expect(isAppUrl(url)).toBe(true),
  );

  it.each([
    'https://guichet/',
    'https://www.umontpellier.fr/',
    'http://127.0.0.1:5173/',
    'file:///etc/passwd',
    'file:///work/main/dist/renderer/index.html',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'app://other/index.html',
    'app://guichet.evil.example/index.html',
    'app://evil@guichet/index.html',
    'app://guichet:8080/index.html',
    'app:guichet/index.html',
    'devtools://devtools/bundled/inspector.html',
    'about:blank',
    '',
    'not a url',
  ])('refuses %s', (url) => expect(isAppUrl(url)).toBe(false));
});

describe('isAllowedRequestUrl', () => {
  it('lets the renderer load its own files and inline data', () => {
    expect(isAllowedRequestUrl('app://guichet/assets/app.js', false)).toBe(true);
    expect(isAllowedRequestUrl('data:image/png;base64,iVBORw0KGgo=', false)).toBe(true);
    expect(isAllowedRequestUrl('blob:app://guichet/8f1c', false)).toBe(true);
  });

  it.each([
    'https://www.umontpellier.fr/',
    'http://127.0.0.1:8080/v1/health',
    'ws://127.0.0.1:9229/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'app://other/x.js',
    'devtools://devtools/bundled/inspector.html',
  ])('cancels %s in production', (url) => expect(isAllowedRequestUrl(url, false)).toBe(false));

  it('lets DevTools load its own pages in development only', () => {
    const url = 'devtools://devtools/bundled/inspector.html';
    expect(isAllowedRequestUrl(url, true)).toBe(true);
    expect(isAllowedRequestUrl('https://example.org/', true)).toBe(false);
  });
});

describe('isTrustedSender', () => {
  const trusted = { fromKioskWindow: true, isMainFrame: true, url: APP_START_URL };

  it('trusts the kiosk page in the main frame of the kiosk window', () => {
    expect(isTrustedSender(trusted)).toBe(true);
  });

  it.each([
    ['another window', { ...trusted, fromKioskWindow: false }],
    ['an iframe', { ...trusted, isMainFrame: false }],
    ['a frame that is gone', { ...trusted, url: '' }],
    ['a page on the web', { ...trusted, url: 'https://evil.example/' }],
    ['a local file', { ...trusted, url: 'file:///tmp/evil.html' }],
    ['another app host', { ...trusted, url: 'app://other/index.html' }],
  ])('refuses %s', (_name, sender) => expect(isTrustedSender(sender)).toBe(false));
});
