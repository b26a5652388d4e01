// The contract suite (src-server/conformance) against both implementations over real HTTP: the
// simulator with its demo population, and the Guichet server on the real chain (slapd,
// PostgreSQL, an SMTP server). Every case must pass, or be not applicable for a reason this
// file names; `npm run conformance` runs the same suite as a command.
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_CONTRACT } from '../../src-main/app/paths';
import { DEMO_DEVICE, type DatasetStudent } from '../../src-main/simulator/dataset';
import { DEMO_PASSWORD, DEMO_STAFF } from '../../src-main/simulator/demo-students';
import { generateDemoPopulation } from '../../src-main/simulator/demo-population';
import { JOURNEY_CONTROL_ROUTES } from '../../src-main/simulator/journey-controls';
import { createSimulator, type Simulator } from '../../src-main/simulator/server';
import type { Fixtures, StaffLogins } from '../../src-server/conformance/fixtures';
import { KIOSK_CASES } from '../../src-server/conformance/kiosk-cases';
import { httpMailbox, mailboxOver } from '../../src-server/conformance/mailbox';
import { formatResult, runConformance, unprovokedReason } from '../../src-server/conformance/run';
import {
  STAFF_OFF,
  createContext,
  runCases,
  type CaseResult,
} from '../../src-server/conformance/suite';
import { createTarget } from '../../src-server/conformance/target';
import { createPool } from '../../src-server/postgres/database';
import { enrolStaff } from '../../src-server/postgres/staff';
import { setDemoPasswords } from '../../src-server/stack/chain';
import { bundledEntry } from '../support/node-entry';
import {
  BASILE,
  CHAIN_DEVICE,
  ELOISE,
  startServerChain,
  type ServerChain,
} from '../support/server-stack';
import { tempFolder } from '../support/tmp';

const NOT_SERVED_ANYWHERE = ['acceptCharter'];

/** The not-applicable lines that are not one of the reasons `allowed` names. */
function unexplained(results: CaseResult[], allowed: (r: CaseResult) => boolean) {
  return results.filter((r) => r.outcome === 'n/a' && !allowed(r)).map(formatResult);
}
const failures = (results: CaseResult[]) =>
  results.filter((r) => r.outcome !== 'pass' && r.outcome !== 'n/a').map(formatResult);

/** Statuses no client provokes from outside (run.ts gives the reason of each). */
function isOutOfReach(result: CaseResult, target: ReturnType<typeof createTarget>) {
  if (!result.name.startsWith('documented status ')) return false;
  const op = [...target.contract.operations.values()].find(
    (o) => o.operationId === result.operationId,
  );
  return op !== undefined && unprovokedReason(op, String(result.status)) === result.why;
}

function simulatorFixtures(simulator: Simulator, url: string): Fixtures {
  const student = (identifier: string) => {
    const found = simulator.state.dataset.students.find((s) => s.identifier === identifier);
    if (!found) throw new Error(`no demo student ${identifier}`);
    return found;
  };
  const known = (identifier: string) => {
    const s = student(identifier);
    return {
      identifier,
      studentNumber: s.studentNumber,
      birthDate: s.birthDate,
      personalEmail: s.personalEmail ?? undefined,
    };
  };
  const staff = (staffId: string) => ({
    staffId,
    pin: DEMO_STAFF.find((s) => s.staffId === staffId)!.pin,
  });
  return {
    notActivated: known('endiayebrule'),
    active: { ...known('zlefevre'), password: DEMO_PASSWORD },
    locked: { identifier: 'sodegaard', password: DEMO_PASSWORD },
    tooEarly: { identifier: 'tnguyen' },
    staff: { agent: staff('agent01'), supervisor: staff('super01') },
    mailbox: `${url}/_simulator/mailbox`,
  };
}

async function startDemoSimulator() {
  const population = generateDemoPopulation(new Date());
  const simulator = createSimulator({
    dataset: { ...population, devices: [DEMO_DEVICE] },
    clock: { now: () => new Date() },
    routes: JOURNEY_CONTROL_ROUTES,
    checkResponses: true,
  });
  const { url } = await simulator.listen();
  return { simulator, url, fixtures: simulatorFixtures(simulator, url) };
}

