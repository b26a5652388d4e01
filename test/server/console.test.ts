// The help-desk console's back end on the real chain (slapd, PostgreSQL, a Guichet server and
// its console listener): a supervisor signs in with their directory password and reads the
// fleet, a kiosk's heartbeats and audit trail as verified centrally, the staff actions and their
// CSV; agents, wrong passwords, kiosk tokens and device credentials get nothing; state-changing
// calls need the console's own origin and the session's CSRF token; guesses are limited.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../src-main/api/client';
import type { HeartbeatWire } from '../../src-main/api/wire-fleet';
import { silentLogger } from '../../src-main/app/logger';
import { chainEntry, type AuditEntry } from '../../src-main/core/staff-audit-chain';
import { createSubjectKeys } from '../../src-main/secrets/audit-subjects';
import type { DatasetStaff } from '../../src-main/simulator/dataset';
import { createFleetView, type FleetViewOptions } from '../../src-server/console/fleet-view';
import { createConsoleServer } from '../../src-server/console/server';
import { CONSOLE_SESSION_LIMITS, createConsoleSessions } from '../../src-server/console/sessions';
import { CONSOLE_SIGN_IN_LIMITS } from '../../src-server/console/sign-in';
import { staffGroups } from '../../src-server/stack/seed';
import { createPool, type Pool } from '../../src-server/postgres/database';
import { registerDevice } from '../../src-server/postgres/devices';
import { createPostgresFleet } from '../../src-server/postgres/fleet';
import { createPostgresEvents } from '../../src-server/postgres/staff-records';
import {
  CHAIN_DEVICE,
  kioskClient,
  startServerChain,
  type ServerChain,
} from '../support/server-stack';
import { tempFolder } from '../support/tmp';

const SUPERVISOR: DatasetStaff = {
  staffId: 'hdubois',
  displayName: 'Hélène Dubois',
  pin: '917364',
  role: 'supervisor',
};
/** Another supervisor, whose uid the parallel guesses aim at. */
const GUESSED: DatasetStaff = {
  staffId: 'ogarnier',
  displayName: 'Odile Garnier',
  pin: '310582',
  role: 'supervisor',
};
const AGENT: DatasetStaff = {
  staffId: 'cmartin',
  displayName: 'Camille Martin',
  pin: '482913',
  role: 'agent',
};
const PASSWORDS = {
  [SUPERVISOR.staffId]: 'Tilleul-Vert!2026',
  [GUESSED.staffId]: 'Garrigue#Sud-77',
  [AGENT.staffId]: 'Agent-Mots!Passe9',
};
/** The hall kiosk: its outbox grows, and it uploads a tampered audit batch. */
const HALL = { deviceId: 'kiosk-hall-droit', secret: 'hall-kiosk-secret-for-console-tests' };
/** The IUT kiosk: silent for twenty minutes. */
const IUT = { deviceId: 'kiosk-iut-beziers', secret: 'iut-kiosk-secret-for-console-tests' };

/** The hall's dead letter, as its heartbeat lists it. */
const LETTER = {
  at: '2026-12-08T08:41:07Z',
  kind: 'staff.resend_activation',
  reason: 'invalid_state',
  account: '3901bf30',
};

const folder = tempFolder('guichet-console-');
let chain: ServerChain;
let pool: Pool;
let base: string;
let origin: string;

const beat = (pending: number, over: Partial<HeartbeatWire> = {}): HeartbeatWire => ({
  sentAt: new Date().toISOString(),
  version: '1.4.0',
  profile: 'univ-test',
  mode: 'online',
  startedAt: '2026-12-08T07:00:00Z',
  lastSyncAt: new Date(Date.now() - 30_000).toISOString(),
  outbox: [{ kind: 'staff.unlock', pending }],
  deadLetters: 0,
  audit: { head: 3, acknowledged: 3, refused: 0 },
  slowDownSeconds: null,
  freeDiskBytes: 50 * 1024 ** 3,
  ...over,
});

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
/** An audit chain as a kiosk's journal makes it, one entry per draft. */
function chainOf(drafts: { action: string; subject: string; reason: string | null }[]) {
  let previous: AuditEntry | null = null;
  return drafts.map((draft, i) => {
    const entry: AuditEntry = chainEntry(
      previous,
      {
        at: new Date(Date.UTC(2026, 11, 7, 9, i)).toISOString(),
        actor: AGENT.staffId,
        outcome: 'success',
        ...draft,
      },
      sha256Hex,
    );
    previous = entry;
    return { ...entry, eventId: randomUUID() };
  });
}
const clientOf = (device: { deviceId: string; secret: string }) =>
  createApiClient({
    baseUrl: chain.urls[0]!,
    timeoutMs: 30_000,
    credential: async () => device,
    clock: { now: () => new Date() },
    logger: silentLogger,
    retry: { maxAttempts: 1 },
  });

