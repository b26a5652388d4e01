/**
 * Cases for what every kiosk uses before any journey: health, its token, the sealing key,
 * identification, account status, the directory change feed, the charter and the heartbeat.
 */
import { randomInt } from 'node:crypto';
import { checkSealingKey, createSealer, type Sealer } from '../../src-main/secrets/sealing';
import { expectAnswer, expectField, field, firstProblem } from './expect';
import { heartbeat } from './samples';
import type { Case, SuiteContext } from './suite';

const c = (operationId: string, name: string, status: number, run: Case['run']): Case => ({
  operationId,
  name,
  status,
  run,
});

/** The sealer for the target's published key, fetched once; passwords are sealed as kiosks do. */
export async function sealerOf(ctx: SuiteContext): Promise<Sealer> {
  let sealer = ctx.memo.get('sealer') as Sealer | undefined;
  if (!sealer) {
    const answer = await ctx.send('getSealingKey');
    if (answer.status !== 200) throw new Error(`no sealing key (${answer.status})`);
    sealer = createSealer(checkSealingKey(answer.body));
    ctx.memo.set('sealer', sealer);
  }
  return sealer;
}

/** A password as a provisioned kiosk sends it in a write: sealed to the target's key. */
export async function sealed(ctx: SuiteContext, password: string) {
  return { type: 'sealed', jwe: await (await sealerOf(ctx)).seal(password) };
}

/** A number no test account has: its failures limit nobody real. */
const strayNumber = () => `9${String(randomInt(10 ** 9)).padStart(9, '0')}`;

/**
 * Fails `attempts` times, then expects 429 with Retry-After: the per-subject limit of
 * identification and password checks (contract, Conventions). Only subjects that exist nowhere
 * are used, so no test account is held back.
 */
export async function limitReached(
  attempt: () => ReturnType<SuiteContext['send']>,
  failure: number,
  attempts = 12,
): Promise<string | null> {
  for (let i = 0; i < attempts; i += 1) {
    const answer = await attempt();
    if (answer.status === 429) return expectAnswer(answer, 429, 'rate_limited');
    const wrong = expectAnswer(answer, failure);
    if (wrong) return `attempt ${i + 1}: ${wrong}`;
  }
  return `still no 429 after ${attempts} failed attempts`;
}

const kiosk: Case[] = [
  c('getHealth', 'health', 200, async (ctx) => expectAnswer(await ctx.send('getHealth'), 200)),
  // The token every case runs on: target.token() checks that answer against the contract.
  c('issueKioskToken', 'the device credential', 200, (ctx) => ctx.target.token().then(() => null)),
  c('issueKioskToken', 'a wrong secret', 401, async (ctx) => {
    const body = { deviceId: ctx.target.deviceId, secret: 'not-the-secret-of-this-kiosk' };
    return expectAnswer(await ctx.send('issueKioskToken', { body }), 401);
  }),
  c('issueKioskToken', 'an unknown device', 401, async (ctx) => {
    const body = { deviceId: ctx.unknown, secret: 'not-the-secret-of-this-kiosk' };
    return expectAnswer(await ctx.send('issueKioskToken', { body }), 401);
  }),
  c('getSealingKey', 'the sealing key (kid is its thumbprint)', 200, async (ctx) => {
    const answer = await ctx.send('getSealingKey');
    const wrong = expectAnswer(answer, 200);
    if (wrong) return wrong;
    checkSealingKey(answer.body);
    return null;
  }),
  // Refused before any is kept: a dead letter naming its account, or more than the latest 20.
  c('sendHeartbeat', 'a dead letter naming its student', 400, async (ctx) => {
    const beat = heartbeat();
    const letter = { ...beat.recentDeadLetters[0]!, account: 'hlefevre' };
    const body = { ...beat, recentDeadLetters: [letter] };
    return expectAnswer(await ctx.send('sendHeartbeat', { body }), 400);
  }),
  c('sendHeartbeat', 'more dead letters than the latest 20', 400, async (ctx) => {
    const beat = heartbeat();
    const body = { ...beat, recentDeadLetters: Array(21).fill(beat.recentDeadLetters[0]) };
    return expectAnswer(await ctx.send('sendHeartbeat', { body }), 400);
  }),
  c('sendHeartbeat', 'a heartbeat', 204, async (ctx) =>
    expectAnswer(await ctx.send('sendHeartbeat', { body: heartbeat() }), 204),
  ),
  c('sendHeartbeat', 'another one at once (one per 15 seconds)', 429, async (ctx) =>
    expectAnswer(await ctx.send('sendHeartbeat', { body: heartbeat() }), 429, 'rate_limited'),
  ),
];

