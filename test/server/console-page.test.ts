// The help-desk console's page on its own listener (src-server/console/page.ts), on the real
// chain: GET /console/ gives the built page with a strict CSP of its own (its scripts and styles
// are files of its origin, nothing inline), its assets load with their types, and nothing outside
// its folder is ever read, however the path is spelt; the JSON endpoints keep their CSP that
// allows nothing.
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src-main/app/logger';
import { CONSOLE_SECURITY_HEADERS, createConsoleServer } from '../../src-server/console/server';
import { CONSOLE_PAGE_CSP, CONSOLE_PAGE_DIR } from '../../src-server/console/page';
import { createPool, type Pool } from '../../src-server/postgres/database';
import { createPostgresFleet } from '../../src-server/postgres/fleet';
import { staffGroups } from '../../src-server/stack/seed';
import { startServerChain, type ServerChain } from '../support/server-stack';
import { tempFolder } from '../support/tmp';

const folder = tempFolder('guichet-console-page-');
/** A page as Vite builds it, and beside it a file the console must never give. */
const PAGE = join(folder.path, 'page');
const SECRET = 'the-database-password-beside-the-page';
const INDEX =
  '<!doctype html><html lang="fr"><head><script type="module" src="/console/assets/index-Ab12.js"></script><link rel="stylesheet" href="/console/assets/index-Cd34.css"></head><body><div id="app"></div></body></html>';
let chain: ServerChain;
let pool: Pool;
let base: string;
let close: () => Promise<void>;

beforeAll(async () => {
  mkdirSync(join(PAGE, 'assets'), { recursive: true });
  writeFileSync(join(PAGE, 'index.html'), INDEX);
  writeFileSync(join(PAGE, 'assets', 'index-Ab12.js'), 'console.log("console");');
  writeFileSync(join(PAGE, 'assets', 'index-Cd34.css'), 'body { margin: 0; }');
  writeFileSync(join(PAGE, '.env'), SECRET);
  writeFileSync(join(PAGE, 'notes.txt'), SECRET);
  writeFileSync(join(folder.path, 'secret.txt'), SECRET);
  chain = await startServerChain(folder.file('chain'), [], { instances: 1 });
  pool = createPool(chain.postgres.url, { max: 2 });
  const help = await createConsoleServer({
    pool,
    directory: chain.directory,
    fleet: createPostgresFleet(pool),
    clock: { now: () => new Date() },
    logger: silentLogger,
    supervisorGroup: staffGroups('dc=univ,dc=test').supervisor,
    pageDir: PAGE,
  }).listen(0, '127.0.0.1');
  base = help.url;
  close = help.close;
});
afterAll(async () => {
  await close?.();
  await pool?.end();
  await chain?.close();
  folder.remove();
});

/** A request with its target exactly as written (fetch would tidy the dots and backslashes). */
function raw(target: string, method = 'GET') {
  const { hostname, port } = new URL(base);
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (done, fail) => {
      const req = request({ hostname, port, path: target, method }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => done({ status: res.statusCode!, headers: res.headers, body }));
      });
      req.on('error', fail);
      req.end();
    },
  );
}

describe('the console page', () => {
  it('is found where the built server looks: dist/console at the project root', () => {
    expect(CONSOLE_PAGE_DIR).toBe(resolve(import.meta.dirname, '..', '..', 'dist', 'console'));
  });

  it('serves the page at /console/ and /console with its strict CSP', async () => {
    for (const path of ['/console/', '/console', '/console/index.html']) {
      const page = await fetch(`${base}${path}`);
      expect([path, page.status]).toEqual([path, 200]);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await page.text()).toBe(INDEX);
      expect(page.headers.get('content-security-policy')).toBe(
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
          "connect-src 'self'; font-src 'self'; frame-ancestors 'none'; base-uri 'none'; " +
          "form-action 'self'",
      );
      expect(page.headers.get('content-security-policy')).toBe(CONSOLE_PAGE_CSP);
      expect(page.headers.get('x-content-type-options')).toBe('nosniff');
      expect(page.headers.get('x-frame-options')).toBe('DENY');
      expect(page.headers.get('cache-control')).toBe('no-store');
    }
    const head = await raw('/console/', 'HEAD');
    expect([head.status, head.body, head.headers['content-type']]).toEqual([
      200,
      '',
      'text/html; charset=utf-8',
    ]);
  });

  it('serves its assets with their types, and keeps them (their names change with them)', async () => {
    const js = await fetch(`${base}/console/assets/index-Ab12.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('max-age=31536000, immutable');
    expect(await js.text()).toBe('console.log("console");');
    const css = await fetch(`${base}/console/assets/index-Cd34.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(css.headers.get('content-security-policy')).toBe(CONSOLE_PAGE_CSP);
  });

  it('keeps the JSON endpoints’ CSP that allows nothing', async () => {
    const fleet = await fetch(`${base}/console/api/fleet`);
    expect(fleet.status).toBe(401);
    expect(fleet.headers.get('content-security-policy')).toBe(
      CONSOLE_SECURITY_HEADERS['content-security-policy'],
    );
    expect(fleet.headers.get('content-security-policy')).not.toContain('self');
  });

  it('gives nothing outside its folder, however the path is spelt', async () => {
    const targets = [
      '/console/../secret.txt',
      '/console/assets/../../secret.txt',
      '/console/%2e%2e/secret.txt',
      '/console/%2E%2E/%2e%2e/secret.txt',
      '/console/%2e%2e%2fsecret.txt',
      '/console/assets%2f..%2f..%2fsecret.txt',
      '/console/..%2fsecret.txt',
      '/console/..%5csecret.txt',
      '/console/assets%5c..%5c..%5csecret.txt',
      '/console/.env',
      '/console/assets/.%2e/notes.txt',
      '/console/notes.txt',
      '/console/assets/',
      '/console/assets',
      '/console/nothing-here.js',
      '/console/%00index.html',
      '/secret.txt',
      '/',
    ];
    for (const target of targets) {
      const answer = await raw(target);
      expect([target, answer.status]).toEqual([target, 404]);
      expect(answer.body).not.toContain(SECRET);
    }
    // A raw backslash is no request target at all: the listener refuses it before routing.
    for (const target of ['/console/..\\secret.txt', '/console\\..\\secret.txt']) {
      const answer = await raw(target);
      expect([target, answer.status]).toEqual([target, 400]);
      expect(answer.body).not.toContain(SECRET);
    }
  });

  it('answers only GET and HEAD for the page', async () => {
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const answer = await raw('/console/', method);
      expect([method, answer.status]).toEqual([method, 404]);
      expect(answer.body).not.toContain('<html');
    }
  });
});
