import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PATHS } from '../../src-main/api/wire';
import { JOURNEY_PATHS } from '../../src-main/api/wire-journeys';
import {
  CASE_POLICY,
  CASE_STUDENTS,
  PASSWORD_CASES,
} from '../../src-main/core/password-policy.cases';
import type { PersonalData } from '../../src-main/core/password-policy';
import { DEMO_DEVICE, parseDataset } from '../../src-main/simulator/dataset';
import { createSimulator, type Simulator } from '../../src-main/simulator/server';
import { THIS_YEAR } from '../support/dataset';

// The policy's reference table, replayed against the simulator's server-side enforcement over
// HTTP (password change): the central API must refuse exactly what the kiosk refuses.

/** Cases without a student run on one whose data appears in no case's password. */
const NOBODY: PersonalData = {
  identifier: 'qxwzv',
  firstName: 'Yqzk',
  lastName: 'Wvjx',
  birthDate: '1950-06-29',
};
const STARTING_PASSWORD = 'Starting-Point-0';

const students = [...Object.values(CASE_STUDENTS), NOBODY];
let simulator: Simulator;
let base: string;
let token: string;
const current = new Map(students.map((s) => [s.identifier, STARTING_PASSWORD]));

beforeAll(async () => {
  const dataset = parseDataset({
    students: students.map((s, i) => ({
      ...s,
      studentNumber: String(30000000 + i),
      birthDate: s.birthDate,
      personalEmail: null,
      enrollments: [
        { academicYear: THIS_YEAR, program: 'Licence', validatedAt: '2020-09-01T08:00:00Z' },
      ],
      account: { status: 'active', activatedAt: '2020-09-02T08:00:00Z', leavingYear: null },
      password: STARTING_PASSWORD,
    })),
    staff: [],
  });
  simulator = createSimulator({
    dataset,
    clock: { now: () => new Date() },
    settings: { passwordPolicy: CASE_POLICY },
  });
  base = (await simulator.listen()).url;
  const answer = await fetch(base + PATHS.kioskToken, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(DEMO_DEVICE),
  });
  token = ((await answer.json()) as { accessToken: string }).accessToken;
});
afterAll(() => simulator.close());

describe('the password policy, enforced by the simulator', () => {
  it.each(PASSWORD_CASES.map((c) => [c.name, c] as const))('%s', async (_, testCase) => {
    const { identifier } = testCase.personal ?? NOBODY;
    const response = await fetch(base + JOURNEY_PATHS.passwordChange(identifier), {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      // JSON.stringify escapes a lone surrogate, so that case travels as it is.
      body: JSON.stringify({
        currentPassword: { type: 'plain', value: current.get(identifier) },
        newPassword: { type: 'plain', value: testCase.password },
      }),
    });
    const body = (await response.json()) as { code?: string; violations?: string[] };
    if (testCase.expectedViolations.length === 0) {
      expect({ status: response.status, body }).toMatchObject({ status: 200 });
      current.set(identifier, testCase.password);
    } else {
      expect({ status: response.status, code: body.code, violations: body.violations }).toEqual({
        status: 422,
        code: 'password_policy',
        violations: testCase.expectedViolations,
      });
    }
  });
});
