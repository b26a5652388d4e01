import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import {
  AccountStatusResponse,
  ErrorBody,
  HealthResponse,
  IdentifyRequest,
  KioskTokenRequest,
  KioskTokenResponse,
  PATHS,
  StudentWire,
} from '../../src-main/api/wire';
import { SealingKeyResponse } from '../../src-main/api/wire-sealing';
import {
  DIRECTORY_PATHS,
  DirectoryPage,
  DirectoryRecordWire,
  DirectoryTombstoneWire,
} from '../../src-main/api/wire-directory';
import { DEMO_DEVICE } from '../../src-main/simulator/dataset';
import {
  DEMO_STUDENTS,
  generateDemoPopulation,
  type DemoStudent,
} from '../../src-main/simulator/demo-population';
import { createSimulator, type Simulator } from '../../src-main/simulator/server';
import {
  JOURNEY_OPERATION_PATHS,
  JOURNEY_REQUEST_EXAMPLES,
  JOURNEY_RESPONSE_EXAMPLES,
  JOURNEY_SCHEMA_PAIRS,
  journeyScenarios,
} from '../support/journey-openapi';
import {
  STAFF_OPERATION_PATHS,
  STAFF_REQUEST_EXAMPLES,
  STAFF_RESPONSE_EXAMPLES,
  STAFF_SCHEMA_PAIRS,
  staffScenarios,
} from '../support/staff-openapi';

// resources/openapi.yaml is what the university implements; the simulator and wire.ts are what
// the kiosk is tested against. This file keeps the three in step.

type Schema = { [key: string]: unknown };
interface Operation {
  operationId: string;
  'x-guichet-simulator'?: string;
  parameters?: Schema[];
  requestBody?: { content: { 'application/json': { schema: Schema; example?: unknown } } };
  responses: Record<string, Schema>;
}

const doc = parse(readFileSync(new URL('../../resources/openapi.yaml', import.meta.url), 'utf8'));
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const operations = Object.entries(doc.paths as Record<string, Record<string, Operation>>).flatMap(
  ([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ path, method, op: item[method]! })),
);
const implemented = operations.filter((o) => o.op['x-guichet-simulator'] === 'implemented');

/** Follows a local $ref ("#/components/schemas/Student") to what it names. */
function resolve(node: Schema): Schema {
  if (typeof node.$ref !== 'string') return node;
  const target = node.$ref
    .slice(2)
    .split('/')
    .reduce<unknown>((at, key) => (at as Schema | undefined)?.[key], doc);
  if (!target) throw new Error(`unresolved ${node.$ref}`);
  return resolve(target as Schema);
}

/** The type, required keys and enums of a schema, nested: what must agree with wire.ts. */
function shape(node: Schema): unknown {
  const s = resolve(node);
  if (s.properties) {
    const props = Object.entries(s.properties as Record<string, Schema>);
    const required = [...((s.required as string[]) ?? [])].sort();
    return { required, props: Object.fromEntries(props.map(([k, v]) => [k, shape(v)])) };
  }
  if (s.items) return { items: shape(s.items as Schema) };
  const values = s.enum ?? (s.const === undefined ? undefined : [s.const]);
  return {
    type: [s.type].flat().sort(),
    ...(values ? { enum: [...(values as string[])].sort() } : {}),
  };
}