beforeAll(async () => {
  chain = await startServerChain(folder.path, [], {
    instances: 1,
    staff: [SUPERVISOR, GUESSED, AGENT],
    staffPasswords: PASSWORDS,
  });
  base = chain.consoleUrls[0]!;
  origin = base;
  pool = createPool(chain.postgres.url, { max: 2 });
  await registerDevice(pool, HALL.deviceId, {
    secret: HALL.secret,
    label: 'Hall, faculté de droit',
  });
  await registerDevice(pool, IUT.deviceId, {
    secret: IUT.secret,
    label: 'IUT de Béziers, accueil',
  });
  // Earlier heartbeats, as the service received them: the hall's outbox grew, the IUT went
  // silent twenty minutes ago.
  const fleet = createPostgresFleet(pool);
  const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);
  await fleet.record(HALL.deviceId, beat(1), ago(10));
  await fleet.record(HALL.deviceId, beat(3), ago(5));
  await fleet.record(IUT.deviceId, beat(0), ago(20));
  // Now, through the kiosk's own client.
  expect((await kioskClient(chain.urls[0]!).sendHeartbeat(beat(0))).ok).toBe(true);
  expect(
    (await clientOf(HALL).sendHeartbeat(beat(6, { deadLetters: 1, recentDeadLetters: [LETTER] })))
      .ok,
  ).toBe(true);

  // The bus kiosk's chain, accepted; the hall's, tampered after hashing, refused.
  const good = chainOf([
    { action: 'staff.lookup', subject: 'zlefevre', reason: null },
    { action: 'staff.unlock', subject: 'zlefevre', reason: '=HYPERLINK("http://x","clic")' },
    { action: 'staff.resend', subject: 'endiayebrule', reason: 'adresse "perso" corrigée' },
  ]);
  const accepted = await kioskClient(chain.urls[0]!).staff.uploadAuditEvents(good, randomUUID());
  expect(accepted).toMatchObject({ ok: true, value: { accepted: 3 } });
  const tampered = chainOf([{ action: 'staff.lookup', subject: 'bmarchetti', reason: null }]);
  tampered[0] = { ...tampered[0]!, subject: 'someone-else' };
  const refused = await clientOf(HALL).staff.uploadAuditEvents(tampered, randomUUID());
  // The kiosk's client reads the 422 as a conflict; the console shows its typed reason.
  expect(!refused.ok && refused.error.code).toBe('conflict');
  // An account event a staff action left (who, why, the agent's note).
  await createPostgresEvents(pool, { now: () => new Date() }).record(
    'zlefevre',
    'account_unlocked',
    { actor: AGENT.staffId, reason: 'account_locked', note: 'Vue en personne, carte "étudiant"' },
  );
});
afterAll(async () => {
  await pool?.end();
  await chain?.close();
  folder.remove();
});

interface Signed {
  cookie: string;
  csrf: string;
}

const call = (path: string, init: RequestInit & { headers?: Record<string, string> } = {}) =>
  fetch(`${base}${path}`, { ...init, headers: { origin, ...init.headers } });

async function signIn(uid: string, password: string, headers: Record<string, string> = {}) {
  return call('/console/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ uid, password }),
  });
}

async function signedIn(member = SUPERVISOR): Promise<Signed> {
  const response = await signIn(member.staffId, PASSWORDS[member.staffId]!);
  expect(response.status).toBe(200);
  const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
  const body = (await response.json()) as { csrfToken: string };
  return { cookie, csrf: body.csrfToken };
}

const get = (path: string, session: Signed) => call(path, { headers: { cookie: session.cookie } });