describe('the contract suite against the simulator', () => {
  let demo: Awaited<ReturnType<typeof startDemoSimulator>>;
  beforeAll(async () => {
    demo = await startDemoSimulator();
  });
  afterAll(() => demo?.simulator.close());

  it('passes every case, staff included; only out-of-reach statuses are not applicable', async () => {
    const { fixtures } = demo;
    const target = createTarget({ api: demo.url, ...DEMO_DEVICE, contractPath: API_CONTRACT });
    const results = await runConformance({
      target,
      fixtures,
      mailbox: httpMailbox(fixtures.mailbox!),
      notServed: NOT_SERVED_ANYWHERE,
    });
    expect(failures(results)).toEqual([]);
    const declared = (r: CaseResult) =>
      NOT_SERVED_ANYWHERE.includes(r.operationId) && r.why === 'declared not served by this target';
    expect(unexplained(results, (r) => declared(r) || isOutOfReach(r, target))).toEqual([]);
    // Every documented operation was tried, staff ones included.
    const tried = new Set(results.filter((r) => r.outcome === 'pass').map((r) => r.operationId));
    const operations = [...target.contract.operations.values()].map((o) => o.operationId);
    expect(operations.filter((o) => !tried.has(o) && !NOT_SERVED_ANYWHERE.includes(o))).toEqual([]);
    expect(demo.simulator.contractViolations).toEqual([]);
  });
});

const ACTIVE: DatasetStudent = BASILE;
const LOCKED: DatasetStudent = {
  ...ACTIVE,
  studentNumber: '21808888',
  birthDate: '1999-04-12',
  firstName: 'Line',
  lastName: 'Verrou',
  identifier: 'lverrou',
  personalEmail: 'line.v@example.net',
  account: { status: 'locked', activatedAt: '2025-09-10T09:00:00Z', leavingYear: null },
  lockReason: 'too_many_failures',
};
const PASSWORDS = { active: 'Fougere!Dune-58', locked: 'Ardoise?Pin-37' };

/**
 * The switch of the server's staff cases: the staff members enrolled in the chain's database
 * and given to the suite, or null to report every staff case not applicable (STAFF_OFF).
 */
const SERVER_STAFF: StaffLogins | null = {
  agent: { staffId: 'agent-conformance', pin: '604817' },
  supervisor: { staffId: 'super-conformance', pin: '739251' },
};

async function enrolServerStaff(chain: ServerChain, staff: StaffLogins) {
  const pool = createPool(chain.postgres.url, { max: 1 });
  try {
    await enrolStaff(pool, { ...staff.agent, displayName: 'Agent Conformité', role: 'agent' });
    if (staff.supervisor)
      await enrolStaff(pool, {
        ...staff.supervisor,
        displayName: 'Superviseur',
        role: 'supervisor',
      });
  } finally {
    await pool.end();
  }
}

