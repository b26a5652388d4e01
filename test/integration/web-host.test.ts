import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RENDERER_CSP } from '../../src-main/app/csp';
import { loadConfig } from '../../src-main/app/config';
import { startKiosk, type Kiosk } from '../../src-main/app/kiosk';
import { silentLogger } from '../../src-main/app/logger';
import { createWebHost, resolveStatic } from '../../src-main/host/server';
import { SEEDED } from '../support/dataset';
import { openHostSession, type HostSession } from '../support/host-session';
import { tempFolder } from '../support/tmp';

// The web host over real HTTP on 127.0.0.1, in front of a real demo kiosk.
const folder = tempFolder('guichet-host-');
let kiosk: Kiosk;
let host: ReturnType<typeof createWebHost>;
let origin: string;
/** The session the page holds, its token spent on it as the page does. */
let session: HostSession;

beforeAll(async () => {
  const rendererDir = folder.file('renderer');
  mkdirSync(rendererDir);
  folder.file('renderer/index.html', '<!doctype html><title>Guichet</title>');
  folder.file('secret.txt', 'outside the renderer');
  const config = loadConfig(
    {},
    {
      dataDir: folder.file('data'),
      keychainService: `guichet-host-${process.pid}`,
      demoDataset: folder.file('d.json', SEEDED),
    },
  );
  kiosk = await startKiosk(config, { logger: silentLogger });
  host = createWebHost({ dispatch: kiosk.dispatch, rendererDir });
  const { url } = await host.listen(0);
  origin = new URL(url).origin;
  session = await openHostSession(url);
});
afterAll(async () => {
  await host.close();
  await kiosk.close();
  folder.remove();
});

function rpc(channel: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${origin}/rpc/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...session.headers, ...headers },
    body: JSON.stringify(body),
  });
}

describe('web host', () => {
  it('binds to the loopback address and prints a URL carrying the token in its fragment', () => {
    expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('serves the renderer with the CSP header', async () => {
    const page = await fetch(`${origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(RENDERER_CSP);
    expect(await page.text()).toContain('<title>Guichet</title>');
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
      expect((await fetch(`${origin}${path}`)).status).toBe(404);
    }
    expect(resolveStatic('/srv/r', '/../../etc/passwd')).toBeNull();
    expect(resolveStatic('/srv/r', '/%2e%2e/x')).toBeNull();
    expect(resolveStatic('/srv/r', '/assets/a.js')).toBe('/srv/r/assets/a.js');
  });

  it('answers a contract call from its page’s session', async () => {
    const answer = await rpc('student.identify', {
      studentNumber: '21901234',
      birthDate: '14032001',
    });
    expect(await answer.json()).toEqual({
      ok: true,
      value: expect.objectContaining({ identifier: 'endiayebrule' }),
    });
  });

  it('refuses calls without the session or from another origin', async () => {
    expect((await rpc('kiosk.info', {}, { cookie: '' })).status).toBe(403);
    const guess = `${session.cookie.name}=${'A'.repeat(session.cookie.value.length)}`;
    expect((await rpc('kiosk.info', {}, { cookie: guess })).status).toBe(403);
    expect(
      (await rpc('kiosk.info', {}, { cookie: '', 'x-guichet-token': host.token })).status,
    ).toBe(403);
    expect((await rpc('kiosk.info', {}, { origin: 'http://evil.example' })).status).toBe(403);
  });

  it('refuses malformed and oversized bodies', async () => {
    const bad = await fetch(`${origin}/rpc/kiosk.info`, {
      method: 'POST',
      headers: session.headers,
      body: '{not json',
    });
    expect(bad.status).toBe(400);
    const big = await rpc('student.identify', { studentNumber: 'x'.repeat(70_000), birthDate: '' });
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ ok: false, error: { code: 'invalid_input' } });
  });
});