/** RFC 4180 with quoted cells (what staffActionsCsv writes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else cell += c;
  }
  return rows;
}

describe('the help-desk console', () => {
  it('signs a supervisor in with the directory password and lists the silent kiosk first', async () => {
    const response = await signIn(SUPERVISOR.staffId, PASSWORDS[SUPERVISOR.staffId]!);
    expect(response.status).toBe(200);
    const setCookie = response.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^guichet-console=[\w-]{43}; /);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const session = { cookie: setCookie.split(';')[0]!, csrf: '' };

    const fleet = await get('/console/api/fleet', session);
    expect(fleet.status).toBe(200);
    const { kiosks } = (await fleet.json()) as {
      kiosks: { deviceId: string; label: string; attention: string[]; outboxPending: number }[];
    };
    expect(kiosks.map((k) => [k.deviceId, k.attention])).toEqual([
      [IUT.deviceId, ['silent']],
      [HALL.deviceId, ['audit_refused', 'dead_letters', 'outbox_growing']],
      [CHAIN_DEVICE.deviceId, []],
    ]);
    expect(kiosks[0]).toMatchObject({ label: 'IUT de Béziers, accueil', outboxPending: 0 });
    expect(kiosks[1]).toMatchObject({ label: 'Hall, faculté de droit', outboxPending: 6 });
  });

  it('opens a kiosk: its outbox history, its dead letters, its verified chain and a refused upload', async () => {
    const session = await signedIn();
    const hall = (await (await get(`/console/api/kiosks/${HALL.deviceId}`, session)).json()) as {
      history: { outboxPending: number; syncAgeSeconds: number }[];
      deadLetters: unknown[];
      audit: { verified: unknown; refusals: { code: string; seq: number; entries: number }[] };
    };
    expect(hall.history.map((h) => h.outboxPending)).toEqual([1, 3, 6]);
    // No line of the hall's names that tag: the service cannot tell whose it is.
    expect(hall.deadLetters).toEqual([{ ...LETTER, identifier: null }]);
    expect(hall.history.every((h) => h.syncAgeSeconds >= 0)).toBe(true);
    expect(hall.audit.verified).toBeNull();
    expect(hall.audit.refusals).toEqual([
      {
        id: expect.any(Number),
        at: expect.any(String),
        code: 'audit_hash_mismatch',
        seq: 1,
        entries: 1,
        acknowledged: null,
      },
    ]);
    const bus = (await (
      await get(`/console/api/kiosks/${CHAIN_DEVICE.deviceId}`, session)
    ).json()) as {
      audit: { verified: { seq: number }; entries: { seq: number }[]; refusals: unknown[] };
    };
    expect(bus.audit.verified.seq).toBe(3);
    expect(bus.audit.entries.map((e) => e.seq)).toEqual([3, 2, 1]);
    expect(bus.audit.refusals).toEqual([]);
    expect((await get('/console/api/kiosks/no-such-kiosk', session)).status).toBe(404);
  });

  it('lists the staff actions across the fleet, filtered, and exports them as CSV', async () => {
    const session = await signedIn();
    const all = (await (await get('/console/api/staff-actions', session)).json()) as {
      actions: {
        source: string;
        staffId: string;
        action: string;
        account: string;
        kiosk: string | null;
        note: string | null;
      }[];
    };
    expect(all.actions).toHaveLength(4);
    expect(all.actions[0]).toMatchObject({
      source: 'account_event',
      staffId: AGENT.staffId,
      action: 'account_unlocked',
      account: 'zlefevre',
      note: 'Vue en personne, carte "étudiant"',
    });
    const atKiosk = (await (
      await get(
        `/console/api/staff-actions?kiosk=${CHAIN_DEVICE.deviceId}&account=zlefevre`,
        session,
      )
    ).json()) as typeof all;
    expect(atKiosk.actions.map((a) => [a.action, a.kiosk])).toEqual([
      ['staff.unlock', CHAIN_DEVICE.deviceId],
      ['staff.lookup', CHAIN_DEVICE.deviceId],
    ]);
    // A period: the kiosk's entries are dated 9:00, 9:01 and 9:02 on 7 December.
    const period = (await (
      await get(
        '/console/api/staff-actions?from=2026-12-07T09:01:00Z&to=2026-12-07T09:02:00Z',
        session,
      )
    ).json()) as typeof all;
    expect(period.actions.map((a) => a.action)).toEqual(['staff.unlock']);
    const byAction = (await (
      await get(
        `/console/api/staff-actions?action=account_unlocked&staff=${AGENT.staffId}`,
        session,
      )
    ).json()) as typeof all;
    expect(byAction.actions.map((a) => [a.source, a.account])).toEqual([
      ['account_event', 'zlefevre'],
    ]);
    const byNobody = (await (
      await get('/console/api/staff-actions?staff=nobody', session)
    ).json()) as typeof all;
    expect(byNobody.actions).toEqual([]);
    expect((await get('/console/api/staff-actions?colour=red', session)).status).toBe(400);

    const exported = await get('/console/api/staff-actions.csv', session);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(exported.headers.get('content-disposition')).toMatch(/^attachment; filename="/);
    const bytes = Buffer.from(await exported.arrayBuffer());
    // UTF-8's byte-order mark first, for spreadsheets (text() would drop it).
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(bytes.subarray(3).toString('utf8'));
    expect(header).toEqual([
      'at',
      'source',
      'staff',
      'action',
      'account',
      'account tag',
      'reason',
      'note',
      'detail',
      'kiosk',
      'outcome',
    ]);
    expect(rows).toHaveLength(4);
    const column = (name: string) => header!.indexOf(name);
    const unlock = rows.find((r) => r[column('action')] === 'staff.unlock')!;
    // A formula a spreadsheet would run is defused; quotes survive the round trip.
    expect(unlock[column('reason')]).toBe(`'=HYPERLINK("http://x","clic")`);
    expect(rows.find((r) => r[column('action')] === 'staff.resend')![column('reason')]).toBe(
      'adresse "perso" corrigée',
    );
  });

  it('refuses an agent exactly as a wrong password, an unknown uid or an empty password', async () => {
    const answers = await Promise.all([
      signIn(AGENT.staffId, PASSWORDS[AGENT.staffId]!),
      signIn(SUPERVISOR.staffId, 'not-the-password'),
      signIn('nobody-here', 'whatever-it-is'),
      // An empty password would be an unauthenticated bind, which LDAP answers with success.
      signIn(SUPERVISOR.staffId, ''),
    ]);
    const seen = await Promise.all(
      answers.map(async (r) => [r.status, r.headers.get('set-cookie'), await r.json()]),
    );
    expect(seen[0]).toEqual([
      401,
      null,
      { code: 'sign_in_refused', message: 'this account cannot sign in to the console' },
    ]);
    expect(seen[1]).toEqual(seen[0]);
    expect(seen[2]).toEqual(seen[0]);
    expect(seen[3]).toEqual(seen[0]);
  });

  it('gives nothing to a kiosk token or a device credential', async () => {
    const issued = await fetch(`${chain.urls[0]}/v1/kiosk/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(CHAIN_DEVICE),
    });
    expect(issued.status).toBe(200);
    const { accessToken } = (await issued.json()) as { accessToken: string };
    const basic = Buffer.from(`${CHAIN_DEVICE.deviceId}:${CHAIN_DEVICE.secret}`).toString('base64');
    const endpoints: [string, string][] = [
      ['GET', '/console/api/session'],
      ['DELETE', '/console/api/session'],
      ['GET', '/console/api/fleet'],
      ['GET', `/console/api/kiosks/${CHAIN_DEVICE.deviceId}`],
      ['GET', '/console/api/staff-actions'],
      ['GET', '/console/api/staff-actions.csv'],
      ['POST', `/console/api/kiosks/${HALL.deviceId}/refusals/acknowledge`],
    ];
    for (const authorization of [`Bearer ${accessToken}`, `Basic ${basic}`])
      for (const [method, path] of endpoints) {
        const response = await call(path, { method, headers: { authorization } });
        expect([method, path, response.status]).toEqual([method, path, 401]);
      }
    // Nor does the kiosk's token offered where the console looks: as its cookie, with the
    // kiosk's other headers, or as the CSRF token.
    const forged: Record<string, string>[] = [
      { cookie: `guichet-console=${accessToken}` },
      { cookie: `__Host-guichet-console=${accessToken}; guichet-console=${basic}` },
      {
        authorization: `Bearer ${accessToken}`,
        'x-staff-session': accessToken,
        'x-student-session': accessToken,
        'x-csrf-token': accessToken,
      },
    ];
    for (const headers of forged)
      for (const [method, path] of endpoints) {
        const response = await call(path, { method, headers });
        expect([method, path, response.status]).toEqual([method, path, 401]);
        expect(await response.text()).not.toContain(CHAIN_DEVICE.deviceId);
      }
    const asDevice = await signIn(CHAIN_DEVICE.deviceId, CHAIN_DEVICE.secret);
    expect(asDevice.status).toBe(401);
  });

  it('refuses a state-changing call without the CSRF header or from another origin', async () => {
    const session = await signedIn();
    const signOut = (headers: Record<string, string>) =>
      call('/console/api/session', {
        method: 'DELETE',
        headers: { cookie: session.cookie, ...headers },
      });
    expect((await signOut({})).status).toBe(403);
    expect((await signOut({ 'x-csrf-token': 'made-up' })).status).toBe(403);
    expect(
      (await signOut({ 'x-csrf-token': session.csrf, origin: 'https://evil.example' })).status,
    ).toBe(403);
    expect(
      (await signOut({ 'x-csrf-token': session.csrf, 'sec-fetch-site': 'cross-site' })).status,
    ).toBe(403);
    // A sign-in from another site's page is refused before the directory is asked.
    const forged = await signIn(SUPERVISOR.staffId, PASSWORDS[SUPERVISOR.staffId]!, {
      origin: 'https://evil.example',
    });
    expect(forged.status).toBe(403);
    // The session survived all that; a proper sign-out ends it.
    expect((await get('/console/api/fleet', session)).status).toBe(200);
    const out = await signOut({ 'x-csrf-token': session.csrf });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
    expect((await get('/console/api/fleet', session)).status).toBe(401);
  });

  it('audits every console action in a table of its own', async () => {
    const { rows } = await pool.query<{ staff_id: string | null; action: string; outcome: string }>(
      'SELECT staff_id, action, outcome FROM console_audit ORDER BY id',
    );
    const seen = rows.map((r) => `${r.staff_id ?? '-'} ${r.action} ${r.outcome}`);
    expect(seen).toEqual(
      expect.arrayContaining([
        `${SUPERVISOR.staffId} sign_in ok`,
        `${SUPERVISOR.staffId} view_fleet ok`,
        `${SUPERVISOR.staffId} view_kiosk ok`,
        `${SUPERVISOR.staffId} view_staff_actions ok`,
        `${SUPERVISOR.staffId} export_staff_actions ok`,
        `${SUPERVISOR.staffId} sign_out ok`,
        `${SUPERVISOR.staffId} DELETE /console/api/session csrf_refused`,
        '- POST /console/api/session csrf_refused',
        '- sign_in refused',
      ]),
    );
    const text = JSON.stringify(await pool.query('SELECT * FROM console_audit'));
    for (const password of Object.values(PASSWORDS)) expect(text).not.toContain(password);
  });

  it('ends a session after its idle time, and at its absolute expiry however busy', async () => {
    let now = Date.now();
    const sessions = createConsoleSessions(pool, { now: () => new Date(now) });
    const minutes = (n: number) => n * 60_000;
    const idle = await sessions.open(SUPERVISOR.staffId);
    now += minutes(29);
    expect(await sessions.find(idle.token)).toMatchObject({ staffId: SUPERVISOR.staffId });
    now += minutes(29);
    expect(await sessions.find(idle.token)).not.toBeNull();
    now += CONSOLE_SESSION_LIMITS.idleSeconds * 1000 + 1000;
    expect(await sessions.find(idle.token)).toBeNull();

    const busy = await sessions.open(SUPERVISOR.staffId);
    const end = now + CONSOLE_SESSION_LIMITS.absoluteSeconds * 1000;
    while (now + minutes(20) < end) {
      now += minutes(20);
      expect(await sessions.find(busy.token)).not.toBeNull();
    }
    now = end;
    expect(await sessions.find(busy.token)).toBeNull();
    // Only the token's digest is stored.
    const { rows } = await pool.query<{ token_digest: Buffer }>(
      'SELECT token_digest FROM console_sessions',
    );
    expect(rows.map((r) => r.token_digest.toString('base64url'))).not.toContain(busy.token);
    expect(JSON.stringify(rows)).not.toContain(busy.token);
  });

  it('lets a console left open sign out after its idle time: its own refreshes do not count', async () => {
    let now = Date.now();
    const help = await createConsoleServer({
      pool,
      directory: chain.directory,
      fleet: createPostgresFleet(pool),
      clock: { now: () => new Date(now) },
      logger: silentLogger,
      supervisorGroup: staffGroups('dc=univ,dc=test').supervisor,
    }).listen(0, '127.0.0.1');
    try {
      const signed = await fetch(`${help.url}/console/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: help.url },
        body: JSON.stringify({ uid: SUPERVISOR.staffId, password: PASSWORDS[SUPERVISOR.staffId] }),
      });
      expect(signed.status).toBe(200);
      const cookie = signed.headers.get('set-cookie')!.split(';')[0]!;
      const fleetViews = async () =>
        (
          await pool.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM console_audit WHERE action = 'view_fleet'`,
          )
        ).rows[0]!.n;
      const views = await fleetViews();
      /** The fleet at `minutes` after sign-in, asked by the page's timer or by the supervisor. */
      const fleetAt = async (minutes: number, timer: boolean) => {
        now = Date.now() + minutes * 60_000;
        return (
          await fetch(`${help.url}/console/api/fleet`, {
            headers: { cookie, ...(timer ? { 'x-console-refresh': '1' } : {}) },
          })
        ).status;
      };
      expect(await fleetAt(10, true)).toBe(200);
      expect(await fleetAt(20, true)).toBe(200);
      // The supervisor's own look at 25 minutes starts the idle time again…
      expect(await fleetAt(25, false)).toBe(200);
      expect(await fleetAt(50, true)).toBe(200);
      // …the timer's do not: 31 minutes after it, the session has ended.
      expect(await fleetAt(56, true)).toBe(401);
      expect(await fleetAt(56.5, false)).toBe(401);
      // Audited: the session's first look (the timer's at 10 minutes: the mark is the client's
      // word, so it never hides a first look) and the supervisor's own; not the timer's repeats.
      expect((await fleetViews()) - views).toBe(2);
    } finally {
      await help.close();
    }
  });

  it('flags a kiosk silent after console.silentAfterSeconds, five minutes by default', async () => {
    const inTwoMinutes = new Date(Date.now() + 120_000);
    const silent = async (options: FleetViewOptions) =>
      (await createFleetView(pool, createPostgresFleet(pool), options).fleet(inTwoMinutes))
        .filter((k) => k.attention.includes('silent'))
        .map((k) => k.deviceId)
        .sort();
    expect(await silent({})).toEqual([IUT.deviceId]);
    expect(await silent({ silentAfterSeconds: 60 })).toEqual(
      [CHAIN_DEVICE.deviceId, HALL.deviceId, IUT.deviceId].sort(),
    );
  });

  it('makes the cookie Secure and __Host- when the console is reached over https', async () => {
    const https = 'https://guichet-console.univ.test';
    const help = await createConsoleServer({
      pool,
      directory: chain.directory,
      fleet: createPostgresFleet(pool),
      clock: { now: () => new Date() },
      logger: silentLogger,
      supervisorGroup: staffGroups('dc=univ,dc=test').supervisor,
      origin: https,
    }).listen(0, '127.0.0.1');
    try {
      const signIn = (from: string) =>
        fetch(`${help.url}/console/api/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: from },
          body: JSON.stringify({
            uid: SUPERVISOR.staffId,
            password: PASSWORDS[SUPERVISOR.staffId],
          }),
        });
      // Its origin is the https one now, not the listener's own address.
      expect((await signIn(help.url)).status).toBe(403);
      const response = await signIn(https);
      expect(response.status).toBe(200);
      const cookie = response.headers.get('set-cookie')!;
      expect(cookie).toMatch(
        /^__Host-guichet-console=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict;/,
      );
      expect(cookie).toMatch(/; Secure$/);
      expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
    } finally {
      await help.close();
    }
  });

  it('names the account of a sealed audit subject and of a dead letter with its tag', async () => {
    const UFR = { deviceId: 'kiosk-ufr-sciences', secret: 'ufr-kiosk-secret-for-console-tests' };
    await registerDevice(pool, UFR.deviceId, { secret: UFR.secret, label: 'UFR Sciences, hall' });
    // The kiosk's keys: its own tag key, the service's sealing key pinned.
    const pinned = { kid: chain.sealingKey.kid, jwk: chain.sealingKey.describe().jwk };
    const keys = createSubjectKeys(randomBytes(32), pinned);
    const lines = chainOf([
      { action: 'staff.lookup', subject: keys.protect('zlefevre'), reason: null },
      {
        action: 'staff.resend_activation',
        subject: keys.protect('zlefevre'),
        reason: 'email_not_received',
      },
      { action: 'outbox.staff.resend_activation', subject: 'R-7Q2K', reason: null },
    ]);
    const uploaded = await clientOf(UFR).staff.uploadAuditEvents(lines, randomUUID());
    expect(uploaded).toMatchObject({ ok: true, value: { accepted: 3 } });
    const letter = { ...LETTER, account: keys.tag('zlefevre').slice(0, 8) };
    const beat0 = beat(0, { deadLetters: 1, recentDeadLetters: [letter] });
    expect((await clientOf(UFR).sendHeartbeat(beat0)).ok).toBe(true);

    const session = await signedIn();
    const page = (await (await get(`/console/api/kiosks/${UFR.deviceId}`, session)).json()) as {
      deadLetters: unknown[];
      audit: { entries: { seq: number; subject: string; identifier: string | null }[] };
    };
    expect(page.audit.entries.map((e) => [e.seq, e.identifier])).toEqual([
      [3, null],
      [2, 'zlefevre'],
      [1, 'zlefevre'],
    ]);
    // The subject stays as the kiosk chained it (its hash covers it).
    expect(page.audit.entries[1]!.subject).toBe(lines[1]!.subject);
    expect(page.deadLetters).toEqual([{ ...letter, identifier: 'zlefevre' }]);

    // The service opened each line's account once, when it accepted it: the staff actions show
    // and filter by the identifier, with the tag the kiosk's screens show beside it.
    const stored = await pool.query<{ account: string | null }>(
      'SELECT account FROM audit_entries WHERE device_id = $1 ORDER BY seq',
      [UFR.deviceId],
    );
    expect(stored.rows.map((r) => r.account)).toEqual(['zlefevre', 'zlefevre', null]);
    type Actions = { actions: { action: string; account: string; accountTag: string | null }[] };
    const actions = async (query: string) =>
      ((await (await get(`/console/api/staff-actions?${query}`, session)).json()) as Actions)
        .actions;
    const shown = [
      ['staff.resend_activation', 'zlefevre', letter.account],
      ['staff.lookup', 'zlefevre', letter.account],
    ];
    expect(
      (await actions(`kiosk=${UFR.deviceId}&account=zlefevre`)).map((a) => [
        a.action,
        a.account,
        a.accountTag,
      ]),
    ).toEqual(shown);
    // The tag as the kiosk's screens show it finds the same lines.
    expect(
      (await actions(`kiosk=${UFR.deviceId}&account=${letter.account}`)).map((a) => [
        a.action,
        a.account,
        a.accountTag,
      ]),
    ).toEqual(shown);
    expect((await actions(`kiosk=${UFR.deviceId}&account=R-7Q2K`))[0]).toMatchObject({
      account: 'R-7Q2K',
      accountTag: null,
    });
    // A line stored before the service kept the account is opened when shown.
    await pool.query('UPDATE audit_entries SET account = NULL WHERE device_id = $1', [
      UFR.deviceId,
    ]);
    expect(
      (await actions(`kiosk=${UFR.deviceId}`))
        .filter((a) => a.accountTag !== null)
        .map((a) => [a.action, a.account, a.accountTag]),
    ).toEqual(shown);
    const csv = await (
      await get(`/console/api/staff-actions.csv?kiosk=${UFR.deviceId}`, session)
    ).text();
    expect(csv).toContain('"zlefevre"');
    expect(csv).not.toContain(keys.protect('zlefevre').slice(20, 60));
  });

  it("lets a supervisor mark a kiosk's refused upload seen: it no longer flags the kiosk", async () => {
    const LETTRES = { deviceId: 'kiosk-bu-lettres', secret: 'lettres-kiosk-secret-for-tests' };
    await registerDevice(pool, LETTRES.deviceId, { secret: LETTRES.secret, label: 'BU Lettres' });
    expect((await clientOf(LETTRES).sendHeartbeat(beat(0))).ok).toBe(true);
    const tampered = chainOf([{ action: 'staff.lookup', subject: 'zlefevre', reason: null }]);
    tampered[0] = { ...tampered[0]!, reason: 'edited' };
    expect((await clientOf(LETTRES).staff.uploadAuditEvents(tampered, randomUUID())).ok).toBe(
      false,
    );
    const session = await signedIn();
    type Row = { deviceId: string; attention: string[] };
    const attention = async () =>
      ((await (await get('/console/api/fleet', session)).json()) as { kiosks: Row[] }).kiosks.find(
        (k) => k.deviceId === LETTRES.deviceId,
      )!.attention;
    expect(await attention()).toContain('audit_refused');

    // Its page, marked as the timer's refresh: a first look all the same, so audited.
    const page0 = (await (
      await call(`/console/api/kiosks/${LETTRES.deviceId}`, {
        headers: { cookie: session.cookie, 'x-console-refresh': '1' },
      })
    ).json()) as { audit: { refusals: { id: number }[] } };
    const viewed = await pool.query(
      `SELECT 1 FROM console_audit WHERE action = 'view_kiosk' AND detail->>'kiosk' = $1`,
      [LETTRES.deviceId],
    );
    expect(viewed.rows).toHaveLength(1);
    const shown = page0.audit.refusals[0]!.id;

    const acknowledge = (deviceId: string, headers: Record<string, string>, upTo = shown) =>
      call(`/console/api/kiosks/${deviceId}/refusals/acknowledge`, {
        method: 'POST',
        headers: { cookie: session.cookie, 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ upTo }),
      });
    // A state change: without the session's CSRF token, nothing happens.
    expect((await acknowledge(LETTRES.deviceId, {})).status).toBe(403);
    expect(await attention()).toContain('audit_refused');
    // A refusal that came after the page was drawn is not marked seen with it.
    const later = chainOf([{ action: 'staff.lookup', subject: 'zlefevre', reason: null }]);
    later[0] = { ...later[0]!, reason: 'edited again' };
    expect((await clientOf(LETTRES).staff.uploadAuditEvents(later, randomUUID())).ok).toBe(false);
    const done = await acknowledge(LETTRES.deviceId, { 'x-csrf-token': session.csrf });
    expect(done.status).toBe(200);
    expect(await done.json()).toEqual({ acknowledged: 1 });
    expect(await attention()).toContain('audit_refused');
    // Both listed on its page, the one seen with who saw to it.
    const page = (await (await get(`/console/api/kiosks/${LETTRES.deviceId}`, session)).json()) as {
      audit: {
        refusals: { id: number; acknowledged: { by: string; at: string } | null }[];
      };
    };
    expect(page.audit.refusals.map((r) => r.acknowledged)).toEqual([
      null,
      { by: SUPERVISOR.staffId, at: expect.any(String) },
    ]);
    // The newer one, once shown and marked: the kiosk is no longer flagged.
    const newest = page.audit.refusals[0]!.id;
    const both = await acknowledge(LETTRES.deviceId, { 'x-csrf-token': session.csrf }, newest);
    expect(await both.json()).toEqual({ acknowledged: 1 });
    expect(await attention()).not.toContain('audit_refused');
    // Once is enough; no body is refused; a kiosk nobody registered is not found.
    const again = await acknowledge(LETTRES.deviceId, { 'x-csrf-token': session.csrf }, newest);
    expect(await again.json()).toEqual({ acknowledged: 0 });
    const bare = await call(`/console/api/kiosks/${LETTRES.deviceId}/refusals/acknowledge`, {
      method: 'POST',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
    });
    expect(bare.status).toBe(400);
    expect((await acknowledge('kiosk-nowhere', { 'x-csrf-token': session.csrf })).status).toBe(404);
    const audited = await pool.query<{ staff_id: string; detail: unknown }>(
      `SELECT staff_id, detail FROM console_audit WHERE action = 'acknowledge_refusals'
        AND outcome = 'ok' ORDER BY id`,
    );
    expect(audited.rows).toEqual([
      { staff_id: SUPERVISOR.staffId, detail: { kiosk: LETTRES.deviceId, count: 1 } },
      { staff_id: SUPERVISOR.staffId, detail: { kiosk: LETTRES.deviceId, count: 1 } },
      { staff_id: SUPERVISOR.staffId, detail: { kiosk: LETTRES.deviceId, count: 0 } },
    ]);
  });

  // Last: it uses up the failures this client address may make.
  it('keeps 100 parallel wrong sign-ins within the limit', async () => {
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => signIn(GUESSED.staffId, `wrong-guess-${i}`)),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(CONSOLE_SIGN_IN_LIMITS.perUid.failures);
    expect(statuses.filter((s) => s === 429)).toHaveLength(
      100 - CONSOLE_SIGN_IN_LIMITS.perUid.failures,
    );
    expect(answers.find((r) => r.status === 429)!.headers.get('retry-after')).toMatch(/^\d+$/);
    // Even the right password waits now.
    expect((await signIn(GUESSED.staffId, PASSWORDS[GUESSED.staffId]!)).status).toBe(429);
  });
});
