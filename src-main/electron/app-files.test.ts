import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveAppFile, serveAppRequest } from './app-files';

const CSP = "default-src 'none'; script-src 'self'";
let base: string;
let root: string;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'guichet-app-files-'));
  root = join(base, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Guichet</title>');
  await writeFile(join(root, 'assets', 'app-1a2b.js'), 'console.log(1);');
  await writeFile(join(root, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  // Files just outside the served folder, which no URL may reach.
  await writeFile(join(base, 'secret.txt'), 'secret');
  await mkdir(join(base, 'renderer-private'));
  await writeFile(join(base, 'renderer-private', 'key.txt'), 'secret');
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('resolveAppFile', () => {
  it('maps app://guichet paths inside the renderer folder', () => {
    expect(resolveAppFile(root, 'app://guichet/index.html')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://guichet/assets/app-1a2b.js?x=1#y')).toBe(
      join(root, 'assets', 'app-1a2b.js'),
    );
    expect(resolveAppFile(root, 'app://guichet/')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://guichet')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://guichet/assets/')).toBe(join(root, 'assets', 'index.html'));
    expect(resolveAppFile(root, 'app://guichet/a%20b.png')).toBe(join(root, 'a b.png'));
  });

  it.each([
    'app://guichet/..%2f..%2fsecret.txt',
    'app://guichet/..%2Fsecret.txt',
    'app://guichet/assets/..%2f..%2fsecret.txt',
    'app://guichet/%2e%2e%2fsecret.txt',
    'app://guichet/..%2frenderer-private%2fkey.txt',
    'app://guichet/..%5csecret.txt',
    'app://guichet/assets\\..\\..\\secret.txt',
    'app://guichet/index.html%00.js',
    'app://guichet/%E0%A4%A',
  ])('refuses %s', (url) => expect(resolveAppFile(root, url)).toBeNull());

  it('keeps dot segments, plain or encoded, inside the folder (the URL parser folds them)', () => {
    for (const url of [
      'app://guichet/../../etc/passwd',
      'app://guichet/%2e%2e/%2e%2e/etc/passwd',
      'app://guichet/.%2e/.%2e/etc/passwd',
    ]) {
      expect(resolveAppFile(root, url)).toBe(join(root, 'etc', 'passwd'));
    }
  });

  it('keeps absolute-looking paths inside the folder', () => {
    expect(resolveAppFile(root, 'app://guichet//etc/passwd')).toBe(join(root, 'etc', 'passwd'));
    expect(resolveAppFile(root, `app://guichet/${encodeURIComponent('/etc/passwd')}`)).toBe(
      join(root, 'etc', 'passwd'),
    );
  });

  it.each([
    'app://other/index.html',
    'https://guichet/index.html',
    'file:///etc/passwd',
    `file://${root}/index.html`,
    'javascript:alert(1)',
    'not a url',
  ])('refuses a URL that is not app://guichet: %s', (url) => {
    expect(resolveAppFile(root, url)).toBeNull();
  });
});

describe('serveAppRequest', () => {
  it('serves a file with its type, the CSP and nosniff', async () => {
    const response = await serveAppRequest(root, 'GET', 'app://guichet/index.html', CSP);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Guichet</title>');
  });

  it('gives scripts and images their MIME types', async () => {
    const script = await serveAppRequest(root, 'GET', 'app://guichet/assets/app-1a2b.js', CSP);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const image = await serveAppRequest(root, 'GET', 'app://guichet/assets/logo.svg', CSP);
    expect(image.headers.get('content-type')).toBe('image/svg+xml');
  });

  it('answers HEAD without a body', async () => {
    const response = await serveAppRequest(root, 'HEAD', 'app://guichet/index.html', CSP);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it.each([
    'app://guichet/missing.js',
    'app://guichet/assets',
    'app://guichet/..%2fsecret.txt',
    'app://guichet/..%2frenderer-private%2fkey.txt',
    'app://guichet/../../etc/passwd',
    'app://guichet/%2e%2e/%2e%2e/etc/passwd',
    'app://other/index.html',
  ])('answers 404 for %s, still with the CSP', async (url) => {
    const response = await serveAppRequest(root, 'GET', url, CSP);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBe(CSP);
    expect(await response.text()).not.toContain('secret');
  });

  it('refuses methods other than GET and HEAD', async () => {
    const response = await serveAppRequest(root, 'POST', 'app://guichet/index.html', CSP);
    expect(response.status).toBe(405);
  });
});