const identify: Case[] = [
  c('identifyStudent', 'the not-activated student', 200, async (ctx) => {
    const { studentNumber, birthDate, identifier } = ctx.fixtures.notActivated;
    const answer = await ctx.send('identifyStudent', { body: { studentNumber, birthDate } });
    return firstProblem(
      expectAnswer(answer, 200),
      expectField(answer, identifier, 'identifier'),
      expectField(answer, 'not_activated', 'account', 'status'),
    );
  }),
  c('identifyStudent', 'a wrong birth date', 404, async (ctx) => {
    const { studentNumber, birthDate } = ctx.fixtures.notActivated;
    const other = birthDate.endsWith('-01')
      ? `${birthDate.slice(0, 8)}02`
      : `${birthDate.slice(0, 8)}01`;
    const answer = await ctx.send('identifyStudent', { body: { studentNumber, birthDate: other } });
    return expectAnswer(answer, 404, 'identification_failed');
  }),
  c('identifyStudent', 'a date that is no calendar date', 400, async (ctx) => {
    const body = {
      studentNumber: ctx.fixtures.notActivated.studentNumber,
      birthDate: '2001-02-30',
    };
    return expectAnswer(await ctx.send('identifyStudent', { body }), 400);
  }),
  c('identifyStudent', 'failed guesses for one number, then the limit', 429, async (ctx) => {
    const studentNumber = strayNumber();
    return limitReached(
      () => ctx.send('identifyStudent', { body: { studentNumber, birthDate: '2000-01-01' } }),
      404,
    );
  }),
];

const status: Case[] = [
  c('getAccountStatus', 'an active account', 200, async (ctx) => {
    const { identifier } = ctx.fixtures.active;
    const answer = await ctx.send('getAccountStatus', { params: { identifier } });
    return firstProblem(expectAnswer(answer, 200), expectField(answer, 'active', 'status'));
  }),
  c('getAccountStatus', 'an unknown account', 404, async (ctx) =>
    expectAnswer(await ctx.send('getAccountStatus', { params: { identifier: ctx.unknown } }), 404),
  ),
  c('getAccountStatus', 'an identifier over 64 characters', 400, async (ctx) => {
    const params = { identifier: 'a'.repeat(65) };
    return expectAnswer(await ctx.send('getAccountStatus', { params }), 400);
  }),
];

const feed: Case[] = [
  c('getDirectoryChanges', 'the first page, then the next from its cursor', 200, async (ctx) => {
    const first = await ctx.send('getDirectoryChanges', { query: { limit: '1' } });
    const wrong = expectAnswer(first, 200);
    const cursor = field(first, 'nextCursor');
    if (wrong || typeof cursor !== 'string') return wrong ?? 'no nextCursor';
    const next = await ctx.send('getDirectoryChanges', { query: { cursor, limit: '1' } });
    return expectAnswer(next, 200);
  }),
  c('getDirectoryChanges', 'a limit out of range', 400, async (ctx) =>
    expectAnswer(await ctx.send('getDirectoryChanges', { query: { limit: '0' } }), 400),
  ),
  c('getDirectoryChanges', 'a cursor over 512 characters', 400, async (ctx) => {
    const query = { cursor: 'c'.repeat(513) };
    return expectAnswer(await ctx.send('getDirectoryChanges', { query }), 400);
  }),
];

const charter: Case[] = [
  c('getCharter', 'the current charter', 200, async (ctx) => {
    const answer = await ctx.send('getCharter');
    const version = field(answer, 'version');
    if (typeof version === 'string') ctx.memo.set('charterVersion', version);
    return expectAnswer(answer, 200);
  }),
];

/** The kiosk's own calls, in the order a kiosk makes them. */
export const KIOSK_CASES: readonly Case[] = [...kiosk, ...identify, ...status, ...feed, ...charter];