/** Checks a JSON value against the documented schema; returns what is wrong, by path. */
function problems(value: unknown, node: Schema, at = 'body'): string[] {
  const s = resolve(node);
  if (s.allOf) return (s.allOf as Schema[]).flatMap((part) => problems(value, part, at));
  if (s.anyOf) {
    const fits = (s.anyOf as Schema[]).some((option) => problems(value, option, at).length === 0);
    return fits ? [] : [`${at}: matches no anyOf option`];
  }
  if (s.oneOf) {
    const fits = (s.oneOf as Schema[]).filter((option) => problems(value, option, at).length === 0);
    return fits.length === 1 ? [] : [`${at}: matches ${fits.length} oneOf options`];
  }
  const types = [s.type].flat().filter(Boolean) as string[];
  const kind = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  const integer = kind === 'number' && Number.isInteger(value) && types.includes('integer');
  if (types.length > 0 && !types.includes(kind) && !integer) {
    return [`${at}: ${kind} is not ${types.join('|')}`];
  }
  const errors: string[] = [];
  if (s.enum && !(s.enum as unknown[]).includes(value)) errors.push(`${at}: not in enum`);
  if (s.const !== undefined && s.const !== value) errors.push(`${at}: not ${String(s.const)}`);
  if (s.format === 'date-time' && typeof value === 'string' && Number.isNaN(Date.parse(value))) {
    errors.push(`${at}: not a date-time`);
  }
  if (kind === 'object') {
    const object = value as Record<string, unknown>;
    for (const key of (s.required as string[]) ?? [])
      if (!(key in object)) errors.push(`${at}.${key}: missing`);
    for (const [key, sub] of Object.entries((s.properties as Record<string, Schema>) ?? {})) {
      if (key in object) errors.push(...problems(object[key], sub, `${at}.${key}`));
    }
  }
  if (kind === 'array' && s.items) {
    (value as unknown[]).forEach((item, i) =>
      errors.push(...problems(item, s.items as Schema, `${at}.${i}`)),
    );
  }
  return errors;
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with unique operation ids and a simulator status on each operation', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info.title).toBeTruthy();
    const ids = operations.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { op } of operations)
      expect(['implemented', 'planned']).toContain(op['x-guichet-simulator']);
  });

  it('covers every resource DESIGN.md names', () => {
    const ids = operations.map((o) => o.op.operationId);
    const named = `getHealth issueKioskToken identifyStudent getAccountStatus resendActivationEmail
      activateAccount changePassword resetPassword acceptCharter setMailRedirection
      getDirectoryChanges openStaffSession issueStaffGrant unlockAccount uploadAuditEvents`;
    for (const id of named.split(/\s+/)) expect(ids).toContain(id);
    expect(
      operations.find((o) => o.op.operationId === 'getDirectoryChanges')?.op.responses,
    ).toHaveProperty('410');
  });

  it('resolves every $ref, gives writes an Idempotency-Key and 429s a Retry-After', () => {
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const ref of refs) expect(() => resolve(JSON.parse(`{${ref}}`))).not.toThrow();
    // Reads, the calls that only exchange credentials or issue proofs, a lift done twice as
    // once, and the heartbeat the next one replaces change nothing worth replaying.
    const unkeyed = new Set(
      `issueKioskToken identifyStudent openStaffSession closeStaffSession checkActivationCode
        openStudentSession issueStaffActionProofs liftStaffSignInLimits sendHeartbeat`.split(/\s+/),
    );
    for (const { method, op } of operations) {
      const headers = (op.parameters ?? [])
        .map(resolve)
        .filter((p) => p.in === 'header')
        .map((p) => p.name);
      if (method !== 'get' && !unkeyed.has(op.operationId))
        expect(headers, op.operationId).toContain('Idempotency-Key');
      const tooMany = op.responses['429'];
      if (tooMany) expect(resolve(tooMany).headers, op.operationId).toHaveProperty('Retry-After');
    }
  });

  it('documents today’s paths and bodies exactly as wire.ts has them', () => {
    const pathOf = (id: string) => implemented.find((o) => o.op.operationId === id)?.path;
    expect(pathOf('getHealth')).toBe(PATHS.health);
    expect(pathOf('issueKioskToken')).toBe(PATHS.kioskToken);
    expect(pathOf('identifyStudent')).toBe(PATHS.identify);
    expect(pathOf('getAccountStatus')?.replace('{identifier}', 'x')).toBe(PATHS.account('x'));
    expect(pathOf('getDirectoryChanges')).toBe(DIRECTORY_PATHS.changes);
    const pairs: [string, z.ZodType][] = [
      ['Health', HealthResponse],
      ['KioskTokenRequest', KioskTokenRequest],
      ['KioskToken', KioskTokenResponse],
      ['IdentifyRequest', IdentifyRequest],
      ['Student', StudentWire],
      ['AccountStatus', AccountStatusResponse],
      ['ErrorBody', ErrorBody],
      ['DirectoryRecord', DirectoryRecordWire],
      ['DirectoryTombstone', DirectoryTombstoneWire],
      ['DirectoryPage', DirectoryPage],
    ];
    for (const [name, schema] of pairs) {
      const documented = shape({ $ref: `#/components/schemas/${name}` });
      expect(documented, name).toEqual(shape(z.toJSONSchema(schema) as Schema));
    }
  });

  it('documents the student journeys’ paths and bodies as wire-journeys.ts has them', () => {
    for (const [id, path] of Object.entries(JOURNEY_OPERATION_PATHS)) {
      expect(implemented.find((o) => o.op.operationId === id)?.path, id).toBe(path);
    }
    for (const [name, schema] of JOURNEY_SCHEMA_PAIRS) {
      const documented = shape({ $ref: `#/components/schemas/${name}` });
      expect(documented, name).toEqual(shape(z.toJSONSchema(schema) as Schema));
    }
  });

  it('documents staff mode’s paths and bodies as wire-staff.ts has them', () => {
    for (const [id, path] of Object.entries(STAFF_OPERATION_PATHS)) {
      expect(implemented.find((o) => o.op.operationId === id)?.path, id).toBe(path);
    }
    for (const [name, schema] of STAFF_SCHEMA_PAIRS) {
      const documented = shape({ $ref: `#/components/schemas/${name}` });
      expect(documented, name).toEqual(shape(z.toJSONSchema(schema) as Schema));
    }
  });

  it('lists as implemented exactly the routes the simulator serves', () => {
    const simulator = createSimulator({
      dataset: { students: [], staff: [] },
      clock: { now: () => new Date() },
    });
    const served = simulator.routes
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`)
      .sort();
    expect(implemented.map((o) => `${o.method.toUpperCase()} ${o.path}`).sort()).toEqual(served);
  });

  it('has examples that wire.ts accepts', () => {
    const requests: Record<string, z.ZodType> = {
      issueKioskToken: KioskTokenRequest,
      identifyStudent: IdentifyRequest,
      ...JOURNEY_REQUEST_EXAMPLES,
      ...STAFF_REQUEST_EXAMPLES,
    };
    const responses: Record<string, z.ZodType> = {
      getHealth: HealthResponse,
      issueKioskToken: KioskTokenResponse,
      identifyStudent: StudentWire,
      getAccountStatus: AccountStatusResponse,
      getSealingKey: SealingKeyResponse,
      getDirectoryChanges: DirectoryPage,
      ...JOURNEY_RESPONSE_EXAMPLES,
      ...STAFF_RESPONSE_EXAMPLES,
    };
    for (const { op } of implemented) {
      const example = op.requestBody?.content['application/json'].example;
      if (example !== undefined) expect(requests[op.operationId]?.parse(example)).toBeTruthy();
      // The success answer: 200, or 201/202 for what is created or sent.
      const success = Object.keys(op.responses).find((status) => /^2\d\d$/.test(status));
      const ok = resolve(op.responses[success ?? '200']!) as {
        content?: { 'application/json': { example: unknown } };
      };
      // A 204 has no body to show.
      if (!ok.content) continue;
      expect(
        responses[op.operationId]?.parse(ok.content['application/json'].example),
        op.operationId,
      ).toBeTruthy();
    }
  });
});

describe('implemented operations against the simulator', () => {
  let simulator: Simulator;
  let base: string;
  let token: string;

  interface Call {
    params?: Record<string, string>;
    body?: unknown;
    raw?: string;
    type?: string;
    auth?: boolean;
    query?: Record<string, string>;
    headers?: Record<string, string>;
    /** Where the contract asks for an Idempotency-Key, a fresh one is sent unless this is null. */
    idempotencyKey?: null;
  }

  const perDemoStudent = (call: (s: DemoStudent) => Call) =>
    Object.fromEntries(Object.entries(DEMO_STUDENTS).map(([key, s]) => [key, call(s)]));

  const journeys = journeyScenarios(() => simulator);
  const staff = staffScenarios(() => simulator);
  // What each implemented operation is tried with; every answer must be a documented one.
  const scenarios: Record<string, Record<string, Call>> = {
    getHealth: { ok: { auth: false } },
    issueKioskToken: {
      ok: { auth: false, body: DEMO_DEVICE },
      wrongSecret: { auth: false, body: { ...DEMO_DEVICE, secret: 'wrong' } },
      missingSecret: { auth: false, body: { deviceId: DEMO_DEVICE.deviceId } },
      notJson: { auth: false, raw: JSON.stringify(DEMO_DEVICE), type: 'text/plain' },
      tooLarge: { auth: false, body: { ...DEMO_DEVICE, pad: 'x'.repeat(70_000) } },
    },
    identifyStudent: {
      ...perDemoStudent((s) => ({
        body: { studentNumber: s.studentNumber, birthDate: s.birthDate },
      })),
      unknown: { body: { studentNumber: '29999999', birthDate: '2001-03-14' } },
      wrongDate: {
        body: { studentNumber: DEMO_STUDENTS.active.studentNumber, birthDate: '1990-01-01' },
      },
      badDate: { body: { studentNumber: '21901234', birthDate: '14032001' } },
      impossibleDate: { body: { studentNumber: '21901234', birthDate: '2003-02-31' } },
      noToken: { auth: false, body: { studentNumber: '21901234', birthDate: '2001-03-14' } },
      badJson: { raw: '{' },
    },
    getSealingKey: { ok: {}, noToken: { auth: false } },
    getDirectoryChanges: {
      fullSync: {},
      smallPage: { query: { limit: '7' } },
      expiredCursor: { query: { cursor: Buffer.from('000000000000.1.0').toString('base64url') } },
      malformedCursor: { query: { cursor: 'not-a-cursor' } },
      badLimit: { query: { limit: '5000' } },
      noToken: { auth: false },
    },
    getAccountStatus: {
      ...perDemoStudent((s) => ({ params: { identifier: s.identifier } })),
      unknown: { params: { identifier: 'nobody' } },
      tooLong: { params: { identifier: 'a'.repeat(70) } },
      noToken: { auth: false, params: { identifier: 'zlefevre' } },
    },
    ...journeys,
    ...staff.staff,
    // Journey operations also tried with a staff grant as the proof.
    ...Object.fromEntries(
      Object.entries(staff.grants).map(([id, calls]) => [id, { ...journeys[id], ...calls }]),
    ),
  };

  beforeAll(async () => {
    const clock = { now: () => new Date() };
    simulator = createSimulator({ dataset: generateDemoPopulation(clock.now()), clock });
    base = (await simulator.listen()).url;
    const answer = await fetch(base + PATHS.kioskToken, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(DEMO_DEVICE),
    });
    token = ((await answer.json()) as { accessToken: string }).accessToken;
  });
  afterAll(() => simulator.close());
  afterAll(() => expect(simulator.contractViolations).toEqual([]));

  it('has a scenario for every implemented operation', () => {
    expect(Object.keys(scenarios).sort()).toEqual(implemented.map((o) => o.op.operationId).sort());
  });

  it.each(implemented.map((o) => [o.op.operationId, o] as const))(
    '%s answers as documented',
    async (_, operation) => {
      const seen = new Set<string>();
      for (const [name, call] of Object.entries(scenarios[operation.op.operationId] ?? {})) {
        const path =
          operation.path.replace(/\{(\w+)\}/g, (_m, key: string) =>
            encodeURIComponent(call.params?.[key] ?? ''),
          ) + (call.query ? `?${new URLSearchParams(call.query)}` : '');
        const headers: Record<string, string> = { ...call.headers };
        if (call.auth !== false) headers.authorization = `Bearer ${token}`;
        const keyed = (operation.op.parameters ?? [])
          .map(resolve)
          .some((p) => p.in === 'header' && p.name === 'Idempotency-Key');
        if (keyed && call.idempotencyKey !== null) headers['idempotency-key'] ??= randomUUID();
        const body = call.raw ?? (call.body === undefined ? undefined : JSON.stringify(call.body));
        if (body !== undefined) headers['content-type'] = call.type ?? 'application/json';
        const response = await fetch(base + path, {
          method: operation.method.toUpperCase(),
          headers,
          body,
        });
        const label = `${operation.op.operationId}/${name} → ${response.status}`;
        expect(Object.keys(operation.op.responses), label).toContain(String(response.status));
        seen.add(String(response.status));
        if (response.status === 204) {
          expect(await response.text(), label).toBe('');
          continue;
        }
        expect(response.headers.get('content-type'), label).toMatch(/^application\/json/);
        const documented = resolve(operation.op.responses[String(response.status)]!) as {
          content: { 'application/json': { schema: Schema } };
        };
        expect(
          problems(await response.json(), documented.content['application/json'].schema),
          label,
        ).toEqual([]);
      }
      const succeeded = [...seen].some((status) => status.startsWith('2'));
      expect(succeeded, `${operation.op.operationId} never succeeded`).toBe(true);
    },
  );
});