describe('the contract suite against the Guichet server on the real chain', () => {
  const folder = tempFolder('guichet-conformance-');
  let chain: ServerChain;
  beforeAll(async () => {
    chain = await startServerChain(folder.path, [ELOISE, ACTIVE, LOCKED]);
    // The locked account is locked again by failed binds, the way slapd locks a student.
    await setDemoPasswords(chain.directory, [
      { ...ACTIVE, password: PASSWORDS.active },
      { ...LOCKED, password: PASSWORDS.locked },
    ]);
    if (SERVER_STAFF) await enrolServerStaff(chain, SERVER_STAFF);
  });
  afterAll(async () => {
    await chain?.close();
    folder.remove();
  });

  it('passes every case on the server, staff included; only out-of-reach statuses are not applicable', async () => {
    const target = createTarget({
      api: chain.urls[0]!,
      ...CHAIN_DEVICE,
      contractPath: API_CONTRACT,
    });
    const notServed = NOT_SERVED_ANYWHERE;
    const results = await runConformance({
      target,
      fixtures: {
        notActivated: {
          identifier: ELOISE.identifier,
          studentNumber: ELOISE.studentNumber,
          birthDate: ELOISE.birthDate,
          personalEmail: ELOISE.personalEmail!,
        },
        active: {
          identifier: ACTIVE.identifier,
          studentNumber: ACTIVE.studentNumber,
          birthDate: ACTIVE.birthDate,
          personalEmail: ACTIVE.personalEmail!,
          password: PASSWORDS.active,
        },
        locked: { identifier: LOCKED.identifier, password: PASSWORDS.locked },
        staff: SERVER_STAFF ?? undefined,
      },
      mailbox: mailboxOver(async (to) => chain.sink.messages(to)),
      notServed,
    });
    expect(failures(results)).toEqual([]);
    const allowed = (r: CaseResult) =>
      (notServed.includes(r.operationId) && r.why === 'declared not served by this target') ||
      (SERVER_STAFF === null && r.why === STAFF_OFF) ||
      // Enrolments already in the directory at the first scan count as validated long ago.
      (r.name === 'activation not open yet' && r.why.includes('fixtures "tooEarly"')) ||
      isOutOfReach(r, target);
    expect(unexplained(results, allowed)).toEqual([]);
    // The journeys really ran: the account the suite activated binds with its new password.
    expect((await chain.directory.byIdentifier(ELOISE.identifier))?.status).toBe('active');
  });
});

describe('the contract suite itself', () => {
  let liar: Server;
  let url: string;
  beforeAll(async () => {
    // Answers every request 200 with a body no operation documents.
    liar = createServer((_, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"fine"}'),
    );
    await new Promise<void>((resolve) => liar.listen(0, '127.0.0.1', resolve));
    const address = liar.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(() => new Promise((resolve) => liar.close(resolve)));

  it('fails an implementation whose answers break the contract', async () => {
    const target = createTarget({
      api: url,
      deviceId: 'kiosk',
      secret: 'secret',
      contractPath: API_CONTRACT,
    });
    const student = { identifier: 'nobody', studentNumber: '1', birthDate: '2000-01-01' };
    const fixtures = { notActivated: student, active: { ...student, password: 'unused' } };
    const ctx = createContext({ target, fixtures });
    const [health] = await runCases(ctx, KIOSK_CASES.slice(0, 1));
    expect(health).toMatchObject({ operationId: 'getHealth', outcome: 'fail' });
    expect(health!.why).toContain('breaks the contract');
  });

  it('runs as a command: secret on standard input, one line per case, exit status', async () => {
    const demo = await startDemoSimulator();
    const dir = tempFolder('guichet-conformance-cli-');
    try {
      const fixtures = dir.file('fixtures.json', demo.fixtures);
      const entry = await bundledEntry('src-server/conformance/cli.ts');
      const args = [
        '--api',
        demo.url,
        '--device-id',
        DEMO_DEVICE.deviceId,
        '--fixtures',
        fixtures,
        '--not-served',
        'acceptCharter',
      ];
      const run = (secret: string) =>
        new Promise<{ code: number | null; out: string }>((resolve) => {
          const child = spawn(process.execPath, [entry, ...args], {
            stdio: ['pipe', 'pipe', 'pipe'],
          });
          let out = '';
          child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
          child.once('exit', (code) => resolve({ code, out }));
          child.stdin.end(`${secret}\n`);
        });
      const refused = await run('not-the-secret');
      expect(refused.code).toBe(1);
      const ran = await run(DEMO_DEVICE.secret);
      expect(ran.out).toMatch(/^pass getHealth: health → 200$/m);
      expect(ran.out).toMatch(/\d+ cases: \d+ passed, 0 failed, \d+ not applicable/);
      const { notActivated, active } = demo.fixtures;
      for (const secret of [DEMO_PASSWORD, notActivated.birthDate, active.birthDate])
        expect(ran.out).not.toContain(secret);
      expect(ran.code).toBe(0);
    } finally {
      dir.remove();
      await demo.simulator.close();
    }
  });
});
